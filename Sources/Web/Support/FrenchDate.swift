import Foundation

/// Dates as French readers expect them ("25 novembre 2026"), in Paris time.
public enum FrenchDate {
    static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    public static func long(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let day = parts.day == 1 ? "1er" : String(parts.day ?? 1)
        return "\(day) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970)"
    }

    /// `14 h 05`, Paris time.
    public static func time(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%d h %02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `YYYY-MM-DD` in Paris time, for `<time datetime>`.
    public static func iso(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
