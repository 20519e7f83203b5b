import Jobs
import Logging

/// Each night, per member: events older than the retention (at least 30 days) are forgotten.
public struct PurgeEventsJob: JobHandler {
    public struct Payload: Codable, Sendable {
        public var days: Int
        public init(days: Int) { self.days = days }
    }

    public static let kind = "events.purge"
    public static let queue = "maintenance"

    public init() {}

    public static func schedule(days: Int) throws -> JobSchedule {
        try JobSchedule(name: "events.purge", cron: "50 3 * * *", PurgeEventsJob.self, payload: .init(days: max(30, days)), perTenant: true)
    }

    public func run(_ job: Job<Payload>) async throws {
        let removed = try await EventLog.purge(olderThan: .seconds(86_400 * max(30, job.payload.days)), in: try job.member())
        job.logger.info("events purged", metadata: ["removed": "\(removed)"])
    }
}
