import Foundation
import Tenancy
import TenantStore

/// What a harvester sees: one member's datasets (its host), or every member's (the console
/// host, the consortium's catalogue), each with its member, in a stable order (member, then
/// title, then identifier) so pages and `start` offsets do not shift between requests.
struct HarvestSource: Sendable {
    struct Member: Sendable {
        var tenant: Tenant
        var store: MemberStore
        /// `https://amiens.<base domain>`.
        var portal: String
    }

    struct Entry: Sendable {
        var member: Member
        var dataset: Dataset
        /// The latest publication of any of its resources (nil: nothing published yet).
        var published: Date?

        /// When its description or its files last changed.
        var modified: Date { max(dataset.updatedAt, published ?? dataset.updatedAt) }
        var landingPage: String { "\(member.portal)/donnees/\(dataset.id)" }
    }

    let services: OpenDataServices
    let members: [Member]
    /// The consortium's catalogue (console host) rather than one member's.
    let isConsortium: Bool

    /// One member, on its own host.
    init(services: OpenDataServices, tenant: Tenant, store: MemberStore) {
        self.services = services
        members = [Member(tenant: tenant, store: store, portal: services.portalBase(tenant.slug))]
        isConsortium = false
    }

    /// Every active member that publishes open data, by name (the console host).
    init(consortium services: OpenDataServices) {
        self.services = services
        members = ConsortiumCatalogue(services: services).members.map {
            Member(tenant: $0, store: services.tenants.member($0.slug), portal: services.portalBase($0.slug))
        }
        isConsortium = true
    }

    /// Every dataset, in the source's order.
    func entries() async throws -> [Entry] {
        var entries: [Entry] = []
        for member in members {
            let published = try await PortalPages.currentVersions(member.store)
            let datasets = try await CatalogueStore(member: member.store).datasets()
                .sorted { ($0.title, $0.id) < ($1.title, $1.id) }
            entries += datasets.map { Entry(member: member, dataset: $0, published: published[$0.id]) }
        }
        return entries
    }

    func resources(of entry: Entry) async throws -> [DatasetResource] {
        try await CatalogueStore(member: entry.member.store).resources(of: entry.dataset.id)
    }

    /// The member whose slug is `slug`, if it is part of this source.
    func member(_ slug: String) -> Member? {
        members.first { $0.tenant.slug.rawValue == slug }
    }

    /// Where the catalogue itself is described: the member's catalogue page, or the console's.
    var homepage: String {
        isConsortium ? "\(services.addresses.console)/console/donnees" : "\(members[0].portal)/donnees"
    }

    /// The SCDL schema's canonical address, when the dataset declares one the platform knows.
    func schemaURL(_ dataset: Dataset) -> String? {
        guard let name = dataset.schemaName else { return nil }
        return try? services.schemas.schema(name).canonicalURL
    }
}
