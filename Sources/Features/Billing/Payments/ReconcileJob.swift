import Foundation
import Jobs
import Logging
import Tenancy
import TenantStore

/// Every few minutes, per member: attempts whose operation outlived its 15 minutes without a
/// result recorded (notification lost, payer gone) are settled from the provider's answer, and
/// attempts interrupted before reaching the provider are closed. With the notification and the
/// return, this makes every attempt end exactly once.
struct ReconcileJob: JobHandler {
    static let kind = "billing.reconcile"
    static let queue = "billing"

    struct Payload: Codable, Sendable {}

    let services: BillingServices

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard let tenant = services.tenant(member.slug) else { return }
        let service = PaymentService(services: services, tenant: tenant)
        let now = Date()
        let (pending, stale) = try await AttemptStore(member).toSettle(now: now)
        var failures = 0
        for id in pending {
            do { try await service.settle(id, at: now) } catch {
                failures += 1
                job.logger.warning("reconciliation of an attempt failed", metadata: ["attempt": "\(id)", "error": "\(error)"])
            }
        }
        for id in stale { try await service.record(id, .creationFailed(reason: "interrompue avant la création de l'opération"), at: now) }
        if !pending.isEmpty || !stale.isEmpty {
            job.logger.info("payments reconciled", metadata: ["settled": "\(pending.count - failures)", "interrupted": "\(stale.count)", "failed": "\(failures)"])
        }
        if failures > 0 { throw BillingError.reconciliation(member: member.slug.rawValue, failures: failures) }
    }
}
