/// Cleans typed text: trimmed, newlines normalised (long text) or refused (short text), other
/// control characters refused, length bounded. `<script>` stays as typed: it is escaped on output.
enum TextInput {
    /// The cleaned text; nil when blank.
    static func clean(_ raw: String, multiline: Bool, maxLength: Int) throws(AnswerProblem) -> String? {
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in raw.unicodeScalars {
            defer { previous = scalar }
            // `\r\n` and a lone `\r` become `\n` in long text.
            if multiline, scalar == "\r" { scalars.append("\n") }
            else if !(multiline && scalar == "\n" && previous == "\r") { scalars.append(scalar) }
        }
        let text = String(scalars).trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n"] : []
        guard text.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control || allowed.contains($0) })
        else { throw .controlCharacters }
        guard text.count <= maxLength else { throw .tooLong(maxLength: maxLength) }
        return text
    }
}

extension String {
    /// Without leading and trailing white space and newlines (Unicode white space included).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// Without the separators people type inside numbers: spaces (including non-breaking ones),
    /// and any of `extra`.
    func removingSeparators(_ extra: Set<Character> = []) -> String {
        String(filter { !(extra.contains($0) || $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}") })
    }
}
