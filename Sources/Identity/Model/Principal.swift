import Tenancy

/// Who is making a request: a signed-in person (by session) or a partner system (by bearer
/// token), with what they may do. Bound to one member (or to the console).
public struct Principal: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case citizen
        case agent
        /// A consortium operator (on the console, or inside a member under a grant).
        case `operator`
        /// A partner system (OAuth 2.0 client credentials).
        case client
    }

    public var kind: Kind
    /// The account's id, or the client id.
    public var id: String
    /// E-mail address or client name, for logs and the journal.
    public var label: String
    /// The member it is bound to; nil on the console.
    public var tenant: TenantSlug?
    public var roles: Set<Role>
    public var permissions: Set<Permission>

    public init(kind: Kind, id: String, label: String, tenant: TenantSlug?, roles: Set<Role>, permissions: Set<Permission>) {
        self.kind = kind
        self.id = id
        self.label = label
        self.tenant = tenant
        self.roles = roles
        self.permissions = permissions
    }

    public func can(_ permission: Permission) -> Bool { permissions.contains(permission) }
}
