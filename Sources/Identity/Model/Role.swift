/// A role granted to an account; roles carry permissions (`RolePolicy`).
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case agent
    case signatory
    case buyer
    case archivist
    case tenantAdmin = "tenant_admin"
    /// The consortium's operators (console only).
    case consortiumAdmin = "consortium_admin"

    /// Roles a member's agents may hold (not the console's).
    public static let memberRoles: [Role] = [.agent, .signatory, .buyer, .archivist, .tenantAdmin]

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// French label for pages.
    public var label: String {
        switch self {
        case .agent: "Agent"
        case .signatory: "Signataire (parapheur)"
        case .buyer: "Acheteur (marchés publics)"
        case .archivist: "Archiviste"
        case .tenantAdmin: "Administrateur de la commune"
        case .consortiumAdmin: "Administrateur du groupement"
        }
    }
}

/// A named permission. Every route and job action declares the one it needs; anything not
/// granted is denied. Modules declare their permissions (`PermissionDeclaration`) with the
/// roles that carry them; identity's own are below.
public struct Permission: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let auditRead = Permission(rawValue: "audit.read")
    public static let usersManage = Permission(rawValue: "users.manage")
    public static let clientsManage = Permission(rawValue: "clients.manage")
    public static let sessionsManage = Permission(rawValue: "sessions.manage")
    public static let consoleTenants = Permission(rawValue: "console.tenants")
    public static let consoleSessions = Permission(rawValue: "console.sessions")
    public static let consoleGrants = Permission(rawValue: "console.grants")

    public var description: String { rawValue }
    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Identity's own permissions: a member's administration, and the console's. None is
/// delegable: a partner client must not mint accounts, clients or sessions.
public enum IdentityPermissions {
    public static let declarations: [PermissionDeclaration] = [
        .init(.usersManage, label: "gérer les agents et leurs rôles", delegable: false, roles: [.tenantAdmin]),
        .init(.clientsManage, label: "gérer les applications partenaires", delegable: false, roles: [.tenantAdmin]),
        .init(.sessionsManage, label: "gérer les sessions des comptes", delegable: false, roles: [.tenantAdmin]),
        .init(.auditRead, label: "consulter le journal d’audit", delegable: true, roles: [.tenantAdmin, .archivist]),
        .init(.consoleTenants, label: "gérer les membres du groupement", delegable: false, roles: [.consortiumAdmin]),
        .init(.consoleSessions, label: "fermer les sessions des comptes", delegable: false, roles: [.consortiumAdmin]),
        .init(.consoleGrants, label: "intervenir chez un membre", delegable: false, roles: [.consortiumAdmin]),
    ]
}
