import Zlib

/// Decodes the streams the signer has to read: cross-reference streams and object streams.
/// `/FlateDecode` (with PNG or TIFF predictors) or no filter; anything else is `unsupported`.
enum PDFStreamDecoder {
    /// A decoded stream larger than this is refused (a decompression bomb).
    static let limit = 64 * 1024 * 1024
    /// What all the streams one reading decodes may add up to (many small bombs).
    static let budget = 256 * 1024 * 1024

    /// Decodes `stream`, taking its size from `budget`.
    static func decode(_ stream: PDFStream, budget: inout Int) throws(PDFSignatureError) -> [UInt8] {
        let filters: [PDFObject]
        switch stream.dictionary["Filter"] {
        case nil: filters = []
        case .name(let name)?: filters = [.name(name)]
        case .array(let array)?: filters = array
        default: throw .malformed("/Filter invalide")
        }
        let parameters: [PDFObject]
        switch stream.dictionary["DecodeParms"] {
        case .array(let array)?: parameters = array
        case let other?: parameters = [other]
        case nil: parameters = []
        }
        var data = stream.data
        for (index, filter) in filters.enumerated() {
            guard case .name(let name) = filter else { throw .malformed("/Filter invalide") }
            guard name == "FlateDecode" || name == "Fl" else { throw .unsupported("filtre de flux /\(name)") }
            do throws(ZlibError) {
                data = try Zlib.inflate(data, limit: min(limit, max(budget, 0)))
            } catch {
                throw .malformed("flux compressé illisible : \(error.message)")
            }
            if index < parameters.count, case .dictionary(let parms) = parameters[index] {
                data = try PDFPredictor.decode(data, parameters: parms)
            }
        }
        budget -= data.count
        return data
    }
}

/// Undoes the predictors of `/DecodeParms` (ISO 32000-1 §7.4.4.4): PNG (10–15, one filter byte
/// per row) as qpdf, LibreOffice, Word and pdfTeX write them, and TIFF 2 for 8-bit samples.
enum PDFPredictor {
    static func decode(_ data: [UInt8], parameters: PDFDictionary) throws(PDFSignatureError) -> [UInt8] {
        let predictor = parameters["Predictor"]?.integer ?? 1
        guard predictor > 1 else { return data }
        let colors = parameters["Colors"]?.integer ?? 1
        let bitsPerComponent = parameters["BitsPerComponent"]?.integer ?? 8
        let columns = parameters["Columns"]?.integer ?? 1
        guard (1...32).contains(colors), [1, 2, 4, 8, 16].contains(bitsPerComponent), (1...1 << 20).contains(columns) else {
            throw .malformed("paramètres de prédicteur invalides")
        }
        let bytesPerPixel = max(1, colors * bitsPerComponent / 8)
        let rowLength = (colors * bitsPerComponent * columns + 7) / 8
        guard rowLength <= 1 << 20 else { throw .unsupported("prédicteur sur des lignes de \(rowLength) octets") }
        if predictor == 2 {
            guard bitsPerComponent == 8 else { throw .unsupported("prédicteur TIFF sur \(bitsPerComponent) bits") }
            var output = data
            var rowStart = 0
            while rowStart < output.count {
                let rowEnd = min(rowStart + rowLength, output.count)
                if rowStart + bytesPerPixel < rowEnd {
                    for index in (rowStart + bytesPerPixel)..<rowEnd {
                        output[index] &+= output[index - bytesPerPixel]
                    }
                }
                rowStart += rowLength
            }
            return output
        }
        guard predictor >= 10 else { throw .unsupported("prédicteur \(predictor)") }
        return try png(data, rowLength: rowLength, bytesPerPixel: bytesPerPixel)
    }

    /// Each row is a filter-type byte then `rowLength` bytes; a short last row is kept as is.
    private static func png(_ data: [UInt8], rowLength: Int, bytesPerPixel: Int) throws(PDFSignatureError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count / (rowLength + 1) * rowLength)
        var previous = [UInt8](repeating: 0, count: rowLength)
        var row = [UInt8](repeating: 0, count: rowLength)
        var index = 0
        while index < data.count {
            let type = data[index]
            let available = min(rowLength, data.count - index - 1)
            for column in 0..<rowLength { row[column] = column < available ? data[index + 1 + column] : 0 }
            for column in 0..<rowLength {
                let left = column >= bytesPerPixel ? row[column - bytesPerPixel] : 0
                let up = previous[column]
                let upLeft = column >= bytesPerPixel ? previous[column - bytesPerPixel] : 0
                switch type {
                case 0: break
                case 1: row[column] &+= left
                case 2: row[column] &+= up
                case 3: row[column] &+= UInt8((Int(left) + Int(up)) / 2)
                case 4: row[column] &+= paeth(left, up, upLeft)
                default: throw .malformed("filtre PNG \(type) inconnu")
                }
            }
            output.append(contentsOf: row[0..<available])
            swap(&previous, &row)
            index += 1 + rowLength
        }
        return output
    }

    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb, pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
