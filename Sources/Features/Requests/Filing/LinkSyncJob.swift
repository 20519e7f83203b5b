import Foundation
import Jobs
import Mail
import Postgres
import Tenancy
import TenantStore

/// Mirrors, in the schema of the member whose portal a request was filed on, what its citizen
/// may see of a request another member processes (number, procedure, status), and tells the
/// citizen when the processing member sent them a message. The payload carries everything: the
/// job reads nothing of the owner's schema, and the owner never writes the filing member's.
struct LinkSyncJob: JobHandler {
    static let kind = "requests.link-sync"
    static let queue = "requests"

    struct Payload: Codable, Sendable {
        var owner: String
        var ownerName: String
        var request: UUID
        var number: String
        var requester: UUID?
        var trackingHash: String?
        var typeTitle: String
        var statusLabel: String
        var closed: Bool
        var revision: Int
        var filedAt: Date
        /// What the citizen is told (a transition's message), if anything.
        var notice: String?

        init(_ record: RequestRecord, owner: OwnerRef, statusLabel: String, trackingHash: String?, notice: String?) {
            self.owner = owner.slug
            ownerName = owner.name
            request = record.id
            number = record.number
            requester = record.requester
            self.trackingHash = trackingHash
            typeTitle = record.typeTitle
            self.statusLabel = statusLabel
            closed = record.closed
            revision = record.revision
            filedAt = record.filedAt
            self.notice = notice
        }
    }

    let services: RequestsServices

    static func enqueue(_ payload: Payload, for filingMember: TenantSlug, on connection: PostgresConnection) async throws {
        try await JobEnqueuer.enqueue(try NewJob(Self.self, payload, tenant: filingMember,
                                                 uniqueKey: "requests.link:\(payload.request.uuidString.lowercased()):\(payload.revision)"), on: connection)
    }

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard let tenant = services.tenant(member.slug.rawValue) else { return }
        try await Self.apply(job.payload, member: member, tenant: tenant, services: services)
    }

    /// Upserts the mirror (an older revision changes nothing) and notifies the citizen once.
    static func apply(_ link: Payload, member: MemberStore, tenant: Tenant, services: RequestsServices) async throws {
        try await member.transaction { connection in
            let changed = try await connection.execute("""
                INSERT INTO request_links (owner_member, request_id, number, requester, tracking_hash, type_title, owner_name, status_label,
                                           closed, revision, filed_at, updated_at)
                VALUES (\(link.owner), \(link.request), \(link.number), \(link.requester), \(link.trackingHash), \(link.typeTitle), \(link.ownerName),
                        \(link.statusLabel), \(link.closed), \(link.revision), \(link.filedAt), now())
                ON CONFLICT (owner_member, request_id) DO UPDATE SET status_label = excluded.status_label, closed = excluded.closed,
                    revision = excluded.revision, updated_at = now()
                WHERE request_links.revision < excluded.revision
                """)
            guard changed == 1, let notice = link.notice, let requester = link.requester else { return }
            try await CitizenNotice.notify(
                account: requester, tenant: tenant, portal: services.portal(tenant.slug.rawValue),
                title: "Votre demande \(link.number) : \(link.statusLabel)", body: notice, link: "/mes-demandes/\(link.number)",
                key: "\(link.request.uuidString.lowercased()):\(link.revision)", on: connection)
        }
    }
}
