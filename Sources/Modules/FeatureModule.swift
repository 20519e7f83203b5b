import Events
import Identity
import Jobs
import Tenancy
import TenantStore
import Web

/// A service of the platform (news, accounts, the parapheur…), declared in one place:
/// `Composition` iterates the modules for the router, the worker and the operators' commands,
/// so adding a service touches its own folder plus one line of registration.
///
/// - its id: a member enables it in its manifest's `modules` (nil: always on); on a member
///   that has not, its routes answer 404 and its jobs do not run;
/// - its templates (names unique across modules; `layout` and `error` are the platform's);
/// - its permissions, with the roles that carry them by default;
/// - its routes (each declaring what it requires), console routes, job handlers and schedules;
/// - its demo content, read from its own section of `Tenants/<slug>.yaml`'s `demo:`.
///
/// Its tables are migrations of `Migrations/tenant/` (one ordered sequence), files named after
/// the module.
public protocol FeatureModule: Sendable {
    /// What a member's manifest enables; nil for modules every member has (accounts).
    static var id: PlatformModule? { get }
    /// A short name for logs and demo sections (`news`, `accounts`).
    static var name: String { get }
    static var templates: [String: String] { get }
    static var permissions: [PermissionDeclaration] { get }
    /// The event types it records (partners read them and subscribe webhooks to them).
    static var events: [EventType] { get }

    init(context: ModuleContext)

    /// Member routes (already bound to the module: disabled members answer 404).
    func register(routes: SecuredRoutes<TenantRequestContext>)
    /// Console routes (`admin.<base domain>/console/…`).
    func register(console: SecuredRoutes<ConsoleRequestContext>)
    func register(jobs: inout JobRegistry)
    func schedules() throws -> [JobSchedule]
    /// Whom an event of one of its types notifies, and what they are told.
    func notices(for event: RecordedEvent, in context: EventContext) async throws -> [EventNotice]
    /// What the module shows on the member's home page (nil: nothing).
    func homeSection(tenant: Tenant, store: MemberStore) async throws -> HomeSection?
    /// Seeds the member's demo content from its section of the declaration (if it has one and
    /// the member has none yet); returns what was added, for the operator's output.
    func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String]
    /// The event types whose events make records final (the archive's worker consumes them).
    static var archivableEvents: [String] { get }
    /// Its share of the event log: a job per event of these types (another module's events,
    /// e.g. the open-data service adds completed deliberations of the parapheur).
    static var eventConsumers: [EventConsumer] { get }
    /// The record such an event makes archivable (nil: none, e.g. a folder since deleted).
    func archivableRecord(for event: RecordedEvent, member: MemberStore) async throws -> ArchivableRecord?
    /// What it lends of the documents it keeps for citizens (the safe); nil for the others.
    var citizenDocumentSource: (any CitizenDocumentSource)? { get }
}

extension FeatureModule {
    public func register(console: SecuredRoutes<ConsoleRequestContext>) {}
    public func register(jobs: inout JobRegistry) {}
    public func schedules() throws -> [JobSchedule] { [] }
    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] { [] }
    public func homeSection(tenant: Tenant, store: MemberStore) async throws -> HomeSection? { nil }
    public static var events: [EventType] { [] }
    public func notices(for event: RecordedEvent, in context: EventContext) async throws -> [EventNotice] { [] }
    public static var archivableEvents: [String] { [] }
    public static var eventConsumers: [EventConsumer] { [] }
    public func archivableRecord(for event: RecordedEvent, member: MemberStore) async throws -> ArchivableRecord? { nil }
    public var citizenDocumentSource: (any CitizenDocumentSource)? { nil }
    /// The demo sections this module reads (by default, its name).
    public static var demoSections: [String] { [name] }
}
