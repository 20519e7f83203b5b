import Events
import Foundation
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore

/// `demo: requests:` — the member's procedure types and a few requests, so every portal has
/// démarches to try and every back office a queue to work:
///
/// ```yaml
/// requests:
///   types:
///     - slug: depots-sauvages
///       form: illegal-dumping          # a built-in sample, or `form_file: assets/demo/requests/x.json`
///       description: "…"
///       anonymous: true                # filing without an account
///       offered: false                 # offered on every member commune's portal (intercommunality)
///       delay_days: 7
///       open311_group: "Propreté"
///   requests:
///     - type: depots-sauvages
///       owner: amiens-metropole        # the member processing it (default: this member)
///       requester: citoyen@camon.localhost   # an account of this member, or `email:` for an anonymous filing
///       answers: {nature: encombrants, adresse: "1 rue…", adresse.latitude: "49.9", adresse.longitude: "2.3", description: "…"}
///       transitions: [prendre-en-charge]
/// ```
struct RequestsDemo: Sendable {
    let services: RequestsServices

    struct Section: Decodable {
        var types: [DemoType]?
        var requests: [DemoRequest]?
    }

    struct DemoType: Decodable {
        var slug: String
        var form: String?
        var form_file: String?
        var description: String?
        var anonymous: Bool?
        var offered: Bool?
        var delay_days: Int?
        var open311_group: String?
    }

    struct DemoRequest: Decodable {
        var type: String
        var owner: String?
        var requester: String?
        var email: String?
        var name: String?
        var answers: [String: AnswerInput]
        var transitions: [String]?
    }

    /// A YAML answer: one value or several.
    enum AnswerInput: Decodable {
        case one(String)
        case many([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let many = try? container.decode([String].self) { self = .many(many) } else { self = .one(try container.decode(String.self)) }
        }

        var values: [String] {
            switch self {
            case .one(let value): [value]
            case .many(let values): values
            }
        }
    }

    static let samples: [String: FormDefinition] = ["illegal-dumping": .illegalDumping, "water-subscription": .waterSubscription]

    func seed(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let section = try demo.section(RequestsModule.name, as: Section.self) else { return [] }
        var added: [String] = []
        let existing = try await ProcedureStore(store).types(publishedOnly: false)
        if existing.isEmpty, let types = section.types, !types.isEmpty {
            try await store.transaction { connection in
                for item in types {
                    let form: FormDefinition
                    if let file = item.form_file {
                        form = try JSONDecoder().decode(FormDefinition.self, from: try demo.file(file))
                    } else if let name = item.form, let sample = Self.samples[name] {
                        form = sample
                    } else {
                        throw RequestsError.invalidDemo(member: tenant.slug.rawValue, reason: "type \(item.slug) needs a known `form` or a `form_file`")
                    }
                    let problems = form.problems()
                    guard problems.isEmpty, ProcedureType.validSlug(item.slug), let delay = ProcessingDelay(days: item.delay_days ?? 30) else {
                        throw RequestsError.invalidDemo(member: tenant.slug.rawValue,
                                                        reason: "type \(item.slug): \(problems.map(\.message).joined(separator: " "))")
                    }
                    let type = ProcedureType(
                        id: UUID(), slug: item.slug, title: form.title, description: item.description ?? "", allowsAnonymous: item.anonymous ?? false,
                        offeredToMembers: item.offered ?? false, published: true, open311Group: item.open311_group ?? "", delay: delay,
                        currentVersion: 1, version: 1, form: form, workflow: .standard)
                    try await ProcedureStore(store).create(type, by: "démonstration", on: connection)
                }
            }
            added.append("\(types.count) procedure type(s)")
        }
        if let requests = section.requests, !requests.isEmpty {
            let count = try await filed(requests, tenant: tenant, store: store)
            if count > 0 { added.append("\(count) request(s)") }
        }
        return added
    }

    /// Files each demo request once (none of that procedure from that address on this portal
    /// yet), then moves it along its transitions as an agent of the processing member would.
    private func filed(_ requests: [DemoRequest], tenant: Tenant, store: MemberStore) async throws -> Int {
        var count = 0
        for item in requests {
            guard let offered = try await services.offered(item.type, on: tenant), item.owner == nil || item.owner == offered.owner.slug else {
                services.logger.debug("demo request skipped: procedure not offered yet", metadata: ["member": "\(tenant.slug)", "type": "\(item.type)"])
                continue
            }
            let requester: Requester
            if let email = item.requester {
                guard let row = try await store.read("SELECT id, display_name FROM accounts WHERE email = \(email) AND kind = 'citizen'").first else {
                    services.logger.debug("demo request skipped: no citizen account yet", metadata: ["member": "\(tenant.slug)", "email": "\(email)"])
                    continue
                }
                requester = .account(id: try row.decode(UUID.self, at: 0), name: try row.decode(String.self, at: 1), email: email)
            } else {
                requester = .anonymous(email: item.email ?? "usager@example.org", name: item.name ?? "")
            }
            let owner = try services.store(offered.owner.slug)
            let already = try await owner.read("""
                SELECT count(*) FROM requests r JOIN request_types t ON t.id = r.type_id
                WHERE t.slug = \(item.type) AND r.filing_member = \(tenant.slug.rawValue) AND r.contact_email = \(requester.email)
                """).first?.decode(Int.self, at: 0) ?? 0
            guard already == 0 else { continue }
            var raw: [String: [String]] = [:]
            for (key, value) in item.answers { raw[key] = value.values }
            let answers: [String: AnswerValue]
            do { answers = try offered.type.form.validate(raw) } catch {
                throw RequestsError.invalidDemo(member: tenant.slug.rawValue, reason: "request of \(item.type): \(error.errors.map { "\($0.key): \($0.problem.message)" })")
            }
            let filed = try await FilingService(services: services).file(
                offered, on: tenant, by: requester, answers: answers, documents: [], channel: .portal, actor: .system)
            var record = filed.record
            if let transitions = item.transitions, !transitions.isEmpty, let owner = services.tenant(offered.owner.slug) {
                let processing = ProcessingService(services: services, owner: owner)
                for transition in transitions {
                    record = try await processing.act(on: filed.record.id, .transition(id: transition),
                                                      by: .agent(UUID(), permissions: ["requests.process"]), eventActor: .system)
                }
            }
            if offered.owner.slug != tenant.slug.rawValue {
                try await LinkSyncJob.apply(.init(record, owner: offered.owner, statusLabel: offered.type.workflow.status(record.status)?.label ?? "",
                                                  trackingHash: nil, notice: nil), member: store, tenant: tenant, services: services)
            }
            count += 1
        }
        return count
    }
}
