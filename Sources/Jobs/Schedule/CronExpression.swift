import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`), evaluated in a
/// time zone. Fields take `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b`,
/// and names for months (`jan`) and weekdays (`mon`, 0 and 7 being Sunday); `@hourly`,
/// `@daily`, `@weekly`, `@monthly`, `@yearly` are accepted. As in cron, when both day fields
/// are restricted a day matches either.
public struct CronExpression: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var expression: String
        public var reason: String
        public var description: String { "invalid cron expression \(String(reflecting: expression)): \(reason)" }
    }

    public init(_ text: String) throws {
        let macros = ["@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
                      "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"]
        let expanded = macros[text.lowercased()] ?? text
        let fields = expanded.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        guard fields.count == 5 else { throw ParseError(expression: text, reason: "expected 5 fields, found \(fields.count)") }
        func parse(_ index: Int, _ range: ClosedRange<Int>, names: [String] = [], name: String) throws -> Set<Int> {
            do {
                return try Self.field(fields[index], range: range, names: names)
            } catch {
                throw ParseError(expression: text, reason: "\(name): \(error.reason)")
            }
        }
        self.text = text
        minutes = try parse(0, 0...59, name: "minute")
        hours = try parse(1, 0...23, name: "hour")
        daysOfMonth = try parse(2, 1...31, name: "day of month")
        months = try parse(3, 1...12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], name: "month")
        let weekdays = try parse(4, 0...7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], name: "day of week")
        daysOfWeek = Set(weekdays.map { $0 % 7 })
        dayOfMonthRestricted = fields[2] != "*"
        dayOfWeekRestricted = fields[4] != "*"
    }

    public var description: String { text }

    /// Values of one field. Names map to their index (months from 1, weekdays from 0).
    static func field(_ text: String, range: ClosedRange<Int>, names: [String]) throws(CronFieldError) -> Set<Int> {
        func number(_ token: Substring) throws(CronFieldError) -> Int {
            if let value = Int(token), range.contains(value) { return value }
            if let index = names.firstIndex(of: String(token)) { return index + (range.lowerBound == 1 ? 1 : 0) }
            throw CronFieldError("\(token) is not in \(range.lowerBound)-\(range.upperBound)")
        }
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { throw CronFieldError("empty list element") }
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw CronFieldError("\(part) has more than one step") }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else { throw CronFieldError("step \(pieces[1]) must be a positive number") }
                step = value
            }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                let low = try number(pieces[0][..<dash])
                let high = try number(pieces[0][pieces[0].index(after: dash)...])
                guard low <= high else { throw CronFieldError("range \(pieces[0]) is reversed") }
                bounds = low...high
            } else {
                let value = try number(pieces[0])
                bounds = value...(pieces.count == 2 ? range.upperBound : value)
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): return daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
        case (true, false): return daysOfMonth.contains(day)
        case (false, true): return daysOfWeek.contains(weekday)
        case (false, false): return true
        }
    }

    /// The first matching minute strictly after `date`, in `timeZone`. A wall-clock time that
    /// occurs twice (autumn DST change) fires once; one that does not exist (spring) is skipped.
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let wallClock: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute, .weekday]
        func key(_ parts: DateComponents) -> [Int] { [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!] }
        let after = key(calendar.dateComponents(wallClock, from: date))
        var candidate = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        let limit = date.addingTimeInterval(5 * 366 * 86_400)
        while candidate < limit {
            let parts = calendar.dateComponents(wallClock, from: candidate)
            guard matchesDay(month: parts.month!, day: parts.day!, weekday: parts.weekday! - 1) else {
                let tomorrow = calendar.date(byAdding: .day, value: 1, to: candidate) ?? candidate.addingTimeInterval(86_400)
                candidate = calendar.startOfDay(for: tomorrow)
                continue
            }
            guard hours.contains(parts.hour!) else {
                candidate = candidate.addingTimeInterval(Double(60 - parts.minute!) * 60)
                continue
            }
            guard minutes.contains(parts.minute!) else {
                candidate = candidate.addingTimeInterval(60)
                continue
            }
            if key(parts).lexicographicallyPrecedes(after) || key(parts) == after {
                candidate = candidate.addingTimeInterval(60)
                continue
            }
            return candidate
        }
        return nil
    }
}

/// Why one field could not be read; `CronExpression.init` names the field.
struct CronFieldError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
