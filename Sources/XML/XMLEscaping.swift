/// Character escaping for the writer, per XML 1.0:
/// - `&`, `<`, `>` and `"` become entity references everywhere (so `]]>` can never appear);
/// - in attribute values, tab, line feed and carriage return become character references
///   (`&#9;`, `&#10;`, `&#13;`), which attribute-value normalisation would otherwise turn into
///   spaces; in text, carriage return becomes `&#13;` (line-end normalisation would drop it);
/// - DEL and the C1 controls (U+007F to U+009F) are written as character references;
/// - characters XML 1.0 cannot carry at all, even as references (the other C0 controls,
///   U+FFFE, U+FFFF), become U+FFFD.
enum XMLEscaping {
    static func appendText(_ text: String, to output: inout String) {
        append(text, inAttribute: false, to: &output)
    }

    static func appendAttributeValue(_ value: String, to output: inout String) {
        append(value, inAttribute: true, to: &output)
    }

    private static func append(_ string: String, inAttribute: Bool, to output: inout String) {
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x26: output += "&amp;"
            case 0x3C: output += "&lt;"
            case 0x3E: output += "&gt;"
            case 0x22: output += "&quot;"
            case 0x09, 0x0A: output += inAttribute ? "&#\(scalar.value);" : String(Character(scalar))
            case 0x0D: output += "&#13;"
            case 0x00...0x1F, 0xFFFE, 0xFFFF: output += "\u{FFFD}"
            case 0x7F...0x9F: output += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
