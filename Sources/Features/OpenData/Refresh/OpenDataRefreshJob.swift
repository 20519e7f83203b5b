import Foundation
import Jobs
import Logging
import Postgres
import TenantStore

/// The refresh worker. With a dataset: regenerates it (a failed refresh keeps the last good
/// version and is not retried: the same data would fail the same way). Without: fans out one job
/// per produced dataset of the member (the nightly schedule runs it for every active member, and
/// the job system serves members fairly).
struct OpenDataRefreshJob: JobHandler {
    struct Payload: Codable, Sendable {
        var dataset: String?
        var requestedBy: String?
    }

    static let kind = "opendata.refresh"
    static let queue = "opendata"
    static let maxAttempts = 3
    static let deadline: Duration = .seconds(900)

    let services: OpenDataServices

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        let actor = job.payload.requestedBy ?? "actualisation programmée"
        guard let dataset = job.payload.dataset else {
            let datasets = try await services.refreshable(member)
            try await job.withTenant { connection in
                for dataset in datasets {
                    try await Self.enqueue(dataset.id, by: actor, tenant: member, on: connection)
                }
            }
            job.logger.info("open data refresh fanned out", metadata: ["datasets": "\(datasets.count)"])
            return
        }
        let outcome = try await services.refresh(dataset, member: member, by: actor)
        // The member's catalogue lists publication dates: it follows a new version (a fan-out
        // already queued it, last).
        if outcome.kind == .published {
            let catalogues = try await CatalogueStore(member: member).datasets().filter { $0.source == .catalogue && $0.id != dataset }
            if !catalogues.isEmpty {
                try await job.withTenant { connection in
                    for catalogue in catalogues { try await Self.enqueue(catalogue.id, by: actor, tenant: member, on: connection) }
                }
            }
        }
        job.logger.info("open data refreshed", metadata: [
            "dataset": "\(dataset)", "outcome": "\(outcome.kind.rawValue)", "rows": "\(outcome.rows)",
            "versions": "\(outcome.versions)", "message": "\(outcome.message ?? "")",
        ])
    }

    /// Queues a refresh of one dataset (one pending per dataset) and shows it as queued.
    static func enqueue(_ dataset: String, by actor: String, tenant: MemberStore, on connection: PostgresConnection) async throws {
        try await JobEnqueuer.enqueue(try NewJob(
            Self.self, Payload(dataset: dataset, requestedBy: actor), tenant: tenant.slug, uniqueKey: "opendata.refresh:\(dataset)"
        ), on: connection)
        try await RefreshService.mark(dataset, state: "queued", by: actor, on: connection)
    }
}
