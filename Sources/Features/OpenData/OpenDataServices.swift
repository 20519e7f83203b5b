import Blobs
import Events
import Foundation
import Logging
import Modules
import Tenancy
import TenantStore
import Web

/// What the open-data routes, jobs and commands share.
public struct OpenDataServices: Sendable {
    let blobs: any BlobStore
    /// nil: changes are not recorded as events (demo content).
    var events: EventLog?
    let tenants: TenantStore
    let directory: any TenantDirectorySource
    let addresses: PublicAddresses
    let pages: PageRenderer
    let cookie: SessionCookie
    let schemaSet: Result<SCDLSchemas, any Error>
    let uploadLimit: Int
    let workDirectory: URL
    let logger: Logger

    public init(context: ModuleContext) {
        blobs = context.blobs
        events = context.events
        tenants = context.tenants
        directory = context.directory
        addresses = context.addresses
        pages = context.pages
        cookie = context.cookie
        schemaSet = Result { try SCDLSchemas(specifications: context.specifications) }
        uploadLimit = context.openDataUploadLimit
        workDirectory = context.workDirectory.appendingPathComponent("opendata")
        logger = context.logger
    }

    /// The SCDL schemas (an install without the reference specifications cannot produce datasets).
    var schemas: SCDLSchemas {
        get throws { try schemaSet.get() }
    }

    /// The same services recording no event (demo content: no notification or webhook for
    /// what was never news, as the other modules' demo content).
    var quiet: OpenDataServices {
        var copy = self
        copy.events = nil
        return copy
    }

    func portalBase(_ slug: TenantSlug) -> String { addresses.portal(slug) }

    /// Regenerates one dataset now (the job, the agents' button and the operator's command).
    public func refresh(_ datasetID: String, member: MemberStore, by actor: String) async throws -> RefreshOutcome {
        try await RefreshService(services: self).refresh(datasetID, member: member, by: actor)
    }

    /// The member's datasets that a refresh produces (records and catalogue), catalogue last.
    public func refreshable(_ member: MemberStore) async throws -> [Dataset] {
        try await CatalogueStore(member: member).datasets().filter { $0.source != .files }
            .sorted { ($0.source == .catalogue ? 1 : 0, $0.id) < ($1.source == .catalogue ? 1 : 0, $1.id) }
    }
}
