/// Splits PDF bytes into tokens (ISO 32000-1 §7.2–7.3): numbers, names, strings, delimiters and
/// keywords (`obj`, `R`, `stream`, `true`, …). Works on the whole file from any offset.
struct PDFLexer {
    enum Token: Equatable {
        case integer(Int)
        case real(String)
        case name(String)
        case string([UInt8])
        case hexString([UInt8])
        case arrayStart, arrayEnd, dictionaryStart, dictionaryEnd
        case keyword(String)
    }

    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "/"), UInt8(ascii: "%"): true
        default: false
        }
    }

    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The next token, or nil at the end of the bytes.
    mutating func next() throws(PDFSignatureError) -> Token? {
        skipWhitespaceAndComments()
        guard position < bytes.count else { return nil }
        let start = position
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "["):
            position += 1
            return .arrayStart
        case UInt8(ascii: "]"):
            position += 1
            return .arrayEnd
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                position += 2
                return .dictionaryStart
            }
            return .hexString(try hexString())
        case UInt8(ascii: ">"):
            guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                throw .malformed("« > » isolé à l’octet \(start)")
            }
            position += 2
            return .dictionaryEnd
        case UInt8(ascii: "("):
            return .string(try literalString())
        case UInt8(ascii: "/"):
            position += 1
            return .name(name())
        case UInt8(ascii: ")"):
            throw .malformed("« ) » isolé à l’octet \(start)")
        case UInt8(ascii: "{"), UInt8(ascii: "}"):
            position += 1
            return .keyword(String(UnicodeScalar(byte)))
        default:
            while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
            let word = bytes[start..<position]
            if let number = Self.number(word) { return number }
            return .keyword(String(decoding: word, as: UTF8.self))
        }
    }

    /// `123`, `-4`, `+.5`, `3.` → a number token; anything else → nil (a keyword).
    private static func number(_ word: ArraySlice<UInt8>) -> Token? {
        var digits = 0, dots = 0
        for (index, byte) in zip(word.indices, word) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "+") where index == word.startIndex, UInt8(ascii: "-") where index == word.startIndex: break
            default: return nil
            }
        }
        guard digits > 0, dots <= 1 else { return nil }
        let text = String(decoding: word, as: UTF8.self)
        if dots == 0, digits <= 18, let value = Int(text) { return .integer(value) }
        return .real(text)
    }

    /// After `/`: the name's bytes, `#xx` decoded, one `Character` per byte.
    private mutating func name() -> String {
        var scalars = String.UnicodeScalarView()
        while position < bytes.count, Self.isRegular(bytes[position]) {
            var byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "#"), position + 1 < bytes.count,
               let high = Self.hexValue(bytes[position]), let low = Self.hexValue(bytes[position + 1]) {
                byte = high << 4 | low
                position += 2
            }
            scalars.append(UnicodeScalar(byte))
        }
        return String(scalars)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `<48 65 6C>`: whitespace ignored, an odd last digit padded with 0 (§7.3.4.3).
    private mutating func hexString() throws(PDFSignatureError) -> [UInt8] {
        let start = position
        position += 1
        var result: [UInt8] = []
        var high: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") {
                if let high { result.append(high << 4) }
                return result
            }
            if Self.isWhitespace(byte) { continue }
            guard let value = Self.hexValue(byte) else {
                throw .malformed("chaîne hexadécimale invalide à l’octet \(start)")
            }
            if let pending = high {
                result.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        throw .malformed("chaîne hexadécimale non terminée à l’octet \(start)")
    }

    /// `(…)`: balanced parentheses, backslash escapes, end-of-lines read as LF (§7.3.4.2).
    private mutating func literalString() throws(PDFSignatureError) -> [UInt8] {
        let start = position
        position += 1
        var result: [UInt8] = []
        var depth = 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
                result.append(byte)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return result }
                result.append(byte)
            case 0x0D:
                if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                result.append(0x0A)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case 0x0D:
                    if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                case 0x0A:
                    break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(escaped - UInt8(ascii: "0"))
                    for _ in 0..<2 {
                        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[position]) else { break }
                        value = value * 8 + Int(bytes[position] - UInt8(ascii: "0"))
                        position += 1
                    }
                    result.append(UInt8(truncatingIfNeeded: value))
                default:
                    result.append(escaped)
                }
            default:
                result.append(byte)
            }
        }
        throw .malformed("chaîne non terminée à l’octet \(start)")
    }
}
