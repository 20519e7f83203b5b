/// The subset of `dateutil.parser.isoparse` Frictionless uses for `datetime` and `time`
/// fields with the `default` format: `YYYY-MM-DD` (or `YYYYMMDD`, `YYYY-MM`, `YYYY`), any one
/// separator character, `HH[:MM[:SS[.ffffff]]]`, then `Z` or `±HH[[:]MM]`. Week and ordinal
/// dates (`2020-W01-1`, `2020-001`) are not read (a deviation noted in the README).
enum ISOParser {
    struct Parts {
        var year = 1, month = 1, day = 1
        var hour = 0, minute = 0, second = 0, microsecond = 0
        /// Offset from UTC in seconds, or `nil` for a naive value.
        var offset: Int?
        /// `24:00:00` was written: midnight of the next day.
        var nextDay = false
    }

    /// `isoparse(text)`, or `nil` where dateutil raises.
    static func parse(_ text: Substring) -> Parts? {
        guard text.allSatisfy(\.isASCII) else { return nil }
        let bytes = Array(text.utf8)
        guard var parts = parseDate(bytes) else { return nil }
        var position = parts.position
        if position < bytes.count {
            position += 1  // any single separator
            guard parseTime(bytes[position...], into: &parts.value) else { return nil }
        }
        var value = parts.value
        guard TemporalValue.isValid(year: value.year, month: value.month, day: value.day) else { return nil }
        if value.hour == 24 {
            value.hour = 0
            value.nextDay = true
        }
        return value
    }

    /// Python's `int()` over a few ASCII bytes.
    private static func int(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, let number = ExactNumber.integer(Substring(decoding: bytes, as: UTF8.self)),
              case .finite(let negative, let significand, let exponent) = number.kind else { return nil }
        let magnitude = significand.reduce(0) { $0 * 10 + Int($1) } * Int(pow10(exponent))
        return negative ? -magnitude : magnitude
    }

    private static func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }

    private static func slice(_ bytes: [UInt8], _ from: Int, _ length: Int) -> ArraySlice<UInt8> {
        bytes[min(from, bytes.count)..<min(from + length, bytes.count)]
    }

    private static func parseDate(_ bytes: [UInt8]) -> (value: Parts, position: Int)? {
        var parts = Parts()
        guard bytes.count >= 4, let year = int(slice(bytes, 0, 4)) else { return nil }
        parts.year = year
        var position = 4
        if position >= bytes.count { return (parts, position) }
        let separated = bytes[position] == UInt8(ascii: "-")
        if separated { position += 1 }
        guard bytes.count - position >= 2, let month = int(slice(bytes, position, 2)) else { return nil }
        parts.month = month
        position += 2
        if position >= bytes.count { return separated ? (parts, position) : nil }
        if separated {
            guard bytes[position] == UInt8(ascii: "-") else { return nil }
            position += 1
        }
        guard bytes.count - position >= 2, let day = int(slice(bytes, position, 2)) else { return nil }
        parts.day = day
        return (parts, position + 2)
    }

    /// dateutil's `_parse_isotime`, writing into `parts`.
    static func parseTime(_ time: ArraySlice<UInt8>, into parts: inout Parts) -> Bool {
        let bytes = Array(time)
        guard bytes.count >= 2 else { return false }
        var components = [0, 0, 0, 0]
        var position = 0, component = -1, separated = false
        while position < bytes.count && component < 5 {
            component += 1
            let byte = bytes[position]
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
                guard let offset = parseZone(Array(bytes[position...])) else { return false }
                parts.offset = offset
                position = bytes.count
                break
            }
            if component == 1 && byte == UInt8(ascii: ":") {
                separated = true
                position += 1
            } else if component == 2 && separated {
                guard byte == UInt8(ascii: ":") else { return false }
                position += 1
            }
            if component < 3 {
                guard let value = int(slice(bytes, position, 2)) else { return false }
                components[component] = value
                position += 2
            } else if component == 3 {
                guard position < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ",") else { continue }
                var end = position + 1
                while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
                guard end > position + 1 else { continue }
                let digits = bytes[(position + 1)..<min(end, position + 7)].map { Int($0 - UInt8(ascii: "0")) }
                components[3] = digits.reduce(0) { $0 * 10 + $1 } * pow10(6 - digits.count)
                position = end
            }
        }
        guard position >= bytes.count else { return false }
        if components[0] == 24 {
            guard components[1] == 0, components[2] == 0, components[3] == 0 else { return false }
        } else if !TemporalValue.isValid(hour: components[0], minute: components[1], second: components[2]) {
            return false
        }
        (parts.hour, parts.minute, parts.second, parts.microsecond) = (components[0], components[1], components[2], components[3])
        return true
    }

    /// dateutil's `_parse_tzstr`: `Z`, `z`, `±HH`, `±HHMM`, `±HH:MM`; seconds east of UTC.
    private static func parseZone(_ bytes: [UInt8]) -> Int? {
        if bytes == [UInt8(ascii: "Z")] || bytes == [UInt8(ascii: "z")] { return 0 }
        guard [3, 5, 6].contains(bytes.count) else { return nil }
        let sign: Int
        switch bytes[0] {
        case UInt8(ascii: "-"): sign = -1
        case UInt8(ascii: "+"): sign = 1
        default: return nil
        }
        guard let hours = int(slice(bytes, 1, 2)) else { return nil }
        var minutes = 0
        if bytes.count > 3 {
            let start = bytes[3] == UInt8(ascii: ":") ? 4 : 3
            guard let value = int(bytes[start...]) else { return nil }
            minutes = value
        }
        if hours == 0 && minutes == 0 { return 0 }
        guard minutes <= 59, hours <= 23 else { return nil }
        return sign * (hours * 60 + minutes) * 60
    }
}
