/// Parses PDF objects from tokens: direct objects, `n g obj … endobj`, and streams.
struct PDFParser {
    /// Nesting deeper than this is refused (a hostile file could otherwise exhaust the stack;
    /// ISO 32000-1 Annex C suggests 28 for arrays and dictionaries).
    static let maximumDepth = 64

    var lexer: PDFLexer
    /// Resolves an indirect `/Length` (`/Length 12 0 R`); nil or an unresolved one falls back to
    /// searching for `endstream`.
    var resolveLength: ((PDFReference) -> Int?)?

    init(_ bytes: [UInt8], at position: Int = 0, resolveLength: ((PDFReference) -> Int?)? = nil) {
        self.lexer = PDFLexer(bytes, at: position)
        self.resolveLength = resolveLength
    }

    var position: Int {
        get { lexer.position }
        set { lexer.position = newValue }
    }

    /// One direct object (a reference `n g R` counts as one).
    mutating func parseObject() throws(PDFSignatureError) -> PDFObject {
        try parseObject(depth: 0)
    }

    private mutating func parseObject(depth: Int) throws(PDFSignatureError) -> PDFObject {
        let start = lexer.position
        guard let token = try lexer.next() else { throw .malformed("fin de fichier inattendue") }
        return try object(from: token, start: start, depth: depth)
    }

    private mutating func object(from token: PDFLexer.Token, start: Int, depth: Int) throws(PDFSignatureError) -> PDFObject {
        guard depth < Self.maximumDepth else { throw .malformed("objets imbriqués trop profondément") }
        switch token {
        case .integer(let value):
            return try referenceOrInteger(value)
        case .real(let text):
            return .real(text)
        case .name(let name):
            return .name(name)
        case .string(let bytes):
            return .string(bytes, hex: false)
        case .hexString(let bytes):
            return .string(bytes, hex: true)
        case .arrayStart:
            var items: [PDFObject] = []
            while true {
                let itemStart = lexer.position
                guard let next = try lexer.next() else { throw .malformed("tableau non terminé à l’octet \(start)") }
                if next == .arrayEnd { return .array(items) }
                items.append(try object(from: next, start: itemStart, depth: depth + 1))
            }
        case .dictionaryStart:
            return .dictionary(try dictionaryBody(start: start, depth: depth))
        case .keyword("true"):
            return .boolean(true)
        case .keyword("false"):
            return .boolean(false)
        case .keyword("null"):
            return .null
        default:
            throw .malformed("objet attendu à l’octet \(start)")
        }
    }

    /// After `<<`: key/value pairs up to `>>`. A key without a value (a broken writer) is dropped.
    private mutating func dictionaryBody(start: Int, depth: Int) throws(PDFSignatureError) -> PDFDictionary {
        var dictionary = PDFDictionary()
        while true {
            guard let token = try lexer.next() else { throw .malformed("dictionnaire non terminé à l’octet \(start)") }
            if token == .dictionaryEnd { return dictionary }
            guard case .name(let key) = token else { throw .malformed("clé de dictionnaire attendue près de l’octet \(lexer.position)") }
            let valueStart = lexer.position
            guard let valueToken = try lexer.next() else { throw .malformed("dictionnaire non terminé à l’octet \(start)") }
            if valueToken == .dictionaryEnd { return dictionary }
            let value = try object(from: valueToken, start: valueStart, depth: depth + 1)
            if value != .null { dictionary[key] = value }
        }
    }

    /// After an integer: `n g R` is a reference, otherwise the integer alone.
    private mutating func referenceOrInteger(_ number: Int) throws(PDFSignatureError) -> PDFObject {
        let saved = lexer.position
        if case .integer(let generation)? = try? lexer.next(),
           case .keyword("R")? = try? lexer.next(), number >= 0, generation >= 0 {
            return .reference(PDFReference(number, generation))
        }
        lexer.position = saved
        return .integer(number)
    }

    /// `n g obj <object> [stream … endstream] endobj` at the current position.
    mutating func parseIndirectObject() throws(PDFSignatureError) -> (PDFReference, PDFObject) {
        let start = lexer.position
        guard case .integer(let number)? = try lexer.next(), case .integer(let generation)? = try lexer.next(),
              case .keyword("obj")? = try lexer.next() else {
            throw .malformed("objet indirect attendu à l’octet \(start)")
        }
        var object = try parseObject()
        if case .dictionary(let dictionary) = object {
            let saved = lexer.position
            if case .keyword("stream")? = try? lexer.next() {
                object = .stream(PDFStream(dictionary: dictionary, data: try streamData(dictionary, start: start)))
            } else {
                lexer.position = saved
            }
        }
        return (PDFReference(number, generation), object)
    }

    /// After `stream`: the end-of-line, then `/Length` bytes if `endstream` follows them, else the
    /// bytes up to `endstream` (writers get `/Length` wrong often enough).
    private mutating func streamData(_ dictionary: PDFDictionary, start: Int) throws(PDFSignatureError) -> [UInt8] {
        let bytes = lexer.bytes
        var dataStart = lexer.position
        if dataStart < bytes.count, bytes[dataStart] == 0x0D { dataStart += 1 }
        if dataStart < bytes.count, bytes[dataStart] == 0x0A { dataStart += 1 }

        var declared: Int?
        switch dictionary["Length"] {
        case .integer(let length)?: declared = length
        case .reference(let reference)?: declared = resolveLength?(reference)
        default: declared = nil
        }
        if let declared, declared >= 0, declared <= bytes.count - dataStart {
            var end = PDFLexer(bytes, at: dataStart + declared)
            if case .keyword("endstream")? = try? end.next() {
                lexer.position = end.position
                skipEndobj()
                return Array(bytes[dataStart..<(dataStart + declared)])
            }
        }
        guard let found = Self.find(Array("endstream".utf8), in: bytes, from: dataStart) else {
            throw .malformed("flux sans « endstream » (objet à l’octet \(start))")
        }
        var dataEnd = found
        if dataEnd > dataStart, bytes[dataEnd - 1] == 0x0A { dataEnd -= 1 }
        if dataEnd > dataStart, bytes[dataEnd - 1] == 0x0D { dataEnd -= 1 }
        lexer.position = found + 9
        skipEndobj()
        return Array(bytes[dataStart..<dataEnd])
    }

    private mutating func skipEndobj() {
        let saved = lexer.position
        if case .keyword("endobj")? = try? lexer.next() { return }
        lexer.position = saved
    }

    /// The first occurrence of `needle` at or after `start`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = max(start, 0)
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The last occurrence of `needle` that starts before `end`.
    static func findLast(_ needle: [UInt8], in bytes: [UInt8], before end: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var index = min(end, bytes.count) - needle.count
        while index >= 0 {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}
