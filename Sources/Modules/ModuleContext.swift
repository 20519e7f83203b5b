import Blobs
import Identity
import Logging
import Tenancy
import TenantStore
import Web

/// What the platform gives every module: storage, identity, pages, and where the portals are.
public struct ModuleContext: Sendable {
    /// Every member's tables, for jobs and demo content (requests get their member's `store`).
    public let tenants: TenantStore
    public let identity: IdentityContext
    public let pages: PageRenderer
    public let cookie: SessionCookie
    public let directory: any TenantDirectorySource
    public let addresses: PublicAddresses
    /// Documents' bytes.
    public let blobs: any BlobStore
    /// The largest upload the document API takes.
    public let uploadLimit: Int
    public let logger: Logger

    public init(
        tenants: TenantStore, identity: IdentityContext, pages: PageRenderer, cookie: SessionCookie,
        directory: any TenantDirectorySource, addresses: PublicAddresses, blobs: any BlobStore, uploadLimit: Int, logger: Logger
    ) {
        self.tenants = tenants
        self.identity = identity
        self.pages = pages
        self.cookie = cookie
        self.directory = directory
        self.addresses = addresses
        self.blobs = blobs
        self.uploadLimit = uploadLimit
        self.logger = logger
    }
}
