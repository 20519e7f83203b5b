import Blobs
import Events
import Foundation
import Identity
import Logging
import Modules
import Tenancy
import TenantStore
import Web

/// What the requests routes, jobs and demo share.
struct RequestsServices: Sendable {
    let tenants: TenantStore
    let directory: any TenantDirectorySource
    let addresses: PublicAddresses
    let blobs: any BlobStore
    /// nil: changes are not recorded as events (demo content).
    var events: EventLog?
    let pages: PageRenderer
    let cookie: SessionCookie
    /// The largest attachment of a form (each file field has its own, smaller or equal, limit).
    let uploadLimit: Int
    /// The citizens' safe, when a module keeps one (a document of it may be attached to a request).
    let citizenDocuments: CitizenDocuments
    let logger: Logger
    /// Resolves Open311's `api_key` (a partner's access token given as a form field).
    let identity: IdentityContext

    init(context: ModuleContext) {
        tenants = context.tenants
        directory = context.directory
        addresses = context.addresses
        blobs = context.blobs
        events = context.events
        pages = context.pages
        cookie = context.cookie
        uploadLimit = context.uploadLimit
        citizenDocuments = context.citizenDocuments
        logger = context.logger
        identity = context.identity
    }

    /// Demo content: no event, no mail, no job (the demo writes the filing portal's mirror itself).
    var isQuiet = false

    var quiet: RequestsServices {
        var copy = self
        copy.events = nil
        copy.isQuiet = true
        return copy
    }

    func portal(_ slug: String) -> String {
        (try? TenantSlug(slug)).map { addresses.portal($0) } ?? ""
    }

    func tenant(_ slug: String) -> Tenant? {
        (try? TenantSlug(slug)).flatMap { directory.current.tenant($0) }
    }

    func store(_ slug: String) throws -> MemberStore {
        guard let tenant = tenant(slug) else { throw RequestsError.unknownOwner(slug) }
        return tenants.member(tenant.slug)
    }

    /// The intercommunalities whose competences are offered on `portal` (not itself).
    func intercommunalities(besides portal: Tenant) -> [Tenant] {
        directory.current.activeTenants.filter { $0.kind == .intercommunality && $0.slug != portal.slug && $0.modules.contains(.requests) }
    }

    /// The procedures a portal offers: its own published types, then the intercommunalities'
    /// types offered to their members. Each member's types are read in its own transaction.
    func offered(on portal: Tenant) async throws -> [OfferedProcedure] {
        var offered: [OfferedProcedure] = []
        if portal.modules.contains(.requests) {
            let own = OwnerRef(slug: portal.slug.rawValue, name: portal.name)
            offered += try await ProcedureStore(tenants.member(portal.slug)).types(publishedOnly: true).map { OfferedProcedure(owner: own, type: $0) }
        }
        for owner in intercommunalities(besides: portal) {
            let ref = OwnerRef(slug: owner.slug.rawValue, name: owner.name)
            offered += try await ProcedureStore(tenants.member(owner.slug)).types(publishedOnly: true)
                .filter(\.offeredToMembers).map { OfferedProcedure(owner: ref, type: $0) }
        }
        return offered
    }

    /// The procedure `slug` as offered on `portal` (its own first).
    func offered(_ slug: String, on portal: Tenant) async throws -> OfferedProcedure? {
        if portal.modules.contains(.requests), let type = try await ProcedureStore(tenants.member(portal.slug)).type(slug: slug), type.published {
            return OfferedProcedure(owner: OwnerRef(slug: portal.slug.rawValue, name: portal.name), type: type)
        }
        for owner in intercommunalities(besides: portal) {
            if let type = try await ProcedureStore(tenants.member(owner.slug)).type(slug: slug), type.published, type.offeredToMembers {
                return OfferedProcedure(owner: OwnerRef(slug: owner.slug.rawValue, name: owner.name), type: type)
            }
        }
        return nil
    }

    static func actor(_ principal: Principal?) -> EventActor {
        principal.map { EventActor(kind: $0.kind.rawValue, id: $0.id.lowercased(), label: $0.label) } ?? EventActor(kind: "anonymous", id: nil, label: nil)
    }
}
