import Blobs
import Foundation
import HTTPTypes
import Identity
import Logging
import Modules
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// What the safe's routes, jobs, demo and operators' commands share.
struct SafeServices: Sendable {
    let tenants: TenantStore
    let directory: any TenantDirectorySource
    let blobs: any BlobStore
    let pages: PageRenderer
    let cookie: SessionCookie
    /// nil: the install has no KEK (no PKI), the safe answers 503.
    let kek: KeyEncryptionKey?
    /// The largest document (the platform's upload limit).
    let uploadLimit: Int
    let logger: Logger

    /// Each citizen's space when the member has not set its own (`mutualis safe quota`).
    static let defaultQuota = 100 * 1024 * 1024
    /// How long a closed (disabled) account's safe is kept before `safe.purge` removes it.
    static let noticeDays = 30

    init(context: ModuleContext) {
        tenants = context.tenants
        directory = context.directory
        blobs = context.blobs
        pages = context.pages
        cookie = context.cookie
        kek = context.trust?.kek
        uploadLimit = context.uploadLimit
        logger = context.logger
    }

    func keyring(_ member: TenantSlug) throws -> SafeKeyring {
        guard let kek else { throw SafeError.noKeyEncryptionKey }
        return SafeKeyring(kek: kek, member: member)
    }

    /// The safe of the citizen making the request. Agents, operators and partner systems have
    /// none and read none: 403.
    func safe(_ principal: Principal, tenant: Tenant, store: MemberStore) throws -> CitizenSafe {
        guard principal.kind == .citizen, let account = UUID(uuidString: principal.id) else {
            throw WebError(.forbidden, kind: "citizens-only", title: "Réservé aux usagers",
                           detail: "Le coffre-fort est celui de chaque usager : ni les agents ni les partenaires n'y ont accès.")
        }
        guard kek != nil else {
            logger.error("document safe unavailable: \(SafeError.noKeyEncryptionKey)")
            throw WebError.unavailable("Le coffre-fort n'est pas disponible pour le moment.")
        }
        return CitizenSafe(services: self, member: store, account: account, principal: principal)
    }
}
