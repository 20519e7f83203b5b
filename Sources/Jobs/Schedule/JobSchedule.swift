import Foundation
import Postgres

/// A recurring job: at each occurrence of `cron` (in `timeZone`), one job, or one per active
/// member when `perTenant`.
public struct JobSchedule: Sendable {
    public var name: String
    public var cron: CronExpression
    public var timeZone: TimeZone
    public var queue: String
    public var kind: String
    public var payload: PostgresJSON
    public var perTenant: Bool

    public init(
        name: String, cron: CronExpression, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!,
        queue: String, kind: String, payload: PostgresJSON = PostgresJSON(text: "{}"), perTenant: Bool
    ) {
        self.name = name
        self.cron = cron
        self.timeZone = timeZone
        self.queue = queue
        self.kind = kind
        self.payload = payload
        self.perTenant = perTenant
    }

    /// A schedule for a registered handler.
    public init<Handler: JobHandler>(
        name: String, cron: String, _ handler: Handler.Type, payload: Handler.Payload, perTenant: Bool,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!
    ) throws {
        self.init(
            name: name, cron: try CronExpression(cron), timeZone: timeZone, queue: Handler.queue, kind: Handler.kind,
            payload: try PostgresJSON(encoding: payload), perTenant: perTenant
        )
    }
}
