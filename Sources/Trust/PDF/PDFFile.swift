/// A PDF opened for reading: header, merged cross-reference, and objects resolved on demand
/// (from the file or from object streams), cached. Lives for one call; not shared.
final class PDFFile {
    let bytes: [UInt8]
    /// The header's version: "1.7" for `%PDF-1.7`.
    let headerVersion: String
    let crossReference: PDFCrossReference
    /// The first object number the update may use: past `/Size` and every known entry.
    let nextObjectNumber: Int

    private var cache: [Int: PDFObject] = [:]
    private var objectStreams: [Int: ObjectStream] = [:]
    private var resolving: Set<Int> = []
    private var decodeBudget = PDFStreamDecoder.budget

    private struct ObjectStream {
        var data: [UInt8]
        var first: Int
        /// (object number, offset from `/First`) for each of the `/N` objects.
        var objects: [(number: Int, offset: Int)]
    }

    init(_ bytes: [UInt8]) throws(PDFSignatureError) {
        let header = Array("%PDF-".utf8)
        guard let start = PDFParser.find(header, in: Array(bytes.prefix(1024)), from: 0) else { throw .notAPDF }
        var version = ""
        var index = start + header.count
        while index < bytes.count, version.count < 8,
              bytes[index] == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            version.append(Character(UnicodeScalar(bytes[index])))
            index += 1
        }
        self.bytes = bytes
        self.headerVersion = version.isEmpty ? "1.0" : version
        let crossReference = try PDFCrossReference.read(bytes)
        let size = crossReference.trailer["Size"]?.integer ?? 0
        guard (0...PDFCrossReference.maximumObjectNumber + 1).contains(size) else { throw .malformed("/Size invalide") }
        self.crossReference = crossReference
        self.nextObjectNumber = max(size, (crossReference.entries.keys.max() ?? 0) + 1)
    }

    var trailer: PDFDictionary { crossReference.trailer }

    var isEncrypted: Bool { trailer["Encrypt"] != nil }


    /// The generation a rewritten object keeps (0 for objects in object streams).
    func generation(of number: Int) -> Int {
        if case .inFile(_, let generation)? = crossReference.entries[number] { return generation }
        return 0
    }

    /// Follows references (a chain of them, bounded) to the object itself; null if missing.
    func resolve(_ object: PDFObject?) throws(PDFSignatureError) -> PDFObject {
        var current = object ?? .null
        var hops = 0
        while case .reference(let reference) = current {
            hops += 1
            guard hops <= 32 else { throw .malformed("chaîne de références trop longue") }
            current = try self.object(reference)
        }
        return current
    }

    /// A dictionary, directly or through a reference; nil if it is something else or missing.
    func dictionary(_ object: PDFObject?) throws(PDFSignatureError) -> PDFDictionary? {
        try resolve(object).dictionary
    }

    /// An indirect object; `.null` when the cross-reference does not define it (§7.3.10).
    func object(_ reference: PDFReference) throws(PDFSignatureError) -> PDFObject {
        let number = reference.number
        if let cached = cache[number] { return cached }
        guard resolving.insert(number).inserted else { throw .malformed("objet \(number) défini par lui-même") }
        defer { resolving.remove(number) }
        let object: PDFObject
        switch crossReference.entries[number] {
        case .inFile(let offset, _)?:
            object = try objectInFile(number, at: offset)
        case .compressed(let stream, let index)?:
            object = try objectInStream(number, stream: stream, index: index)
        case .free?, nil:
            object = .null
        }
        cache[number] = object
        return object
    }

    private func objectInFile(_ number: Int, at offset: Int) throws(PDFSignatureError) -> PDFObject {
        guard offset >= 0, offset < bytes.count else { throw .malformed("objet \(number) hors du fichier") }
        var parser = PDFParser(bytes, at: offset) { [unowned self] reference in
            try? self.resolve(.reference(reference)).integer
        }
        let (found, object) = try parser.parseIndirectObject()
        guard found.number == number else {
            throw .malformed("la table de références place l’objet \(number) sur l’objet \(found.number)")
        }
        return object
    }

    private func objectInStream(_ number: Int, stream: Int, index: Int) throws(PDFSignatureError) -> PDFObject {
        let container = try objectStream(stream)
        guard index < container.objects.count, container.objects[index].number == number else {
            throw .malformed("objet \(number) absent du flux d’objets \(stream)")
        }
        let start = container.first + container.objects[index].offset
        guard start < container.data.count else { throw .malformed("objet \(number) hors du flux d’objets \(stream)") }
        var parser = PDFParser(container.data, at: start)
        return try parser.parseObject()
    }

    /// `/Type /ObjStm`: `/N` pairs of (number, offset) then the objects from `/First`.
    private func objectStream(_ number: Int) throws(PDFSignatureError) -> ObjectStream {
        if let cached = objectStreams[number] { return cached }
        guard case .inFile(let offset, _)? = crossReference.entries[number] else {
            throw .malformed("flux d’objets \(number) introuvable")
        }
        guard case .stream(let stream) = try objectInFile(number, at: offset),
              stream.dictionary["Type"]?.name == "ObjStm",
              let count = stream.dictionary["N"]?.integer, let first = stream.dictionary["First"]?.integer,
              count >= 0, first >= 0 else {
            throw .malformed("flux d’objets \(number) invalide")
        }
        let data = try PDFStreamDecoder.decode(stream, budget: &decodeBudget)
        var lexer = PDFLexer(data)
        var objects: [(number: Int, offset: Int)] = []
        for _ in 0..<min(count, data.count / 2) {
            guard case .integer(let objectNumber)? = try lexer.next(), case .integer(let objectOffset)? = try lexer.next(),
                  objectOffset >= 0 else {
                throw .malformed("en-tête du flux d’objets \(number) invalide")
            }
            objects.append((objectNumber, objectOffset))
        }
        let container = ObjectStream(data: data, first: first, objects: objects)
        objectStreams[number] = container
        return container
    }

    /// The document catalog (`/Root`).
    func catalog() throws(PDFSignatureError) -> (PDFReference, PDFDictionary) {
        guard let reference = trailer["Root"]?.reference else { throw .malformed("pas de /Root dans le trailer") }
        guard let catalog = try dictionary(.reference(reference)) else { throw .malformed("catalogue /Root introuvable") }
        return (reference, catalog)
    }

    /// The version the document declares: the header's, or the catalog's `/Version` if later.
    func version(catalog: PDFDictionary) -> String {
        guard let declared = catalog["Version"]?.name else { return headerVersion }
        func numbers(_ text: String) -> [Int] { text.split(separator: ".").compactMap { Int($0) } }
        return numbers(headerVersion).lexicographicallyPrecedes(numbers(declared)) ? declared : headerVersion
    }
}
