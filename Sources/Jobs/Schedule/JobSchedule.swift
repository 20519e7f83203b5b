import Foundation
import Postgres
import Tenancy

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
    /// For a per-member schedule: only the members that enabled this module get a job.
    public var module: PlatformModule?

    public init(
        name: String, cron: CronExpression, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!,
        queue: String, kind: String, payload: PostgresJSON = PostgresJSON(text: "{}"), perTenant: Bool, module: PlatformModule? = nil
    ) {
        self.name = name
        self.cron = cron
        self.timeZone = timeZone
        self.queue = queue
        self.kind = kind
        self.payload = payload
        self.perTenant = perTenant
        self.module = module
    }

    /// A schedule for a registered handler.
    public init<Handler: JobHandler>(
        name: String, cron: String, _ handler: Handler.Type, payload: Handler.Payload, perTenant: Bool,
        module: PlatformModule? = nil, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!
    ) throws {
        self.init(
            name: name, cron: try CronExpression(cron), timeZone: timeZone, queue: Handler.queue, kind: Handler.kind,
            payload: try PostgresJSON(encoding: payload), perTenant: perTenant, module: module
        )
    }
}
