import Foundation

/// Reads one cell's text as a value of a field's type and format, the way Frictionless's
/// field classes do; `nil` is a type error.
struct ValueReader: Sendable {
    private enum Kind: Sendable {
        case string(StringFormat)
        case number(NumberOptions?)
        case integer(bareNumber: Bool)
        case boolean([String: Bool])
        case date(Temporal), datetime(Temporal), time(Temporal)
        case year, yearmonth, any
    }

    struct NumberOptions: Sendable {
        var bareNumber: Bool
        var decimalChar: String
        var groupChar: String
    }

    enum Temporal: Sendable {
        case isoDefault, anyFormat, pattern(Strptime)
    }

    private let kind: Kind

    init(field: SchemaField) {
        func temporal() -> Temporal {
            switch field.format {
            case "default", "": .isoDefault
            case "any": .anyFormat
            default: .pattern(Strptime(format: field.format))
            }
        }
        switch field.type {
        case .string: kind = .string(StringFormat(format: field.format))
        case .number:
            kind = .number(field.hasNumberOptions
                ? NumberOptions(bareNumber: field.bareNumber ?? true, decimalChar: field.decimalChar ?? ".",
                                groupChar: field.groupChar ?? "") : nil)
        case .integer: kind = .integer(bareNumber: field.bareNumber ?? true)
        case .boolean:
            var mapping: [String: Bool] = [:]
            for value in field.trueValues { mapping[value] = true }
            for value in field.falseValues { mapping[value] = false }
            kind = .boolean(mapping)
        case .date: kind = .date(temporal())
        case .datetime: kind = .datetime(temporal())
        case .time: kind = .time(temporal())
        case .year: kind = .year
        case .yearmonth: kind = .yearmonth
        case .any, .other: kind = .any
        }
    }

    func read(_ cell: String) -> CellValue? {
        switch kind {
        case .string(let format): return format.accepts(cell) ? .text(cell) : nil
        case .any: return .text(cell)
        case .number(let options): return Self.number(cell, options).map(CellValue.number)
        case .integer(let bare):
            var text = PythonText.stripped(cell[...])
            if !bare { text = Self.strippedOfCurrency(text) }
            return ExactNumber.integer(text).map(CellValue.number)
        case .boolean(let mapping): return mapping[cell].map(CellValue.boolean)
        case .year:
            guard cell.unicodeScalars.count == 4, let year = ExactNumber.integer(cell[...]),
                  year.compares(to: ExactNumber(negative: false, digits: [], exponent: 0), { $0 >= 0 }) else { return nil }
            return .number(year)
        case .yearmonth: return Self.yearMonth(cell)
        case .date(let temporal): return Self.date(cell, temporal)
        case .datetime(let temporal): return Self.datetime(cell, temporal)
        case .time(let temporal): return Self.time(cell, temporal)
        }
    }

    /// Frictionless's `((^[^-\d]*)|(\D*$))` removal when `bareNumber` is false: leading text
    /// before a minus sign or a digit, trailing text after the last digit.
    private static func strippedOfCurrency(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 == "-" || PythonText.decimalDigit($0) != nil }) else { return "" }
        guard let end = scalars.lastIndex(where: { PythonText.decimalDigit($0) != nil }), end >= start else {
            return Substring(scalars[start...])
        }
        return Substring(scalars[start...end])
    }

    private static func number(_ cell: String, _ options: NumberOptions?) -> ExactNumber? {
        var text = PythonText.stripped(cell[...])
        if let options {
            if !options.bareNumber { text = strippedOfCurrency(text) }
            var processed = String(text)
            if !options.groupChar.isEmpty { processed = processed.replacingOccurrences(of: options.groupChar, with: "") }
            if options.decimalChar != "." {
                if processed.contains(".") { return nil }
                processed = processed.replacingOccurrences(of: options.decimalChar, with: ".")
            }
            text = processed[...]
        }
        return ExactNumber.decimal(text)
    }

    private static func yearMonth(_ cell: String) -> CellValue? {
        let parts = cell.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let year = ExactNumber.integer(parts[0]), let month = ExactNumber.integer(parts[1]),
              case .finite(let negative, let digits, let exponent) = month.kind, !negative,
              digits.count + exponent <= 2 else { return nil }
        let value = Int(digits.reduce(0) { $0 * 10 + Int($1) }) * (exponent > 0 ? 10 : 1)
        guard (1...12).contains(value),
              case .finite(let yearNegative, let yearDigits, let yearExponent) = year.kind else { return nil }
        // (year, month) as one number: year × 100 + month, exact for any year.
        let yearFull = yearDigits + Array(repeating: 0, count: max(0, yearExponent))
        return .number(ExactNumber(negative: yearNegative, digits: yearFull + [UInt8(value / 10), UInt8(value % 10)], exponent: 0))
    }
}
