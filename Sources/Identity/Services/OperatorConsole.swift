import Cryptography
import Foundation
import Postgres
import Redis
import Tenancy
import TenantStore

/// The consortium's operators: sign-in on the console, and acting inside a member only under
/// an explicit, journaled, time-limited grant (never implicitly). Operators can also end any
/// account's sessions.
public struct OperatorConsole: Sendable {
    public static let maximumGrant: Duration = .seconds(4 * 3600)
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    public func signIn(email text: String, password: String, origin: RequestOrigin) async throws -> (id: String, record: SessionRecord) {
        guard let email = EmailAddress(text) else { throw IdentityError.invalidCredentials }
        if let until = try await context.throttle.check(scope: "console", email: email, ip: origin.ip) { throw IdentityError.throttled(until: until) }
        let account = try await context.withPlatform { try await OperatorStore.find(email: email, on: $0) }
        let authenticator = Authenticator(context: context)
        guard let account, let hash = account.passwordHash, case .valid = try await authenticator.verify(password, hash), account.status == .active else {
            if account == nil { try? await context.hasher.verifyDecoy(password) }
            try await context.throttle.recordFailure(scope: "console", email: email, ip: origin.ip)
            try await journal(AuditEntry(occurredAt: context.clock(), actorKind: "anonymous", actorLabel: email.rawValue, action: "session.login",
                                         ip: origin.ip, outcome: .failure))
            throw IdentityError.invalidCredentials
        }
        try await context.throttle.recordSuccess(scope: "console", email: email)
        let session = try await context.sessions.create(
            tenant: "", kind: .operator, accountID: account.id.uuidString.lowercased(), label: email.rawValue, roles: account.roles,
            ip: origin.ip, userAgent: origin.userAgent
        )
        try await journal(AuditEntry(occurredAt: context.clock(), actorKind: "operator", actorID: account.id.uuidString.lowercased(),
                                     actorLabel: email.rawValue, action: "session.login", ip: origin.ip))
        return session
    }

    /// Creates an operator (command line).
    public func createOperator(email text: String, displayName: String, password: String) async throws {
        guard let email = EmailAddress(text) else { throw IdentityError.invalidEmail }
        do throws(PasswordPolicy.Rejection) {
            try context.passwordPolicy.check(password, email: email)
        } catch {
            throw IdentityError.weakPassword(error)
        }
        let hash = try await AccountLifecycle(context: context).hashPassword(password)
        let account = Account(id: UUID(), email: email, displayName: displayName, kind: .operator, roles: [.consortiumAdmin],
                              status: .active, passwordHash: hash, emailVerifiedAt: nil, createdAt: context.clock())
        try await context.withPlatform { connection in
            guard try await OperatorStore.insert(account, on: connection) else {
                throw IdentityError.invalidInput("Un opérateur existe déjà avec cette adresse.")
            }
            try await AuditJournal.append(AuditEntry(occurredAt: context.clock(), actorKind: "system", action: "operator.create",
                                                     objectType: "operator", objectID: account.id.uuidString.lowercased(),
                                                     details: ["email": email.rawValue]), scope: .platform, on: connection)
        }
    }

    /// Grants `operator` the right to act inside `tenant` for `duration` (at most four hours),
    /// for a stated reason; journaled in both journals. Returns a single-use handoff token to
    /// redeem on the member's host within a minute.
    public func grant(operator actor: Principal, tenant: Tenant, reason: String, duration: Duration, origin: RequestOrigin) async throws -> (handoff: String, expiresAt: Date) {
        guard actor.kind == .operator, actor.can(.consoleGrants) else { throw IdentityError.forbidden }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...500).contains(reason.count) else { throw IdentityError.invalidInput("Indiquez le motif (3 à 500 caractères).") }
        guard duration > .zero, duration <= Self.maximumGrant else { throw IdentityError.invalidInput("Durée de 1 minute à 4 heures.") }
        let now = context.clock()
        let expiresAt = now.addingTimeInterval(duration.timeInterval)
        let grantID = UUID()
        let entry = AuditEntry(occurredAt: now, actorKind: "operator", actorID: actor.id, actorLabel: actor.label, action: "grant.create",
                               objectType: "tenant", objectID: tenant.slug.rawValue, ip: origin.ip,
                               details: ["reason": reason, "expires_at": ISO8601DateFormatter().string(from: expiresAt), "grant": grantID.uuidString.lowercased()])
        try await context.withPlatform { connection in
            try await connection.query("""
                INSERT INTO platform.operator_grants (id, operator_id, tenant_slug, reason, granted_at, expires_at)
                VALUES (\(grantID), \(UUID(uuidString: actor.id)), \(tenant.slug.rawValue), \(reason), \(now), \(expiresAt))
                """)
            try await AuditJournal.append(entry, scope: .platform, on: connection)
        }
        try await context.store.withTenant(tenant.slug) { try await AuditJournal.append(entry, scope: .tenant, on: $0) }
        let handoff = try SecureRandom.token(byteCount: 32)
        let value = try JSONEncoder.sessions.encode(Handoff(grant: grantID.uuidString.lowercased(), tenant: tenant.slug.rawValue, operatorID: actor.id,
                                                            label: actor.label, expiresAt: expiresAt))
        try await context.redis.send("SET", Self.handoffKey(handoff), value.bytes, "PX", 60_000)
        return (handoff, expiresAt)
    }

    struct Handoff: Codable {
        var grant: String
        var tenant: String
        var operatorID: String
        var label: String
        var expiresAt: Date
    }

    static func handoffKey(_ token: String) -> String { "mutualis:handoff:\(SessionStore.hash(token))" }

    /// On the member's host: turns a handoff into a session with the member administrator's
    /// rights, ending when the grant does. Single use.
    public func redeem(handoff token: String, tenant: TenantSlug, origin: RequestOrigin) async throws -> (id: String, record: SessionRecord) {
        guard token.utf8.count == 43,
              let bytes = try await context.redis.send("GETDEL", Self.handoffKey(token)).bytes,
              let handoff = try? JSONDecoder.sessions.decode(Handoff.self, from: Data(bytes)),
              handoff.tenant == tenant.rawValue, handoff.expiresAt > context.clock()
        else { throw IdentityError.invalidToken }
        let session = try await context.sessions.create(
            tenant: tenant.rawValue, kind: .operator, accountID: handoff.operatorID, label: handoff.label, roles: [.tenantAdmin],
            ip: origin.ip, userAgent: origin.userAgent, expiresAt: handoff.expiresAt
        )
        try await context.store.withTenant(tenant) { connection in
            try await AuditJournal.append(AuditEntry(occurredAt: context.clock(), actorKind: "operator", actorID: handoff.operatorID,
                                                     actorLabel: handoff.label, action: "session.login", ip: origin.ip,
                                                     details: ["grant": handoff.grant]), scope: .tenant, on: connection)
        }
        return session
    }

    /// Ends every session of an account of a member (or of an operator, for `tenant` nil),
    /// named by its e-mail address or its id; `notFound` if there is no such account.
    public func endSessions(tenant: TenantSlug?, account reference: String, by actor: Principal, origin: RequestOrigin?) async throws -> Int {
        guard actor.can(.consoleSessions) else { throw IdentityError.forbidden }
        let found: Account?
        if let email = EmailAddress(reference) {
            found = if let tenant {
                try await context.store.withTenant(tenant) { try await AccountStore.find(email: email, on: $0) }
            } else {
                try await context.withPlatform { try await OperatorStore.find(email: email, on: $0) }
            }
        } else if let id = UUID(uuidString: reference) {
            found = if let tenant {
                try await context.store.withTenant(tenant) { try await AccountStore.find(id: id, on: $0) }
            } else {
                try await context.withPlatform { try await OperatorStore.find(id: id, on: $0) }
            }
        } else {
            throw IdentityError.invalidInput("Indiquez l'adresse électronique ou l'identifiant (UUID) du compte.")
        }
        guard let found else { throw IdentityError.notFound }
        let account = found.id.uuidString.lowercased()
        let count = try await context.sessions.deleteAll(tenant: tenant?.rawValue ?? "", account: account)
        try await Authenticator(context: context).record(tenant, principal: actor, action: "session.revoke", objectType: "account",
                                                         objectID: account, origin: origin, details: ["sessions": String(count)])
        return count
    }

    private func journal(_ entry: AuditEntry) async throws {
        try await context.withPlatform { try await AuditJournal.append(entry, scope: .platform, on: $0) }
    }
}
