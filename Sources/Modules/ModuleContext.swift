import Blobs
import Foundation
import Events
import Identity
import Logging
import Payments
import Tenancy
import TenantStore
import Trust
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
    /// The member's event log: `record` in the transaction that made the change.
    public let events: EventLog
    /// Every event type of the platform's modules.
    public let eventTypes: [EventType]
    /// Webhooks may target plain `http` and private addresses (local tests only).
    public let webhooksAllowPrivate: Bool
    /// PKI, seals, timestamps and signatures; nil when the install has no PKI (signing is off).
    public let trust: TrustServices?
    /// A second, independent storage location (the archive keeps a copy of each object there).
    public let replicaBlobs: (any BlobStore)?
    /// Reference specifications (the SEDA XSDs under `seda-2.x/`).
    public let specifications: URL
    /// Scratch space for work on files (unpacking a SIP).
    public let workDirectory: URL
    /// Every archived object is re-hashed at least once in this many days.
    public let archiveCheckDays: Int
    /// The largest CSV the open-data service takes.
    public let openDataUploadLimit: Int
    /// Card and direct-debit payments (PayFiP, or its simulator in development and tests).
    public let payments: any PaymentProvider
    /// PayFiP's `saisie` for new operations.
    public let paymentMode: PaymentMode
    /// When an attempt without a result is settled by the reconciliation.
    public let paymentSettleAfter: Duration
    /// The modules that produce archivable records (filled when the modules are made).
    public let archivables = ArchivableSources()
    /// The module keeping citizens' documents, if any (filled when the modules are made).
    public let citizenDocuments = CitizenDocuments()
    public let logger: Logger

    public init(
        tenants: TenantStore, identity: IdentityContext, pages: PageRenderer, cookie: SessionCookie,
        directory: any TenantDirectorySource, addresses: PublicAddresses, blobs: any BlobStore, uploadLimit: Int,
        events: EventLog, eventTypes: [EventType], webhooksAllowPrivate: Bool, trust: TrustServices?,
        replicaBlobs: (any BlobStore)? = nil, specifications: URL = URL(fileURLWithPath: "../shared/specs"),
        workDirectory: URL = FileManager.default.temporaryDirectory, archiveCheckDays: Int = 30,
        openDataUploadLimit: Int = 100 * 1024 * 1024, payments: any PaymentProvider, paymentMode: PaymentMode = .test,
        paymentSettleAfter: Duration = .seconds(1200), logger: Logger
    ) {
        self.tenants = tenants
        self.identity = identity
        self.pages = pages
        self.cookie = cookie
        self.directory = directory
        self.addresses = addresses
        self.blobs = blobs
        self.uploadLimit = uploadLimit
        self.events = events
        self.eventTypes = eventTypes
        self.webhooksAllowPrivate = webhooksAllowPrivate
        self.trust = trust
        self.replicaBlobs = replicaBlobs
        self.specifications = specifications
        self.workDirectory = workDirectory
        self.archiveCheckDays = archiveCheckDays
        self.openDataUploadLimit = openDataUploadLimit
        self.payments = payments
        self.paymentMode = paymentMode
        self.paymentSettleAfter = paymentSettleAfter
        self.logger = logger
    }
}
