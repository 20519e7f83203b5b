extension ExactNumber {
    /// Python's `int(text)`: surrounding whitespace, an optional sign, decimal digits (any
    /// script's), single underscores between digits.
    static func integer(_ text: Substring) -> ExactNumber? {
        var scalars = PythonText.stripped(text).unicodeScalars[...]
        let negative = takeSign(&scalars)
        guard let digits = takeDigits(&scalars), !digits.isEmpty, scalars.isEmpty else { return nil }
        return ExactNumber(negative: negative, digits: digits, exponent: 0)
    }

    /// Python's `Decimal(text)`: `[sign] (digits[.digits] | .digits) [e[sign]digits]`,
    /// `Infinity`/`Inf`, `NaN`/`sNaN` (any case), surrounding whitespace, underscores between digits.
    static func decimal(_ text: Substring) -> ExactNumber? {
        var scalars = PythonText.stripped(text).unicodeScalars[...]
        let negative = takeSign(&scalars)
        let word = String(String.UnicodeScalarView(scalars)).lowercased()
        if word == "inf" || word == "infinity" { return ExactNumber(kind: .infinity(negative: negative)) }
        if let payload = word.hasPrefix("snan") ? word.dropFirst(4) : word.hasPrefix("nan") ? word.dropFirst(3) : nil {
            return payload.unicodeScalars.allSatisfy { PythonText.decimalDigit($0) != nil }
                ? ExactNumber(kind: .notANumber) : nil
        }
        guard let whole = takeDigits(&scalars) else { return nil }
        var fraction: [UInt8] = []
        if scalars.first == "." {
            scalars.removeFirst()
            guard let digits = takeDigits(&scalars) else { return nil }
            fraction = digits
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = 0
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars.removeFirst()
            let negativeExponent = takeSign(&scalars)
            guard let digits = takeDigits(&scalars), !digits.isEmpty, digits.count < 10 else { return nil }
            exponent = digits.reduce(0) { $0 * 10 + Int($1) } * (negativeExponent ? -1 : 1)
        }
        guard scalars.isEmpty else { return nil }
        return ExactNumber(negative: negative, digits: whole + fraction, exponent: exponent - fraction.count)
    }

    private static func takeSign(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> Bool {
        guard let first = scalars.first, first == "+" || first == "-" else { return false }
        scalars.removeFirst()
        return first == "-"
    }

    /// Leading decimal digits, with underscores allowed only between two digits; `nil` when an
    /// underscore is misplaced.
    private static func takeDigits(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> [UInt8]? {
        var digits: [UInt8] = []
        var afterUnderscore = false
        while let scalar = scalars.first {
            if let digit = PythonText.decimalDigit(scalar) {
                digits.append(digit)
                afterUnderscore = false
            } else if scalar == "_" {
                guard !digits.isEmpty, !afterUnderscore else { return nil }
                afterUnderscore = true
            } else {
                break
            }
            scalars.removeFirst()
        }
        return afterUnderscore ? nil : digits
    }
}
