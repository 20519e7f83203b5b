import Foundation
import Mail
import Postgres
import Tenancy
import TenantStore

/// Sign-up with e-mail verification, and password reset. Answers never reveal whether an
/// address has an account: the mail says it, the page does not.
public struct AccountLifecycle: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Creates a pending citizen account and mails a verification link (or, if the address has
    /// an account already, mails that instead).
    public func signUp(
        tenant: Tenant, email text: String, password: String, displayName: String, origin: RequestOrigin
    ) async throws {
        guard let email = EmailAddress(text) else { throw IdentityError.invalidEmail }
        let name = try DisplayText.checked(displayName, field: "Le nom")
        do {
            try context.passwordPolicy.check(password, email: email)
        } catch {
            throw IdentityError.weakPassword(error)
        }
        let throttles = context.accountThrottles
        try await context.throttle([
            (throttles.signUpPerAddress, AccountThrottles.address(origin.ip)), (throttles.mailPerRecipient, AccountThrottles.recipient(email)),
        ])
        let hash = try await hashPassword(password)
        let account = Account(
            id: UUID(), email: email, displayName: name, kind: .citizen, roles: [], status: .pending, passwordHash: hash,
            emailVerifiedAt: nil, createdAt: context.clock()
        )
        try await context.store.withTenant(tenant.slug) { connection in
            if try await AccountStore.insert(account, on: connection) {
                let token = try await OneTimeTokenStore.issue(.verifyEmail, account: account.id, now: context.clock(), on: connection)
                try await Mailer.enqueue(AccountMail.verification(
                    tenant: tenant.slug, memberName: tenant.name, to: email, link: "\(origin.portal)/compte/verification?jeton=\(token)"
                ), on: connection)
                try await journal(account: account, action: "account.signup", origin: origin, on: connection)
            } else {
                try await Mailer.enqueue(AccountMail.alreadyRegistered(
                    tenant: tenant.slug, memberName: tenant.name, to: email, resetLink: "\(origin.portal)/compte/mot-de-passe-oublie"
                ), on: connection)
            }
        }
    }

    /// Mails a new verification link if the address belongs to an account awaiting its
    /// confirmation; silent otherwise. Throttled like a reset.
    public func resendVerification(tenant: Tenant, email text: String, origin: RequestOrigin) async throws {
        guard let email = EmailAddress(text) else { return }
        let throttles = context.accountThrottles
        try await context.throttle([
            (throttles.resetPerAddress, AccountThrottles.address(origin.ip)), (throttles.mailPerRecipient, AccountThrottles.recipient(email)),
        ])
        try await context.store.withTenant(tenant.slug) { connection in
            guard let account = try await AccountStore.find(email: email, on: connection), account.status == .pending else { return }
            let token = try await OneTimeTokenStore.issue(.verifyEmail, account: account.id, now: context.clock(), on: connection)
            try await Mailer.enqueue(AccountMail.verification(
                tenant: tenant.slug, memberName: tenant.name, to: email, link: "\(origin.portal)/compte/verification?jeton=\(token)"
            ), on: connection)
            try await journal(account: account, action: "account.verification_resent", origin: origin, on: connection)
        }
    }

    /// Activates the account behind a verification token.
    public func verifyEmail(tenant: TenantSlug, token: String, origin: RequestOrigin) async throws {
        try await context.store.withTenant(tenant) { connection in
            guard let id = try await OneTimeTokenStore.consume(.verifyEmail, token: token, now: context.clock(), on: connection),
                  let account = try await AccountStore.find(id: id, on: connection), account.status == .pending
            else { throw IdentityError.invalidToken }
            try await AccountStore.setStatus(id, .active, on: connection)
            try await journal(account: account, action: "account.verify_email", origin: origin, on: connection)
        }
    }

    /// Mails a reset link if the address belongs to an active account; silent otherwise.
    /// Throttled per client address and per recipient whether or not the account exists.
    public func requestReset(tenant: Tenant, email text: String, origin: RequestOrigin) async throws {
        guard let email = EmailAddress(text) else { return }
        let throttles = context.accountThrottles
        try await context.throttle([
            (throttles.resetPerAddress, AccountThrottles.address(origin.ip)), (throttles.mailPerRecipient, AccountThrottles.recipient(email)),
        ])
        try await context.store.withTenant(tenant.slug) { connection in
            guard let account = try await AccountStore.find(email: email, on: connection), account.status == .active else { return }
            let token = try await OneTimeTokenStore.issue(.resetPassword, account: account.id, now: context.clock(), on: connection)
            try await Mailer.enqueue(AccountMail.reset(
                tenant: tenant.slug, memberName: tenant.name, to: email, link: "\(origin.portal)/compte/nouveau-mot-de-passe?jeton=\(token)"
            ), on: connection)
            try await journal(account: account, action: "account.reset_request", origin: origin, on: connection)
        }
    }

    /// Sets a new password with a reset (or invitation) token: single use; every session of the
    /// account ends.
    public func resetPassword(tenant: TenantSlug, token: String, newPassword: String, origin: RequestOrigin) async throws {
        let hashLater: @Sendable (Account) async throws -> String = { account in
            do throws(PasswordPolicy.Rejection) {
                try context.passwordPolicy.check(newPassword, email: account.email)
            } catch {
                throw IdentityError.weakPassword(error)
            }
            return try await hashPassword(newPassword)
        }
        let account = try await context.store.withTenant(tenant) { connection -> Account in
            guard let id = try await OneTimeTokenStore.consume(.resetPassword, token: token, now: context.clock(), on: connection),
                  let account = try await AccountStore.find(id: id, on: connection), account.status != .disabled
            else { throw IdentityError.invalidToken }
            try await AccountStore.setPassword(id, hash: try await hashLater(account), on: connection)
            if account.status == .pending { try await AccountStore.setStatus(id, .active, on: connection) }
            try await journal(account: account, action: "account.password_reset", origin: origin, on: connection)
            return account
        }
        try await context.sessions.deleteAll(tenant: tenant.rawValue, account: account.id.uuidString.lowercased())
    }

    func hashPassword(_ password: String) async throws -> String {
        do {
            return try await context.hasher.hash(password)
        } catch is PasswordHasher.Busy {
            throw IdentityError.busy
        }
    }

    private func journal(account: Account, action: String, origin: RequestOrigin, on connection: PostgresConnection) async throws {
        try await AuditJournal.append(AuditEntry(
            occurredAt: context.clock(), actorKind: account.kind.rawValue, actorID: account.id.uuidString.lowercased(), actorLabel: account.email.rawValue,
            action: action, objectType: "account", objectID: account.id.uuidString.lowercased(), ip: origin.ip
        ), scope: .tenant, on: connection)
    }
}
