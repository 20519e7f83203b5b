import Foundation
import Jobs
import Logging
import TenantStore

/// Every night, per member: the past days of its journal that have entries and no seal yet get
/// their Merkle root stamped by the TSA (the platform's or the install's external one).
struct ArchiveJournalSealJob: JobHandler {
    struct Payload: Codable, Sendable {}

    static let kind = "archive.journal.seal"
    static let queue = "maintenance"
    static let deadline: Duration = .seconds(600)

    let services: ArchiveServices

    func run(_ job: Job<Payload>) async throws {
        guard let trust = services.trust else {
            job.logger.notice("journal not sealed: no PKI (no timestamping unit)")
            return
        }
        let sealed = try await JournalSeals(member: try job.member(), trust: trust).sealPastDays()
        job.logger.info("journal sealed", metadata: ["days": "\(sealed)"])
    }
}
