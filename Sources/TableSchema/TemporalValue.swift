/// A date, a time or a date and time, as a count of microseconds: since 0001-01-01 for dates
/// and date-times, since midnight for times. An aware value (one with a UTC offset) is counted
/// in UTC, as Python compares aware values; aware and naive values never compare equal.
struct TemporalValue: Sendable, Hashable {
    var microseconds: Int64
    var aware: Bool

    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Days since 0001-01-01 of a proleptic Gregorian date (Python's `date.toordinal() - 1`).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(year - 1)
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += Int64(daysIn(month: m, year: year)) }
        return days + Int64(day - 1)
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether Python's `datetime(year, month, day)` accepts these.
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// Whether Python's `time(hour, minute, second)` accepts these.
    static func isValid(hour: Int, minute: Int, second: Int) -> Bool {
        (0...23).contains(hour) && (0...59).contains(minute) && (0...59).contains(second)
    }

    static func date(year: Int, month: Int, day: Int) -> TemporalValue {
        TemporalValue(microseconds: days(year: year, month: month, day: day) * microsecondsPerDay, aware: false)
    }

    static func clock(hour: Int, minute: Int, second: Int, microsecond: Int) -> Int64 {
        ((Int64(hour) * 60 + Int64(minute)) * 60 + Int64(second)) * 1_000_000 + Int64(microsecond)
    }

    /// Orders two values as Python does, or `nil` when Python would refuse to compare them
    /// (naive with aware).
    func compare(_ other: TemporalValue) -> Int? {
        guard aware == other.aware else { return nil }
        return microseconds == other.microseconds ? 0 : (microseconds < other.microseconds ? -1 : 1)
    }
}
