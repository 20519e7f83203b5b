import Events
import Foundation
import Jobs
import Logging
import Modules
import Postgres
import Tenancy
import TenantStore

/// The archiving worker: an event another module declared archivable (a completed parapheur
/// folder) becomes a SIP — its record's files and description, under the member's archival
/// profile for that document type — ingested like any other. One transfer per event: a second
/// run finds the first one's. A type without a profile is not archived (logged).
struct ArchiveFromEventJob: JobHandler {
    typealias Payload = EventJobPayload

    static let kind = "archive.from-event"
    static let queue = "archive"
    static let deadline: Duration = .seconds(1800)

    let services: ArchiveServices
    let sources: ArchivableSources

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard try await member.read("SELECT 1 FROM archive_event_transfers WHERE event_id = \(job.payload.event)").first == nil else { return }
        guard let event = try await EventLog.event(job.payload.event, in: member),
              let record = try await sources.record(for: event, member: member) else { return }
        let referentials = ArchiveReferentials(member: member)
        guard let profile = try await referentials.profile(record.documentType) else {
            job.logger.notice("not archived: no archival profile", metadata: ["document_type": "\(record.documentType)", "event": "\(event.id)"])
            return
        }
        let date = String(ISO8601DateFormatter().string(from: record.date).prefix(10))
        let builder = SIPBuilder(
            version: .v22, messageIdentifier: record.identifier, comment: "Versement automatique (\(event.type))",
            archivalAgreement: profile.archivalAgreement, archivalAgency: member.slug.rawValue, transferringAgency: profile.originatingAgency,
            originatingAgency: profile.originatingAgency, units: [SIPBuilder.Unit(
                title: record.title, description: record.description, level: "File", keywords: record.keywords, startDate: date, endDate: date,
                appraisal: profile.appraisalRule.map { ($0, date, profile.finalAction) },
                files: record.files.map { SIPBuilder.File(name: $0.name, bytes: $0.bytes, mimeType: $0.mimeType) }
            )]
        )
        try FileManager.default.createDirectory(at: services.workDirectory, withIntermediateDirectories: true)
        let file = services.workDirectory.appendingPathComponent("event-\(event.id.uuidString.lowercased()).zip")
        try builder.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let outcome = try await services.ingest(member).ingest(
            package: file, packageSHA256: nil, packageSize: size, by: ArchiveActor(kind: "system", id: nil, label: "versement automatique")
        )
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO archive_event_transfers (event_id, transfer_id) VALUES (\(event.id), \(outcome.transfer.id)) ON CONFLICT DO NOTHING
                """)
        }
        job.logger.info("archived from event", metadata: [
            "event": "\(event.type)", "transfer": "\(outcome.transfer.id)", "accepted": "\(outcome.reply.accepted)",
        ])
    }
}
