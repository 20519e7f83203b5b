/// Writes objects back as PDF syntax. Streams get their `/Length` from their data.
enum PDFSerializer {
    static func bytes(_ object: PDFObject) -> [UInt8] {
        var output: [UInt8] = []
        append(object, to: &output)
        return output
    }

    static func append(_ object: PDFObject, to output: inout [UInt8]) {
        switch object {
        case .null:
            output += Array("null".utf8)
        case .boolean(let value):
            output += Array((value ? "true" : "false").utf8)
        case .integer(let value):
            output += Array(String(value).utf8)
        case .real(let text):
            output += Array(text.utf8)
        case .name(let name):
            appendName(name, to: &output)
        case .string(let bytes, let hex):
            if hex { appendHex(bytes, to: &output) } else { appendLiteral(bytes, to: &output) }
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(0x20) }
                append(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            appendDictionary(dictionary, to: &output)
        case .reference(let reference):
            output += Array("\(reference.number) \(reference.generation) R".utf8)
        case .stream(let stream):
            var dictionary = stream.dictionary
            dictionary["Length"] = .integer(stream.data.count)
            appendDictionary(dictionary, to: &output)
            output += Array("\nstream\n".utf8)
            output += stream.data
            output += Array("\nendstream".utf8)
        }
    }

    private static func appendDictionary(_ dictionary: PDFDictionary, to output: inout [UInt8]) {
        output += Array("<<".utf8)
        for (key, value) in dictionary.entries {
            appendName(key, to: &output)
            output.append(0x20)
            append(value, to: &output)
            output.append(0x20)
        }
        output += Array(">>".utf8)
    }

    /// `/Name`, with `#xx` for delimiters, whitespace, `#` and bytes outside 0x21–0x7E.
    private static func appendName(_ name: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "/"))
        for scalar in name.unicodeScalars {
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            if (0x21...0x7E).contains(byte), !PDFLexer.isDelimiter(byte), byte != UInt8(ascii: "#") {
                output.append(byte)
            } else {
                output += Array("#".utf8) + hexDigits(byte)
            }
        }
    }

    /// `(…)` with `\`, parentheses and non-printable bytes escaped, so the string survives any
    /// end-of-line conversion.
    private static func appendLiteral(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "("))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                output += [UInt8(ascii: "\\"), byte]
            case 0x20...0x7E:
                output.append(byte)
            default:
                let octal = String(byte, radix: 8)
                output += Array(("\\" + String(repeating: "0", count: 3 - octal.count) + octal).utf8)
            }
        }
        output.append(UInt8(ascii: ")"))
    }

    private static func appendHex(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        for byte in bytes { output += hexDigits(byte) }
        output.append(UInt8(ascii: ">"))
    }

    static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}
