/// What Python's `str` methods consider whitespace and digits, which decide how Frictionless
/// reads cells and labels.
enum PythonText {
    /// Python's `str.isspace()`: Unicode white space plus the ASCII separators 0x1C–0x1F.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// Python's `str.strip()`.
    static func stripped(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return Substring(scalars[start...end])
    }

    /// The value of a decimal digit of any script (Unicode category Nd), as `int()` reads it.
    static func decimalDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value >= 0x30 && scalar.value <= 0x39 { return UInt8(scalar.value - 0x30) }
        guard scalar.value > 0x7F, scalar.properties.numericType == .decimal,
              let value = scalar.properties.numericValue else { return nil }
        return UInt8(value)
    }

    /// Python's `len()`: the number of code points.
    static func length(_ text: Substring) -> Int {
        text.unicodeScalars.count
    }
}
