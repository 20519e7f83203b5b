import Events
import Foundation
import Identity
import Jobs
import Modules
import Tenancy
import TenantStore
import Web

extension Permission {
    public static let billingManage = Permission("billing.manage")
    public static let billingImport = Permission("billing.import")
}

/// Invoices paid online: the member's regies, invoices imported from billing software, « Mes
/// factures » for citizens (link with the bill's key, pay, receipts), and PayFiP payments settled
/// exactly once (notification, return, and a reconciliation job for the rest).
public struct BillingModule: FeatureModule {
    public static let id: PlatformModule? = .billing
    public static let name = "billing"
    public static var templates: [String: String] { BillingTemplates.all }
    public static let permissions: [PermissionDeclaration] = [
        .init(.billingManage, label: "gérer les régies, les factures et les paiements", delegable: false, roles: [.agent, .tenantAdmin]),
        .init(.billingImport, label: "importer des factures (logiciel de facturation)", delegable: true, roles: [.tenantAdmin]),
    ]
    public static var events: [EventType] { BillingEvents.all }

    let services: BillingServices

    public init(context: ModuleContext) {
        services = BillingServices(context: context)
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        MyInvoicesPages(services: services).register(on: routes)
        BillingAgentPages(services: services).register(on: routes)
        InvoiceImportAPI(services: services).register(on: routes)
        PaymentPages(services: services).register(on: routes)
    }

    public func register(jobs: inout JobRegistry) {
        jobs.register(ReconcileJob(services: services))
    }

    /// Every five minutes, each member's attempts left without a result are settled.
    public func schedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "billing.reconcile", cron: "*/5 * * * *", ReconcileJob.self, payload: .init(), perTenant: true)]
    }

    /// Settles every attempt of the member left without a result past its lifetime (the
    /// reconciliation job's work, for `mutualis billing reconcile`); returns how many.
    public func reconcile(_ tenant: Tenant) async throws -> Int {
        let member = services.tenants.member(tenant.slug)
        let service = PaymentService(services: services, tenant: tenant)
        let (pending, stale) = try await AttemptStore(member).toSettle(now: Date())
        for id in pending { try await service.settle(id) }
        for id in stale { try await service.record(id, .creationFailed(reason: "interrompue avant la création de l'opération"), at: Date()) }
        return pending.count + stale.count
    }

    public func homeSection(tenant: Tenant, store: MemberStore) async throws -> HomeSection? {
        let regies = try await InvoiceStore(store).regies()
        guard !regies.isEmpty else { return nil }
        return HomeSection(
            anchor: "factures", title: "Payer vos factures",
            items: regies.map { .init(title: $0.label, text: "Réglez en ligne vos factures, par carte ou prélèvement.", link: "/factures", date: nil) },
            empty: "", more: ("Mes factures", "/factures"), order: 30)
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        try await BillingDemo(services: services.quiet).seed(demo, tenant: tenant, store: store)
    }
}
