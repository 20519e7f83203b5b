import Foundation
import Postgres
import Tenancy
import TenantStore

/// Signing in and out, and who a session or a bearer token is.
public struct Authenticator: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// A member's citizen or agent signs in: throttled per account and address, same answer
    /// and same time whether the account exists or not, new session id each time, hash
    /// upgraded if its parameters are old. Journaled either way.
    public func signIn(tenant: TenantSlug, email text: String, password: String, origin: RequestOrigin) async throws -> (id: String, record: SessionRecord) {
        guard let email = EmailAddress(text), password.count <= PasswordPolicy.maximumLength else {
            throw IdentityError.invalidCredentials
        }
        if let until = try await context.throttle.check(scope: tenant.rawValue, email: email, ip: origin.ip) {
            try await journal(tenant, email: email, origin: origin, outcome: .denied, details: ["reason": "throttled"])
            throw IdentityError.throttled(until: until)
        }
        let account = try await context.store.withTenant(tenant) { try await AccountStore.find(email: email, on: $0) }
        guard let account, let hash = account.passwordHash else {
            try await spendDecoy(password)
            try await fail(tenant, email: email, origin: origin, reason: "unknown account")
        }
        switch try await verify(password, hash) {
        case .invalid:
            try await fail(tenant, email: email, origin: origin, reason: "wrong password", account: account)
        case .valid(let needsRehash):
            if account.status == .pending {
                // The right password: tell them what to do rather than « incorrect ».
                try await journal(tenant, email: email, origin: origin, outcome: .denied, account: account, details: ["reason": "email not verified"])
                throw IdentityError.emailNotVerified
            }
            guard account.status == .active else {
                try await fail(tenant, email: email, origin: origin, reason: "account \(account.status.rawValue)", account: account)
            }
            if needsRehash {
                let upgraded = try await context.hasher.hash(password, priority: .signIn)
                try await context.store.withTenant(tenant) { try await AccountStore.setPassword(account.id, hash: upgraded, on: $0) }
            }
            try await context.throttle.recordSuccess(scope: tenant.rawValue, email: email)
            let session = try await context.sessions.create(
                tenant: tenant.rawValue, kind: account.kind == .agent ? .agent : .citizen, accountID: account.id.uuidString.lowercased(),
                label: email.rawValue, roles: account.roles, ip: origin.ip, userAgent: origin.userAgent
            )
            try await journal(tenant, email: email, origin: origin, outcome: .success, account: account,
                              details: needsRehash ? ["password_hash": "upgraded"] : [:])
            return session
        }
    }

    /// Ends the session behind `id`.
    public func signOut(tenant: TenantSlug?, sessionID id: String, principal: Principal, origin: RequestOrigin) async throws {
        try await context.sessions.delete(id)
        try await record(tenant, principal: principal, action: "session.logout", origin: origin)
    }

    /// Ends every session of the principal's account.
    public func signOutEverywhere(tenant: TenantSlug?, principal: Principal, origin: RequestOrigin) async throws -> Int {
        let count = try await context.sessions.deleteAll(tenant: tenant?.rawValue ?? "", account: principal.id)
        try await record(tenant, principal: principal, action: "session.logout_everywhere", origin: origin, details: ["sessions": String(count)])
        return count
    }

    /// The principal behind a session cookie, if the session lives and belongs to `tenant`
    /// (nil: the console). A session of another member is refused.
    public func principal(session id: String, tenant: TenantSlug?) async throws -> (Principal, SessionRecord)? {
        guard let record = try await context.sessions.lookup(id), record.tenant == (tenant?.rawValue ?? "") else { return nil }
        return (
            Principal(kind: record.kind, id: record.accountID, label: record.label, tenant: tenant, roles: Set(record.roles),
                      permissions: context.catalog.permissions(of: record.roles)),
            record
        )
    }

    /// The partner system behind a bearer token, if it lives and was issued for `tenant`.
    public func principal(bearer token: String, tenant: TenantSlug) async throws -> Principal? {
        guard let grant = try await context.accessTokens.lookup(token), grant.tenant == tenant.rawValue else { return nil }
        return Principal(kind: .client, id: grant.clientID, label: grant.clientName, tenant: tenant, roles: [], permissions: Set(grant.scopes))
    }

    func verify(_ password: String, _ hash: String) async throws -> PasswordHasher.Verification {
        do {
            return try await context.hasher.verify(password, against: hash)
        } catch is PasswordHasher.Busy {
            throw IdentityError.busy
        }
    }

    private func spendDecoy(_ password: String) async throws {
        do { try await context.hasher.verifyDecoy(password) } catch is PasswordHasher.Busy { throw IdentityError.busy }
    }

    private func fail(_ tenant: TenantSlug, email: EmailAddress, origin: RequestOrigin, reason: String, account: Account? = nil) async throws -> Never {
        try await context.throttle.recordFailure(scope: tenant.rawValue, email: email, ip: origin.ip)
        try await journal(tenant, email: email, origin: origin, outcome: .failure, account: account, details: ["reason": reason])
        throw IdentityError.invalidCredentials
    }

    private func journal(
        _ tenant: TenantSlug, email: EmailAddress, origin: RequestOrigin, outcome: AuditEntry.Outcome, account: Account? = nil,
        details: [String: String] = [:]
    ) async throws {
        let entry = AuditEntry(
            occurredAt: context.clock(), actorKind: account.map { $0.kind.rawValue } ?? "anonymous", actorID: account?.id.uuidString.lowercased(),
            actorLabel: email.rawValue, action: "session.login", objectType: "account", objectID: account?.id.uuidString.lowercased(),
            ip: origin.ip, outcome: outcome, details: details
        )
        try await context.store.withTenant(tenant) { try await AuditJournal.append(entry, scope: .tenant, on: $0) }
    }

    /// Journals an action of `principal` in the member's journal (or the platform's).
    func record(
        _ tenant: TenantSlug?, principal: Principal, action: String, objectType: String? = nil, objectID: String? = nil,
        origin: RequestOrigin?, outcome: AuditEntry.Outcome = .success, details: [String: String] = [:]
    ) async throws {
        let entry = AuditEntry(
            occurredAt: context.clock(), actorKind: principal.kind.rawValue, actorID: principal.id, actorLabel: principal.label,
            action: action, objectType: objectType, objectID: objectID, ip: origin?.ip, outcome: outcome, details: details
        )
        if let tenant {
            try await context.store.withTenant(tenant) { try await AuditJournal.append(entry, scope: .tenant, on: $0) }
        } else {
            try await context.withPlatform { try await AuditJournal.append(entry, scope: .platform, on: $0) }
        }
    }
}
