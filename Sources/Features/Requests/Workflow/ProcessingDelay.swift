import Foundation

/// A procedure type's processing delay, in calendar days: a request filed on day D is due by the
/// end of day D + `days` (Paris time) and late from the next midnight, unless in a final status.
public struct ProcessingDelay: Codable, Hashable, Sendable {
    /// 1–3650.
    public let days: Int

    /// Nil outside 1–3650 days.
    public init?(days: Int) {
        guard (1...3650).contains(days) else { return nil }
        self.days = days
    }

    /// The French time zone the days are counted in.
    public static let timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt

    /// The moment a request filed at `filedAt` becomes late (midnight ending its last day).
    public func lateFrom(filedAt: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.timeZone
        let start = calendar.startOfDay(for: filedAt)
        return calendar.date(byAdding: .day, value: days + 1, to: start) ?? start.addingTimeInterval(Double(days + 1) * 86_400)
    }

    /// The last day to process it (what a page shows: «à traiter avant le …»).
    public func dueDay(filedAt: Date) -> CalendarDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.timeZone
        let last = lateFrom(filedAt: filedAt).addingTimeInterval(-1)
        let parts = calendar.dateComponents([.year, .month, .day], from: last)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Whether a request filed at `filedAt` and now in `status` is late at `now` (final statuses never are).
    public func isLate(filedAt: Date, now: Date, status: WorkflowStatus) -> Bool {
        !status.isFinal && now >= lateFrom(filedAt: filedAt)
    }
}
