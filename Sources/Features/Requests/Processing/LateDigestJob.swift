import Foundation
import Jobs
import Logging
import Notifications
import Postgres
import Tenancy
import TenantStore

/// Every morning, the member's agents who process requests get the number of late requests by
/// procedure (nothing when none is late).
struct LateDigestJob: JobHandler {
    static let kind = "requests.late-digest"
    static let queue = "requests"

    struct Payload: Codable, Sendable {}

    let services: RequestsServices

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard let tenant = services.tenant(member.slug.rawValue) else { return }
        let late = try await RequestStore(member).lateCounts(now: Date())
        guard !late.isEmpty else { return }
        let total = late.reduce(0) { $0 + $1.count }
        let body = late.map { "\($0.title) : \($0.count)" }.joined(separator: " ; ")
        let notified = try await member.transaction { connection in
            try await DirectNotice.notify(
                agentsWithAnyRole: ["agent", "tenant_admin"], tenant: tenant, portal: services.portal(tenant.slug.rawValue),
                title: "\(total) demande(s) en retard", body: body, link: "/administration/demandes?retard=1", on: connection)
        }
        job.logger.info("late requests digest", metadata: ["late": "\(total)", "agents": "\(notified)"])
    }
}
