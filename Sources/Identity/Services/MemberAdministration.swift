import Cryptography
import Foundation
import Mail
import Postgres
import Tenancy
import TenantStore

/// What a member's administrators do (`users.manage`, `clients.manage`), and the operators'
/// command line: agents and their roles, accounts enabled or disabled, API clients. Every
/// change is journaled; a change of roles or a disabled account ends the account's sessions
/// (the next sign-in gets a new session with the new rights).
public struct MemberAdministration: Sendable {
    let context: IdentityContext
    let authenticator: Authenticator

    public init(context: IdentityContext) {
        self.context = context
        authenticator = Authenticator(context: context)
    }

    public func agents(tenant: TenantSlug) async throws -> [Account] {
        try await context.store.withTenant(tenant) { try await AccountStore.list(kind: .agent, on: $0) }
    }

    /// Creates an agent (or a citizen, with no roles). With a password, the account is active
    /// at once (command line); without, an invitation to choose one is mailed.
    @discardableResult
    public func createAccount(
        tenant: Tenant, email text: String, displayName: String, kind: Account.Kind, roles: Set<Role>, password: String?,
        by actor: Principal, origin: RequestOrigin?
    ) async throws -> Account {
        guard let email = EmailAddress(text) else { throw IdentityError.invalidEmail }
        let displayName = try DisplayText.checked(displayName, field: "Le nom")
        guard kind != .operator, kind == .agent || roles.isEmpty, roles.isSubset(of: Role.memberRoles) else {
            throw IdentityError.invalidInput("Rôles non valables pour ce compte.")
        }
        var hash: String?
        if let password {
            do throws(PasswordPolicy.Rejection) {
                try context.passwordPolicy.check(password, email: email)
            } catch {
                throw IdentityError.weakPassword(error)
            }
            hash = try await AccountLifecycle(context: context).hashPassword(password)
        }
        let account = Account(
            id: UUID(), email: email, displayName: displayName, kind: kind, roles: roles, status: .active, passwordHash: hash,
            emailVerifiedAt: context.clock(), createdAt: context.clock()
        )
        try await context.store.withTenant(tenant.slug) { connection in
            guard try await AccountStore.insert(account, on: connection) else {
                throw IdentityError.invalidInput("Un compte existe déjà avec cette adresse.")
            }
            if password == nil, let portal = origin?.portal {
                let token = try await OneTimeTokenStore.issue(.resetPassword, account: account.id, now: context.clock(), on: connection)
                try await Mailer.enqueue(AccountMail.invitation(
                    tenant: tenant.slug, memberName: tenant.name, to: email, link: "\(portal)/compte/nouveau-mot-de-passe?jeton=\(token)"
                ), on: connection)
            }
            try await AuditJournal.append(entry(actor, "account.create", account.id.uuidString.lowercased(), origin, [
                "email": email.rawValue, "kind": kind.rawValue, "roles": roles.sorted().map(\.rawValue).joined(separator: ","),
            ]), scope: .tenant, on: connection)
        }
        return account
    }

    /// Replaces an agent's roles.
    public func setRoles(tenant: TenantSlug, account id: UUID, roles: Set<Role>, by actor: Principal, origin: RequestOrigin?) async throws {
        guard roles.isSubset(of: Role.memberRoles) else { throw IdentityError.invalidInput("Rôle inconnu.") }
        try await context.store.withTenant(tenant) { connection in
            guard let account = try await AccountStore.find(id: id, on: connection), account.kind == .agent else { throw IdentityError.notFound }
            try await AccountStore.setRoles(id, roles, on: connection)
            try await AuditJournal.append(entry(actor, "roles.change", id.uuidString.lowercased(), origin, [
                "before": account.roles.sorted().map(\.rawValue).joined(separator: ","),
                "after": roles.sorted().map(\.rawValue).joined(separator: ","),
            ]), scope: .tenant, on: connection)
        }
        try await context.sessions.deleteAll(tenant: tenant.rawValue, account: id.uuidString.lowercased())
    }

    /// Disables (ending every session at once) or re-enables an account. Nobody disables their
    /// own account (a member could be left with no administrator to undo it).
    public func setEnabled(_ enabled: Bool, tenant: TenantSlug, account id: UUID, by actor: Principal, origin: RequestOrigin?) async throws {
        guard enabled || actor.id != id.uuidString.lowercased() else {
            throw IdentityError.invalidInput("Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.")
        }
        try await context.store.withTenant(tenant) { connection in
            guard try await AccountStore.find(id: id, on: connection) != nil else { throw IdentityError.notFound }
            try await AccountStore.setStatus(id, enabled ? .active : .disabled, on: connection)
            try await AuditJournal.append(entry(actor, enabled ? "account.enable" : "account.disable", id.uuidString.lowercased(), origin, [:]),
                                          scope: .tenant, on: connection)
        }
        if !enabled {
            let ended = try await context.sessions.deleteAll(tenant: tenant.rawValue, account: id.uuidString.lowercased())
            try await authenticator.record(tenant, principal: actor, action: "session.revoke", objectType: "account", objectID: id.uuidString.lowercased(),
                                           origin: origin, details: ["sessions": String(ended), "reason": "account disabled"])
        }
    }

    // MARK: API clients

    /// Creates a partner client; returns it with its secret (shown once, stored hashed).
    public func createClient(tenant: TenantSlug, name: String, scopes: [String], by actor: Principal, origin: RequestOrigin?) async throws -> (client: APIClient, secret: String) {
        let trimmed = try DisplayText.checked(name, field: "Le nom du client", required: true)
        let allowed = context.catalog.delegable
        let permissions = try scopes.map { scope in
            let permission = Permission(rawValue: scope)
            // Delegable, and held by whoever delegates it.
            guard allowed.contains(permission), actor.can(permission) else { throw IdentityError.invalidScope(String(scope.prefix(60))) }
            return permission
        }
        guard !permissions.isEmpty else { throw IdentityError.invalidInput("Au moins un périmètre est nécessaire.") }
        let clientID = "c_" + Hex.encode(try SecureRandom.bytes(10))
        let secret = try SecureRandom.token(byteCount: 32)
        let client = APIClient(id: UUID(), clientID: clientID, name: trimmed, scopes: Array(Set(permissions)).sorted(), active: true, createdAt: context.clock())
        try await context.store.withTenant(tenant) { connection in
            try await APIClientStore.insert(client, secretHash: Self.secretHash(secret), on: connection)
            try await AuditJournal.append(entry(actor, "client.create", clientID, origin, [
                "name": trimmed, "scopes": client.scopes.map(\.rawValue).joined(separator: ","),
            ], objectType: "api_client"), scope: .tenant, on: connection)
        }
        return (client, secret)
    }

    public func clients(tenant: TenantSlug) async throws -> [APIClient] {
        try await context.store.withTenant(tenant) { try await APIClientStore.list(on: $0) }
    }

    /// Revokes a client: its tokens die at once.
    public func revokeClient(tenant: TenantSlug, clientID: String, by actor: Principal, origin: RequestOrigin?) async throws {
        guard APIClient.isWellFormed(clientID) else { throw IdentityError.notFound }
        try await context.store.withTenant(tenant) { connection in
            guard try await APIClientStore.revoke(clientID: clientID, on: connection) else { throw IdentityError.notFound }
            try await AuditJournal.append(entry(actor, "client.revoke", clientID, origin, [:], objectType: "api_client"), scope: .tenant, on: connection)
        }
        try await context.accessTokens.revokeAll(tenant: tenant.rawValue, clientID: clientID)
    }

    /// OAuth 2.0 client credentials: a short-lived token with the requested scopes (default:
    /// all the client's), refused for an unknown, revoked or wrongly authenticated client.
    public func issueToken(tenant: TenantSlug, clientID: String, secret: String, scope: String?, origin: RequestOrigin?) async throws -> (token: String, expiresIn: Int, scopes: [Permission]) {
        guard APIClient.isWellFormed(clientID), secret.utf8.count <= 128 else { throw IdentityError.invalidClient }
        let found = try await context.store.oneShot(tenant, """
            SELECT client_id, name, scopes, status, secret_hash FROM api_clients WHERE client_id = \(clientID)
            """).first
        guard let found, try found.decode(String.self, at: 3) == "active",
              ConstantTime.equals(Array(try found.decode(String.self, at: 4).utf8), Array(try Self.secretHash(secret).utf8))
        else { throw IdentityError.invalidClient }
        let granted = Set(try found.decode(PostgresTextArray.self, at: 2).nonNull().map(Permission.init(rawValue:)))
        var scopes = granted
        if let scope, !scope.isEmpty {
            let requested = Set(scope.split(separator: " ").map { Permission(rawValue: String($0)) })
            guard requested.isSubset(of: granted) else {
                throw IdentityError.invalidScope(requested.subtracting(granted).map(\.rawValue).sorted().joined(separator: " "))
            }
            scopes = requested
        }
        let (token, expiresIn) = try await context.accessTokens.issue(
            tenant: tenant.rawValue, clientID: clientID, clientName: try found.decode(String.self, at: 1), scopes: scopes.sorted()
        )
        return (token, expiresIn, scopes.sorted())
    }

    /// Secrets are 256 random bits: a plain SHA-256 is enough to store them (no dictionary to try).
    static func secretHash(_ secret: String) throws -> String {
        Hex.encode(try Digest.sha256(Array(secret.utf8)))
    }

    private func entry(
        _ actor: Principal, _ action: String, _ object: String, _ origin: RequestOrigin?, _ details: [String: String],
        objectType: String = "account"
    ) -> AuditEntry {
        AuditEntry(
            occurredAt: context.clock(), actorKind: actor.kind.rawValue, actorID: actor.id, actorLabel: actor.label, action: action,
            objectType: objectType, objectID: object, ip: origin?.ip, details: details
        )
    }
}
