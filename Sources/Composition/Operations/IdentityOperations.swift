import Cryptography
import Foundation
import Identity
import Modules
import Postgres
import Redis
import Tenancy
import TenantStore

/// `mutualis users add`, `mutualis clients add`, `mutualis audit verify`.
extension Operations {
    /// Who the journal names for what the command line does: it may do anything.
    static func commandLine(_ catalog: PermissionCatalog) -> Principal {
        Principal(kind: .operator, id: "command-line", label: "mutualis (ligne de commande)", tenant: nil, roles: [],
                  permissions: Set(catalog.all))
    }

    func withIdentity<T>(_ body: (IdentityContext, PostgresClient) async throws -> T) async throws -> T {
        try await withOwnerClient { postgres in
            try await RedisClient.with(configuration: try RedisConfiguration(url: configuration.redisURL, poolSize: 2), logger: logger) { redis in
                let context = IdentityContext(
                    postgres: postgres, redis: redis,
                    hasher: try PasswordHasher(parameters: Scrypt.Parameters(logN: configuration.scryptLogN, r: 8, p: 1), concurrency: 1),
                    passwordPolicy: try PasswordPolicy.shipped(), catalog: try PlatformModules.set().catalog, logger: logger
                )
                let value = try await body(context, postgres)
                await context.hasher.shutdown()
                return value
            }
        }
    }

    func tenant(_ slug: String, on postgres: PostgresClient) async throws -> Tenant {
        guard let record = try await TenantRegistry(client: postgres).record(try TenantSlug(slug)) else {
            throw TenancyError.unknownTenant(slug)
        }
        return record.tenant
    }

    /// Adds an agent or citizen to a member (or an operator to the console, `tenant` nil).
    public func addUser(tenant slug: String?, email: String, displayName: String, password: String, roles: [String]) async throws {
        try await withIdentity { identity, postgres in
            guard let slug else {
                guard roles.allSatisfy({ $0 == Role.consortiumAdmin.rawValue }) else {
                    throw IdentityError.invalidInput("Console operators have the consortium_admin role only.")
                }
                try await OperatorConsole(context: identity).createOperator(email: email, displayName: displayName, password: password)
                output("operator \(email) created (console: admin.\(configuration.baseDomain))")
                return
            }
            let parsed = try roles.filter { $0 != "citizen" }.map { name in
                guard let role = Role(rawValue: name), Role.memberRoles.contains(role) else {
                    throw IdentityError.invalidInput("unknown role \(name); known: citizen, \(Role.memberRoles.map(\.rawValue).joined(separator: ", "))")
                }
                return role
            }
            let kind: Account.Kind = parsed.isEmpty ? .citizen : .agent
            let account = try await MemberAdministration(context: identity).createAccount(
                tenant: try await tenant(slug, on: postgres), email: email, displayName: displayName, kind: kind, roles: Set(parsed),
                password: password, by: Self.commandLine(identity.catalog), origin: nil
            )
            output("\(kind.rawValue) \(account.email) created in \(slug) (id \(account.id.uuidString.lowercased()))")
        }
    }

    /// Adds a partner API client to a member and prints its credentials (shown once).
    public func addClient(tenant slug: String, name: String, scopes: [String]) async throws {
        try await withIdentity { identity, postgres in
            let (client, secret) = try await MemberAdministration(context: identity).createClient(
                tenant: try await tenant(slug, on: postgres).slug, name: name, scopes: scopes, by: Self.commandLine(identity.catalog), origin: nil
            )
            output("client_id=\(client.clientID)\nclient_secret=\(secret)\nscopes=\(client.scopes.map(\.rawValue).joined(separator: " "))")
            output("(the secret is shown once; tokens: POST https://\(slug).\(configuration.baseDomain)/oauth/token, grant_type=client_credentials)")
        }
    }

    /// Recomputes the hash chains; returns false if any is broken.
    public func verifyAudit(tenant slug: String?) async throws -> Bool {
        try await withOwnerClient { postgres in
            var intact = true
            let store = TenantStore(client: postgres)
            func report(_ name: String, _ verification: AuditJournal.Verification) {
                switch verification {
                case .intact(let entries):
                    output("\(name): intact (\(entries) entries)")
                case .broken(let id, let reason):
                    intact = false
                    output("\(name): BROKEN at entry \(id): \(reason)")
                }
            }
            if slug == nil {
                report("platform", try await postgres.withTransaction { try await AuditJournal.verify(scope: .platform, on: $0) })
            }
            let slugs: [TenantSlug]
            if let slug {
                slugs = [try TenantSlug(slug)]
            } else {
                slugs = try await TenantRegistry(client: postgres).records().map(\.tenant.slug)
            }
            for member in slugs {
                report(member.rawValue, try await store.withTenant(member) { try await AuditJournal.verify(scope: .tenant, on: $0) })
            }
            return intact
        }
    }
}
