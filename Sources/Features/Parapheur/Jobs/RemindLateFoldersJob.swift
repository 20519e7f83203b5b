import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// Every morning, per member: a folder waiting at its step longer than its type allows (or past
/// its due date) reminds the desks it waits for — once per day at most — through the
/// `parapheur.folder.reminder` event (notifications, mail, webhooks).
struct RemindLateFoldersJob: JobHandler {
    struct Payload: Codable, Sendable {}

    static let kind = "parapheur.remind"
    static let queue = "maintenance"
    static let deadline: Duration = .seconds(600)

    let events: EventLog

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        let now = Date()
        let folders = try await FolderStore(member).folders(.all, limit: 10_000).filter {
            $0.isLate(now: now) && $0.circuit.status == .inProgress
        }
        var reminded = 0
        for folder in folders {
            let done = try await member.transaction { connection -> Bool in
                guard try await connection.execute("""
                    UPDATE parapheur_folders SET reminded_at = now()
                    WHERE id = \(folder.id) AND version = \(folder.version) AND (reminded_at IS NULL OR reminded_at < now() - interval '20 hours')
                    """) == 1 else { return false }
                let data = ParapheurEvents.Data(
                    id: folder.id.uuidString.lowercased(), title: folder.title, type: folder.type.type, subtype: folder.type.subtype,
                    status: folder.circuit.status.rawValue, action: nil, comment: nil, step: folder.circuit.stepIndex + 1,
                    stepCount: folder.circuit.steps.count,
                    notify: ["late": folder.circuit.pendingDesks.map { $0.uuidString.lowercased() }.sorted()],
                    link: "/parapheur/dossiers/\(folder.id.uuidString.lowercased())")
                try await events.record(try NewEvent(type: ParapheurEvents.reminded.name, subject: "parapheur/folders/\(data.id)", data: data, actor: .system),
                                        tenant: member.slug, on: connection)
                return true
            }
            if done { reminded += 1 }
        }
        job.logger.info("parapheur reminders", metadata: ["late": "\(folders.count)", "reminded": "\(reminded)"])
    }
}
