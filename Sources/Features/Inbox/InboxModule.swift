import Events
import Foundation
import Hummingbird
import Identity
import Modules
import Notifications
import Postgres
import Tenancy
import TenantStore
import Web

/// Each person's notifications on a member's portal: the inbox (the header shows the unread
/// count), read marks, and how they want to hear about each family of events (immediate mail,
/// daily digest, in-app only). Every member has it.
public struct InboxModule: FeatureModule {
    public static let id: PlatformModule? = nil
    public static let name = "inbox"
    public static var templates: [String: String] { InboxTemplates.all }
    public static let permissions: [PermissionDeclaration] = []

    let context: ModuleContext
    /// Families people may choose a delivery for, in a stable order.
    let families: [EventFamily]

    public init(context: ModuleContext) {
        self.context = context
        var seen = Set<String>()
        families = context.eventTypes.map(\.family).filter { seen.insert($0.id).inserted }
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        InboxRoutes(module: self).register(on: routes)
    }

    /// The inbox of the signed-in person (nil for an operator under a grant: no account here).
    func inbox(_ context: TenantRequestContext, _ principal: Principal) -> Inbox? {
        guard principal.kind == .citizen || principal.kind == .agent, let account = UUID(uuidString: principal.id) else { return nil }
        return Inbox(member: context.store, account: account)
    }
}
