import Foundation

/// Numbers as people type them in France: `12`, `-3`, `12,5` or `12.5`, `1 000,50`.
enum DecimalInput {
    /// The canonical decimal string (`1000.5`) and its value; throws `notANumber`.
    static func parse(_ raw: String) throws(AnswerProblem) -> (text: String, value: Decimal) {
        var text = Substring(raw.removingSeparators())
        var negative = false
        if let sign = text.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "." }
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), whole.count <= 15 else { throw .notANumber }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= 10 else { throw .notANumber }
        let integer = whole.drop { $0 == "0" }
        let decimals = fraction.reversed().drop { $0 == "0" }.reversed()
        var canonical = (integer.isEmpty ? "0" : String(integer))
        if !decimals.isEmpty { canonical += "." + String(decimals) }
        if negative, canonical != "0" { canonical = "-" + canonical }
        guard let value = Decimal(string: canonical, locale: Locale(identifier: "en_US_POSIX")) else {
            throw .notANumber
        }
        return (canonical, value)
    }

    /// A latitude or longitude: a number within ±`limit`.
    static func coordinate(_ raw: String, limit: Double) throws(AnswerProblem) -> Double {
        let text = raw.trimmingWhitespace().replacingOccurrences(of: ",", with: ".")
        guard !text.isEmpty, text.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "-" || $0 == "+" }),
              let value = Double(text), value.isFinite, abs(value) <= limit else { throw .invalidCoordinates }
        return value
    }
}
