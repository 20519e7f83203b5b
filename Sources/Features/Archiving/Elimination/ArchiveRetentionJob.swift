import Events
import Foundation
import Jobs
import Logging
import TenantStore

/// Every morning, per member: the units whose retention ended by their own or inherited
/// appraisal rule (final action Destroy, no hold on them or an ancestor) are listed; when there
/// are some, an `archive.units.due` event tells the archivists' tools (webhooks) — the
/// eliminations page lists them.
struct ArchiveRetentionJob: JobHandler {
    struct Payload: Codable, Sendable {}

    struct Due: Codable, Sendable {
        var count: Int
        var units: [String]
    }

    static let kind = "archive.retention"
    static let queue = "maintenance"
    static let deadline: Duration = .seconds(600)

    let services: ArchiveServices

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard let service = services.elimination(member) else { return }
        let due = try await service.due()
        job.logger.info("archive retention", metadata: ["due": "\(due.count)"])
        guard !due.isEmpty else { return }
        let data = Due(count: due.count, units: due.prefix(1000).map { $0.unit.id.uuidString.lowercased() })
        try await member.transaction { connection in
            _ = try await services.events.record(try NewEvent(type: ArchivingEvents.due.name, subject: "archive/eliminations", data: data, actor: .system),
                                                 tenant: member.slug, on: connection)
        }
    }
}
