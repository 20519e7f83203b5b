import Foundation
import Jobs
import Logging
import TenantStore

/// Every night, per member: the day's share of its objects (each at least once per period),
/// both copies re-hashed, damaged copies repaired from intact ones, each result journaled.
/// Members are scheduled one job each, so a large member does not starve the others.
struct ArchiveIntegrityJob: JobHandler {
    struct Payload: Codable, Sendable {
        var periodDays: Int
    }

    static let kind = "archive.integrity"
    static let queue = "maintenance"
    static let deadline: Duration = .seconds(3600)

    let services: ArchiveServices

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard let checker = services.integrity(member) else {
            job.logger.notice("archive integrity skipped: no second storage location")
            return
        }
        let batch = try await checker.dailyBatch(periodDays: job.payload.periodDays)
        let findings = try await checker.run(limit: batch, repair: true)
        job.logger.info("archive integrity", metadata: [
            "checked": "\(findings.count)", "repaired": "\(findings.filter { $0.outcome == .repaired }.count)",
            "damaged": "\(findings.filter { $0.outcome == .damaged }.count)",
        ])
    }
}
