import Foundation

/// Dates as CKAN writes them (`2026-11-25T08:00:00.000000`, UTC without a zone) and as
/// harvesters query them (`[2026-11-25T07:00:00.123456Z TO *]`, `NOW`, a bare date).
enum CKANDates {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    static func format(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, (parts.nanosecond ?? 0) / 1000)
    }

    /// `[A TO B]` (either end `*`), or one date meaning that instant onwards to itself.
    static func range(_ text: String) -> ClosedRange<Date>? {
        guard text.hasPrefix("["), text.hasSuffix("]") else {
            return date(text).map { $0...$0 }
        }
        let inner = text.dropFirst().dropLast()
        let parts = inner.components(separatedBy: " TO ")
        guard parts.count == 2 else { return nil }
        let lower = parts[0].trimmingCharacters(in: .whitespaces), upper = parts[1].trimmingCharacters(in: .whitespaces)
        guard let start = lower == "*" ? Date.distantPast : date(lower),
              let end = upper == "*" ? Date.distantFuture : date(upper), start <= end else { return nil }
        return start...end
    }

    /// `NOW`, `2026-11-25`, `2026-11-25T08:00`, `…:00`, with fractional seconds, `Z` or an offset.
    static func date(_ text: String) -> Date? {
        if text == "NOW" { return Date() }
        let pattern = /([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        var parts = DateComponents()
        parts.year = Int(match.1)
        parts.month = Int(match.2)
        parts.day = Int(match.3)
        parts.hour = match.4.flatMap { Int($0) } ?? 0
        parts.minute = match.5.flatMap { Int($0) } ?? 0
        parts.second = match.6.flatMap { Int($0) } ?? 0
        guard let month = parts.month, (1...12).contains(month), let day = parts.day, (1...31).contains(day),
              (0...23).contains(parts.hour ?? 0), (0...59).contains(parts.minute ?? 0), (0...60).contains(parts.second ?? 0),
              var date = utc.date(from: parts) else { return nil }
        if let fraction = match.7 {
            date += (Double("0." + fraction) ?? 0)
        }
        if let zone = match.8, zone != "Z" {
            let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
            let offset = (Int(digits.prefix(2)) ?? 0) * 3600 + (Int(digits.suffix(2)) ?? 0) * 60
            date -= Double(zone.hasPrefix("-") ? -offset : offset)
        }
        return date
    }
}
