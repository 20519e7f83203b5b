/// A permission as a module declares it: what it allows (French, for pages), whether a partner
/// client may hold it as a scope, and which roles carry it by default.
public struct PermissionDeclaration: Sendable, Hashable {
    public var permission: Permission
    public var label: String
    /// A partner system may hold it as a scope (given by someone who holds it).
    public var delegable: Bool
    public var roles: Set<Role>

    public init(_ permission: Permission, label: String, delegable: Bool, roles: Set<Role>) {
        self.permission = permission
        self.label = label
        self.delegable = delegable
        self.roles = roles
    }
}

/// Every permission of the running platform, from the declarations of its modules (there is
/// no central list): which roles carry which, their French labels, which are delegable.
public struct PermissionCatalog: Sendable {
    public struct Conflict: Error, CustomStringConvertible {
        public var permission: Permission
        public var description: String { "the permission \(permission) is declared twice" }
    }

    public let declarations: [Permission: PermissionDeclaration]
    /// The permissions of each combination of roles (indexed by the roles' bits).
    private let combinations: [Set<Permission>]

    public init(_ declarations: [PermissionDeclaration]) throws {
        var byPermission: [Permission: PermissionDeclaration] = [:]
        for declaration in declarations {
            guard byPermission[declaration.permission] == nil else { throw Conflict(permission: declaration.permission) }
            byPermission[declaration.permission] = declaration
        }
        self.declarations = byPermission
        var perRole: [Role: Set<Permission>] = [:]
        for declaration in declarations {
            for role in declaration.roles { perRole[role, default: []].insert(declaration.permission) }
        }
        combinations = (0..<(1 << Role.allCases.count)).map { mask in
            Role.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }
                .reduce(into: Set<Permission>()) { $0.formUnion(perRole[$1.element] ?? []) }
        }
    }

    /// The permissions a set of roles carries (each request's principal is built from its
    /// session's roles: one table lookup).
    public func permissions(of roles: some Sequence<Role>) -> Set<Permission> {
        combinations[roles.reduce(0) { mask, role in mask | (1 << (Role.allCases.firstIndex(of: role) ?? 0)) }]
    }

    public var all: [Permission] { declarations.keys.sorted() }

    /// What a partner client may hold as scopes.
    public var delegable: Set<Permission> { Set(declarations.values.filter(\.delegable).map(\.permission)) }

    /// French words for a permission (the 403 page says what is missing).
    public func label(_ permission: Permission) -> String { declarations[permission]?.label ?? permission.rawValue }
}
