import Foundation
import HTTPTypes
import Jobs
import Logging
import Postgres
import Tenancy
import TenantStore

/// Every night, per member: the safes of accounts closed (disabled) for more than the notice
/// period, or gone, are erased — documents, ciphertext, journal and data key. Account closing
/// has no hook of its own: the account's status and its `updated_at` (when it was disabled)
/// are what the job reads.
struct SafePurgeJob: JobHandler {
    static let kind = "safe.purge"
    static let queue = "safe"

    struct Payload: Codable, Sendable {
        /// The notice period in days (default `SafeServices.noticeDays`); tests pass 0.
        var noticeDays: Int?
    }

    let services: SafeServices

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        let purged = try await Self.purge(member: member, services: services, noticeDays: job.payload.noticeDays ?? SafeServices.noticeDays)
        if purged.safes > 0 {
            job.logger.notice("closed accounts' safes erased", metadata: ["safes": "\(purged.safes)", "documents": "\(purged.documents)"])
        }
    }

    /// Erases the safes due; returns how many safes and documents.
    static func purge(member: MemberStore, services: SafeServices, noticeDays: Int) async throws -> (safes: Int, documents: Int) {
        let due = try await member.read("""
            SELECT k.account_id FROM safe_keys k LEFT JOIN accounts a ON a.id = k.account_id
            WHERE a.id IS NULL OR (a.status = 'disabled' AND a.updated_at <= now() - \(noticeDays) * interval '1 day')
            ORDER BY k.account_id LIMIT 1000
            """).map { try $0.decode(UUID.self, at: 0) }
        var documents = 0
        for account in due {
            documents += try await member.transaction { connection in
                // Re-checked under the safe's lock: an account re-enabled meanwhile keeps its safe.
                let still = try await connection.query("""
                    SELECT 1 FROM safe_keys k LEFT JOIN accounts a ON a.id = k.account_id
                    WHERE k.account_id = \(account) AND (a.id IS NULL OR (a.status = 'disabled' AND a.updated_at <= now() - \(noticeDays) * interval '1 day'))
                    FOR UPDATE OF k
                    """).single()
                guard still != nil else { return 0 }
                return try await SafeErasure.eraseSafe(account, blobs: services.blobs, member: member.slug, on: connection)
            }
        }
        return (due.count, documents)
    }
}
