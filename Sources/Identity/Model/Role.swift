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
/// granted is denied.
public struct Permission: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let newsPublish = Permission(rawValue: "news.publish")
    public static let newsRead = Permission(rawValue: "news.read")
    public static let requestsProcess = Permission(rawValue: "requests.process")
    public static let parapheurVisa = Permission(rawValue: "parapheur.visa")
    public static let parapheurSign = Permission(rawValue: "parapheur.sign")
    public static let procurementManage = Permission(rawValue: "procurement.manage")
    public static let archiveManage = Permission(rawValue: "archive.manage")
    public static let archiveEliminate = Permission(rawValue: "archive.eliminate")
    public static let auditRead = Permission(rawValue: "audit.read")
    public static let usersManage = Permission(rawValue: "users.manage")
    public static let clientsManage = Permission(rawValue: "clients.manage")
    public static let sessionsManage = Permission(rawValue: "sessions.manage")
    public static let consoleTenants = Permission(rawValue: "console.tenants")
    public static let consoleSessions = Permission(rawValue: "console.sessions")
    public static let consoleGrants = Permission(rawValue: "console.grants")

    public static let all: [Permission] = [
        .newsPublish, .newsRead, .requestsProcess, .parapheurVisa, .parapheurSign, .procurementManage, .archiveManage,
        .archiveEliminate, .auditRead, .usersManage, .clientsManage, .sessionsManage, .consoleTenants, .consoleSessions,
        .consoleGrants,
    ]

    /// Permissions a partner system may hold as scopes, given by someone who holds them. Not
    /// delegable: what only a person may do, in their own name (signing in the parapheur,
    /// eliminating archives), what manages people and credentials (agents, clients,
    /// sessions: a client must not mint clients or accounts), and the console's.
    public static let notDelegable: Set<Permission> = [.parapheurSign, .archiveEliminate, .usersManage, .clientsManage, .sessionsManage]

    public static var clientScopes: [Permission] {
        all.filter { !$0.rawValue.hasPrefix("console.") && !notDelegable.contains($0) }
    }

    public var description: String { rawValue }
    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What the permission allows, in French, for pages (the 403 page says what is missing).
    public var label: String { Self.labels[self] ?? rawValue }

    static let labels: [Permission: String] = [
        .newsPublish: "publier des actualités", .newsRead: "consulter les actualités",
        .requestsProcess: "instruire les demandes des usagers", .parapheurVisa: "viser les documents du parapheur",
        .parapheurSign: "signer les documents du parapheur", .procurementManage: "gérer les marchés publics",
        .archiveManage: "gérer les archives", .archiveEliminate: "éliminer des archives", .auditRead: "consulter le journal d’audit",
        .usersManage: "gérer les agents et leurs rôles", .clientsManage: "gérer les applications partenaires",
        .sessionsManage: "gérer les sessions des comptes", .consoleTenants: "gérer les membres du groupement",
        .consoleSessions: "fermer les sessions des comptes", .consoleGrants: "intervenir chez un membre",
    ]
}

/// Which permissions each role carries.
public enum RolePolicy {
    public static func permissions(of role: Role) -> Set<Permission> {
        switch role {
        case .agent: [.newsPublish, .newsRead, .requestsProcess, .parapheurVisa]
        case .signatory: [.newsRead, .parapheurVisa, .parapheurSign]
        case .buyer: [.newsRead, .procurementManage]
        case .archivist: [.newsRead, .archiveManage, .archiveEliminate, .auditRead]
        case .tenantAdmin: [.newsRead, .newsPublish, .usersManage, .clientsManage, .sessionsManage, .auditRead]
        case .consortiumAdmin: [.consoleTenants, .consoleSessions, .consoleGrants]
        }
    }

    /// The permissions of a set of roles, from a table of every combination (each request's
    /// principal is built from its session's roles).
    public static func permissions(of roles: some Sequence<Role>) -> Set<Permission> {
        combinations[roles.reduce(0) { $0 | bit($1) }]
    }

    private static func bit(_ role: Role) -> Int {
        switch role {
        case .agent: 1
        case .signatory: 2
        case .buyer: 4
        case .archivist: 8
        case .tenantAdmin: 16
        case .consortiumAdmin: 32
        }
    }

    /// Indexed by the roles' bits; `bit` gives each role its own (the switch is exhaustive, and a
    /// test checks every combination).
    private static let combinations: [Set<Permission>] = (0..<(1 << Role.allCases.count)).map { mask in
        Role.allCases.filter { mask & bit($0) != 0 }.reduce(into: Set<Permission>()) { $0.formUnion(permissions(of: $1)) }
    }
}
