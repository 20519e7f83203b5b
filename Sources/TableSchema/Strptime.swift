import Foundation

/// Python 3's `datetime.strptime(text, format)` for a field `format` such as `%d/%m/%Y`: the
/// format becomes the same regular expression Python's `_strptime` builds (case-insensitive,
/// matched from the start, the whole text consumed), then the same defaults and checks apply
/// (year 1900, or 1904 for 29 February without a year; real calendar days). Names of months
/// and days are the C locale's (English).
struct Strptime: @unchecked Sendable {
    /// `nil` when Python would refuse the format itself (an unknown directive, a stray `%`, the
    /// same directive twice): every cell is then a type error, as with Frictionless.
    private let expression: NSRegularExpression?
    private let directives: [Character]

    init(format: String) {
        var pattern = ""
        var directives: [Character] = []
        var valid = true
        var characters = format[...]
        while let character = characters.popFirst() {
            if character == "%" {
                guard let directive = characters.popFirst(), let expression = Self.expressions[directive] else {
                    valid = false
                    break
                }
                if directive == "%" {
                    pattern += "%"
                    continue
                }
                if directives.contains(directive) { valid = false }
                directives.append(directive)
                pattern += "(" + expression + ")"
            } else if character.unicodeScalars.allSatisfy(PythonText.isSpace) {
                while let next = characters.first, next.unicodeScalars.allSatisfy(PythonText.isSpace) { characters.removeFirst() }
                pattern += "\\s+"
            } else if "\\.^$*+?(){}[]|".contains(character) {
                pattern += "\\" + String(character)
            } else {
                pattern += String(character)
            }
        }
        self.directives = directives
        self.expression = valid ? try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .useUnixLineSeparators]) : nil
    }

    /// The parts Python reads, or `nil` where `strptime` raises.
    func parse(_ text: String) -> ISOParser.Parts? {
        guard let expression else { return nil }
        let string = text as NSString
        guard let match = expression.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: string.length)),
              match.range.length == string.length else { return nil }
        var values: [Character: String] = [:]
        for (index, directive) in directives.enumerated() {
            values[directive] = string.substring(with: match.range(at: index + 1))
        }
        return Self.resolve(values)
    }

    private static func number(_ text: String?) -> Int? {
        guard let text else { return nil }
        var value = 0
        for scalar in text.unicodeScalars {
            guard let digit = PythonText.decimalDigit(scalar) else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    private static func resolve(_ values: [Character: String]) -> ISOParser.Parts? {
        var parts = ISOParser.Parts()
        var year: Int?
        if let short = number(values["y"]) { year = short <= 68 ? short + 2000 : short + 1900 }
        if let full = number(values["Y"]) { year = full }
        parts.month = number(values["m"]) ?? 1
        if let name = values["b"] ?? values["B"], let index = months.firstIndex(where: { name.lowercased().hasPrefix($0) }) {
            parts.month = index + 1
        }
        parts.day = number(values["d"].map { $0.trimmingCharacters(in: .whitespaces) }) ?? 1
        parts.hour = number(values["H"]) ?? 0
        if let hour = number(values["I"]) {
            let afternoon = values["p"]?.lowercased() == "pm"
            parts.hour = afternoon ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour)
        }
        parts.minute = number(values["M"]) ?? 0
        parts.second = number(values["S"]) ?? 0
        if let fraction = values["f"] {
            parts.microsecond = number(fraction + String(repeating: "0", count: 6 - fraction.count)) ?? 0
        }
        if let zone = values["z"] { parts.offset = offset(zone) }
        if values["z"] != nil && parts.offset == nil { return nil }
        if year == nil && parts.month == 2 && parts.day == 29 { year = 1904 }
        parts.year = year ?? 1900
        if let ordinal = number(values["j"]) {
            guard (1...9999).contains(parts.year) else { return nil }
            var remaining = ordinal, month = 1, yearOfDay = parts.year
            while remaining > TemporalValue.daysIn(month: month, year: yearOfDay) {
                remaining -= TemporalValue.daysIn(month: month, year: yearOfDay)
                month += 1
                if month > 12 { (month, yearOfDay) = (1, yearOfDay + 1) }
            }
            (parts.year, parts.month, parts.day) = (yearOfDay, month, remaining)
        }
        guard TemporalValue.isValid(year: parts.year, month: parts.month, day: parts.day),
              TemporalValue.isValid(hour: parts.hour, minute: parts.minute, second: parts.second) else { return nil }
        return parts
    }

    /// `Z`, `±HHMM`, `±HH:MM`, `±HHMMSS[.ffffff]`: seconds east of UTC.
    private static func offset(_ zone: String) -> Int? {
        if zone == "Z" { return 0 }
        var digits = Array(zone.dropFirst().filter { $0 != ":" })
        if let dot = digits.firstIndex(of: ".") { digits = Array(digits[..<dot]) }
        guard digits.count >= 4, let hours = Int(String(digits[0..<2])), let minutes = Int(String(digits[2..<4])) else { return nil }
        let seconds = digits.count >= 6 ? Int(String(digits[4..<6])) ?? 0 : 0
        return (zone.hasPrefix("-") ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func names(_ names: [String]) -> String {
        names.sorted { $0.count > $1.count }.joined(separator: "|")
    }

    /// Python's `_strptime.TimeRE`, without its named groups (each directive is one group).
    private static let expressions: [Character: String] = [
        "d": #"3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9]"#,
        "f": "[0-9]{1,6}",
        "H": #"2[0-3]|[0-1]\d|\d"#,
        "I": "1[0-2]|0[1-9]|[1-9]",
        "j": #"36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9]"#,
        "m": "1[0-2]|0[1-9]|[1-9]",
        "M": #"[0-5]\d|\d"#,
        "S": #"6[0-1]|[0-5]\d|\d"#,
        "U": #"5[0-3]|[0-4]\d|\d"#,
        "W": #"5[0-3]|[0-4]\d|\d"#,
        "w": "[0-6]",
        "u": "[1-7]",
        "y": #"\d\d"#,
        "Y": #"\d\d\d\d"#,
        "z": #"[+-]\d\d:?[0-5]\d(?::?[0-5]\d(?:\.\d{1,6})?)?|(?-i:Z)"#,
        "a": names(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
        "A": names(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
        "b": names(months),
        "B": names(["january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"]),
        "p": "am|pm",
        "Z": "utc|gmt",
        "%": "%",
    ]
}
