import Foundation
import Tenancy

/// A member as stored in `platform.tenants`, with its bookkeeping.
public struct TenantRecord: Sendable, Equatable {
    public enum SuspensionReason: String, Sendable {
        /// An operator ran `mutualis tenants suspend`; only `resume` lifts it.
        case operatorDecision = "operator"
        /// The member's file left `Tenants/`; `tenants sync` lifts it if the file comes back.
        case removedFromManifest = "removed-from-manifest"
    }

    public var tenant: Tenant
    public var schemaVersion: Int
    public var manifestChecksum: String?
    public var suspensionReason: SuspensionReason?
    public var createdAt: Date
    public var updatedAt: Date
}
