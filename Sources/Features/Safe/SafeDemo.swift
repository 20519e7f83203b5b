import Foundation
import HTTPTypes
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore

/// `demo: safe:` — documents put in citizens' safes, so « Mon coffre-fort » has something to show:
///
/// ```yaml
/// safe:
///   documents:
///     - owner: citoyen@camon.localhost     # a citizen account of this member
///       name: "attestation-de-domicile.txt"
///       text: "…"                          # the content (UTF-8 text)
/// ```
///
/// Seeded once per citizen (when their safe is empty); skipped quietly while the account does
/// not exist yet (`Ops/run` makes the demo citizen after a first sync) or the install has no KEK.
struct SafeDemo: Sendable {
    let services: SafeServices

    struct Section: Decodable {
        var documents: [DemoDocument]?
    }

    struct DemoDocument: Decodable {
        var owner: String
        var name: String
        var text: String
    }

    func seed(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let section = try demo.section(SafeModule.name, as: Section.self), let documents = section.documents, !documents.isEmpty else { return [] }
        guard services.kek != nil else {
            services.logger.notice("demo safe skipped: no key-encryption key (mutualis pki init)", metadata: ["member": "\(tenant.slug)"])
            return []
        }
        var added = 0
        var filled: Set<UUID> = []
        for item in documents {
            guard !item.text.isEmpty else { throw SafeError.invalidDemo(member: tenant.slug.rawValue, reason: "document \(item.name) has no text") }
            guard let row = try await store.read("SELECT id FROM accounts WHERE email = \(item.owner.lowercased()) AND kind = 'citizen'").first else {
                services.logger.notice("demo safe skipped: no citizen account yet", metadata: ["member": "\(tenant.slug)", "email": "\(item.owner)"])
                continue
            }
            let account = try row.decode(UUID.self, at: 0)
            if !filled.contains(account) {
                let existing = try await store.read("SELECT count(*) FROM safe_documents WHERE account_id = \(account)").first?.decode(Int.self, at: 0) ?? 0
                guard existing == 0 else { continue }
                filled.insert(account)
            }
            let safe = CitizenSafe(services: services, member: store, account: account, principal: nil)
            _ = try await safe.deposit(Array(item.text.utf8), fileName: item.name)
            added += 1
        }
        return added > 0 ? ["\(added) document(s) in citizens' safes"] : []
    }
}
