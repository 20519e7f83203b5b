import Billing
import Foundation
import Modules
import Tenancy
import TenantStore

/// `mutualis billing reconcile`: settles payment attempts left without a result (the
/// reconciliation job's work, in the operator's process).
extension Operations {
    public func reconcilePayments(tenant slug: TenantSlug?) async throws {
        let tenants = try await withOwnerClient { client in try await TenantRegistry(client: client).records().map(\.tenant) }
        let members = tenants.filter { ($0.slug == slug || slug == nil) && $0.status == .active && $0.modules.contains(.billing) }
        if let slug, members.isEmpty { throw TenancyError.invalidManifest(file: "\(slug).yaml", reason: "no active member \(slug) with billing enabled") }
        try await withModuleContext(tenants: tenants, modules: try PlatformModules.set()) { context in
            let module = BillingModule(context: context)
            for member in members {
                let settled = try await module.reconcile(member)
                output("\(member.slug): \(settled) attempt(s) settled")
            }
        }
    }
}
