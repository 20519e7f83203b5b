import Blobs
import Events
import Foundation
import Identity
import Logging
import Modules
import Payments
import Tenancy
import TenantStore
import Web

/// What the billing routes, jobs and demo share.
struct BillingServices: Sendable {
    let tenants: TenantStore
    let directory: any TenantDirectorySource
    let addresses: PublicAddresses
    let blobs: any BlobStore
    /// nil: changes are not recorded as events (demo content).
    var events: EventLog?
    let pages: PageRenderer
    let cookie: SessionCookie
    let identity: IdentityContext
    /// The largest import file.
    let importLimit: Int
    let workDirectory: URL
    let payments: any PaymentProvider
    let paymentMode: PaymentMode
    /// How long an operation may stay without a result before the reconciliation settles it.
    let operationLifetime: TimeInterval
    let logger: Logger

    init(context: ModuleContext) {
        tenants = context.tenants
        directory = context.directory
        addresses = context.addresses
        blobs = context.blobs
        events = context.events
        pages = context.pages
        cookie = context.cookie
        identity = context.identity
        importLimit = 50 << 20
        workDirectory = context.workDirectory.appendingPathComponent("billing")
        payments = context.payments
        paymentMode = context.paymentMode
        let (seconds, attoseconds) = context.paymentSettleAfter.components
        operationLifetime = Double(seconds) + Double(attoseconds) / 1e18
        logger = context.logger
    }

    var quiet: BillingServices {
        var copy = self
        copy.events = nil
        return copy
    }

    func portal(_ slug: TenantSlug) -> String { addresses.portal(slug) }

    func tenant(_ slug: TenantSlug) -> Tenant? { directory.current.tenant(slug) }

    static func actor(_ principal: Principal?) -> EventActor {
        principal.map { EventActor(kind: $0.kind.rawValue, id: $0.id.lowercased(), label: $0.label) } ?? .system
    }
}
