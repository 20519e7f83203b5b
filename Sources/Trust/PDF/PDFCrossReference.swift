/// Where an object lives, per the cross-reference data.
enum PDFXRefEntry: Equatable, Sendable {
    case free
    /// Type 1: `n g obj` at this byte offset.
    case inFile(offset: Int, generation: Int)
    /// Type 2: the `index`-th object of object stream number `stream` (generation 0).
    case compressed(stream: Int, index: Int)
}

/// The merged cross-reference of a file (ISO 32000-1 §7.5.4, §7.5.8): classic `xref` tables with
/// their `trailer`, cross-reference streams (`/Type /XRef`, `/W`, `/Index`, predictors), hybrid
/// files (`/XRefStm`), and `/Prev` chains, the newest definition of an object winning.
struct PDFCrossReference: Sendable {
    static let maximumObjectNumber = 8_388_607
    static let maximumSections = 4_096

    var entries: [Int: PDFXRefEntry] = [:]
    /// The newest trailer; keys it lacks are taken from older sections.
    var trailer = PDFDictionary()
    /// The offset `startxref` gives: what the update's `/Prev` must say.
    var startxref: Int
    /// The newest section is a cross-reference stream (so the update writes one too).
    var newestIsStream = false

    private struct Section {
        var entries: [Int: PDFXRefEntry] = [:]
        var trailer = PDFDictionary()
        var isStream = false
    }

    /// Keys of a cross-reference stream's dictionary that describe the stream, not the document.
    private static let sectionOnlyKeys: Set<String> = [
        "Prev", "XRefStm", "Type", "W", "Index", "Length", "Filter", "DecodeParms", "DL",
    ]

    static func read(_ bytes: [UInt8]) throws(PDFSignatureError) -> PDFCrossReference {
        var result = PDFCrossReference(startxref: try startxref(bytes))
        var visited: Set<Int> = []
        var budget = PDFStreamDecoder.budget
        var next: Int? = result.startxref
        while let offset = next, visited.insert(offset).inserted {
            guard visited.count <= maximumSections else { throw .unsupported("plus de \(maximumSections) mises à jour") }
            let section = try readSection(bytes, at: offset, budget: &budget)
            if visited.count == 1 { result.newestIsStream = section.isStream }
            var entries = section.entries
            // Hybrid file: the stream's entries come after the table's (which may list them as
            // free for older readers) and before /Prev; it only adds objects, never frees one.
            if let hidden = section.trailer["XRefStm"]?.integer, visited.insert(hidden).inserted {
                let stream = try readSection(bytes, at: hidden, budget: &budget)
                guard stream.isStream else { throw .malformed("/XRefStm ne désigne pas un flux de références") }
                for (number, entry) in stream.entries where entry != .free && (entries[number] == nil || entries[number] == .free) {
                    entries[number] = entry
                }
            }
            for (number, entry) in entries where result.entries[number] == nil {
                result.entries[number] = entry
            }
            for (key, value) in section.trailer.entries where result.trailer[key] == nil && !sectionOnlyKeys.contains(key) {
                result.trailer[key] = value
            }
            next = section.trailer["Prev"]?.integer
        }
        return result
    }

    /// The offset after the last `startxref`.
    static func startxref(_ bytes: [UInt8]) throws(PDFSignatureError) -> Int {
        guard let keyword = PDFParser.findLast(Array("startxref".utf8), in: bytes, before: bytes.count) else {
            throw .malformed("pas de « startxref »")
        }
        var lexer = PDFLexer(bytes, at: keyword + 9)
        guard case .integer(let offset)? = try? lexer.next(), offset >= 0, offset < bytes.count else {
            throw .malformed("« startxref » sans position valide")
        }
        return offset
    }

    private static func readSection(_ bytes: [UInt8], at offset: Int, budget: inout Int) throws(PDFSignatureError) -> Section {
        guard offset >= 0, offset < bytes.count else { throw .malformed("référence croisée hors du fichier (\(offset))") }
        var lexer = PDFLexer(bytes, at: offset)
        switch try? lexer.next() {
        case .keyword("xref")?:
            return try table(&lexer)
        case .integer?:
            return try stream(bytes, at: offset, budget: &budget)
        default:
            throw .malformed("pas de table de références à l’octet \(offset)")
        }
    }

    /// After `xref`: subsections `first count` of `offset generation n|f`, then `trailer << … >>`.
    /// Entries are read as tokens, so 19- or 21-byte lines from sloppy writers still parse.
    private static func table(_ lexer: inout PDFLexer) throws(PDFSignatureError) -> Section {
        var section = Section()
        while true {
            let token = try lexer.next()
            if token == .keyword("trailer") { break }
            guard case .integer(let first)? = token, case .integer(let count)? = try lexer.next(),
                  first >= 0, count >= 0, first + count <= maximumObjectNumber + 1 else {
                throw .malformed("table de références invalide près de l’octet \(lexer.position)")
            }
            for number in first..<(first + count) {
                guard case .integer(let offset)? = try lexer.next(), case .integer(let generation)? = try lexer.next(),
                      case .keyword(let kind)? = try lexer.next(), kind == "n" || kind == "f" else {
                    throw .malformed("entrée de table de références invalide près de l’octet \(lexer.position)")
                }
                guard (0...65_535).contains(generation) else { throw .malformed("numéro de génération invalide (objet \(number))") }
                section.entries[number] = kind == "n" && offset > 0 ? .inFile(offset: offset, generation: generation) : .free
            }
        }
        var parser = PDFParser(lexer.bytes, at: lexer.position)
        guard case .dictionary(let trailer) = try parser.parseObject() else { throw .malformed("« trailer » sans dictionnaire") }
        section.trailer = trailer
        return section
    }

    /// A `/Type /XRef` stream object: rows of `/W` big-endian fields over the `/Index` ranges.
    private static func stream(_ bytes: [UInt8], at offset: Int, budget: inout Int) throws(PDFSignatureError) -> Section {
        var parser = PDFParser(bytes, at: offset)
        guard case .stream(let stream) = try parser.parseIndirectObject().1, stream.dictionary["Type"]?.name == "XRef" else {
            throw .malformed("l’objet à l’octet \(offset) n’est pas un flux de références")
        }
        let dictionary = stream.dictionary
        guard let widths = dictionary["W"]?.array?.compactMap(\.integer), widths.count == 3,
              widths.allSatisfy({ (0...8).contains($0) }), let size = dictionary["Size"]?.integer,
              (0...maximumObjectNumber + 1).contains(size) else {
            throw .malformed("flux de références sans /W ou /Size valides")
        }
        let index = dictionary["Index"]?.array?.compactMap(\.integer) ?? [0, size]
        guard index.count % 2 == 0 else { throw .malformed("/Index invalide") }
        let data = try PDFStreamDecoder.decode(stream, budget: &budget)
        let rowWidth = widths.reduce(0, +)
        guard rowWidth > 0 else { throw .malformed("/W vide") }

        var section = Section(trailer: dictionary, isStream: true)
        var row = 0
        for pair in stride(from: 0, to: index.count, by: 2) {
            let first = index[pair], count = index[pair + 1]
            guard first >= 0, count >= 0, first + count <= maximumObjectNumber + 1 else { throw .malformed("/Index invalide") }
            for number in first..<(first + count) {
                let start = row * rowWidth
                guard start + rowWidth <= data.count else { throw .malformed("flux de références tronqué") }
                var fields = [0, 0, 0]
                var position = start
                for (field, width) in widths.enumerated() {
                    for _ in 0..<width {
                        fields[field] = fields[field] << 8 | Int(data[position])
                        position += 1
                    }
                }
                let type = widths[0] == 0 ? 1 : fields[0]
                switch type {
                case 0: section.entries[number] = .free
                case 1 where fields[1] >= 0 && (0...65_535).contains(fields[2]):
                    section.entries[number] = .inFile(offset: fields[1], generation: fields[2])
                case 2 where fields[1] >= 0 && fields[2] >= 0:
                    section.entries[number] = .compressed(stream: fields[1], index: fields[2])
                case 1, 2: throw .malformed("entrée de flux de références invalide (objet \(number))")
                default: break // §7.5.8.3: other types are references to the null object
                }
                row += 1
            }
        }
        return section
    }
}
