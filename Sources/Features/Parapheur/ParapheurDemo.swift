import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// `demo: parapheur:` — desks (with their holders' addresses), types with their circuits, and
/// folders to show. Seeded once the holders' accounts exist (the second `tenants sync` of
/// `Ops/run`), and only if the member has no desk yet.
struct ParapheurDemo: Sendable {
    let context: ModuleContext

    struct Section: Decodable {
        struct DeskItem: Decodable { var name: String; var holders: [String] }
        struct TypeItem: Decodable { var type: String; var subtype: String; var steps: [String]; var days: Int? }
        struct FolderItem: Decodable {
            var title: String
            var type: String
            var subtype: String
            var document: String
            var name: String
            var dueDays: Int?
            /// Visas done by the emitter's holders, to show a folder further down its circuit.
            var visas: Int?

            enum CodingKeys: String, CodingKey { case title, type, subtype, document, name, dueDays = "due_days", visas }
        }
        var desks: [DeskItem]
        var types: [TypeItem]
        var folders: [FolderItem]?
    }

    func seed(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let section = try demo.section(ParapheurModule.name, as: Section.self) else { return [] }
        let parapheur = ParapheurStore(store)
        guard try await parapheur.desks().isEmpty else { return [] }
        var holders: [String: AccountID] = [:]
        for email in Set(section.desks.flatMap(\.holders)) {
            guard let id = try await store.read("SELECT id FROM accounts WHERE email = \(email)").first?.decode(UUID.self, at: 0) else { return [] }
            holders[email] = id
        }
        for desk in section.desks {
            try await parapheur.createDesk(name: desk.name, holders: desk.holders.compactMap { holders[$0] })
        }
        let desks = try await parapheur.desks()
        for type in section.types {
            let circuit = try CircuitText.parse(type.steps.joined(separator: "\n"), desks: desks)
            try await parapheur.createType(type: type.type, subtype: type.subtype, circuit: circuit, stepDays: type.days ?? 3)
        }
        var added = ["\(section.desks.count) desk(s)", "\(section.types.count) type(s)"]
        let service = FolderService(member: store, tenant: tenant, blobs: context.blobs, events: context.events, trust: context.trust,
                                    throttle: context.identity.throttle, logger: context.logger)
        for item in section.folders ?? [] {
            guard let type = try await parapheur.type(named: item.type, subtype: item.subtype),
                  let emitter = type.circuit.steps.first?.assignment.desks.first else { continue }
            let due = item.dueDays.map { Date().addingTimeInterval(Double($0) * 86400) }.map(FrenchDate.iso)
            let folder = try await service.submit(.init(
                title: item.title, type: type, emitter: emitter, metadata: ["origine": "contenu de démonstration"], dueDate: due,
                documents: [.init(name: item.name, bytes: Array(try demo.file(item.document)))], annexes: []
            ), by: EventActor(kind: "system", id: nil, label: "contenu de démonstration"))
            for _ in 0..<(item.visas ?? 0) {
                guard let current = try await service.store.folder(folder.id), let desk = current.circuit.pendingDesks.first,
                      let holder = desks.first(where: { $0.id == desk })?.holders.first,
                      let row = try await store.read("SELECT email, display_name FROM accounts WHERE id = \(holder)").first,
                      let email = EmailAddress(try row.decode(String.self, at: 0)) else { break }
                let agent = FolderService.Agent(account: holder, email: email, name: try row.decode(String.self, at: 1), isAdministrator: false, clientIP: nil)
                try await service.act(on: folder.id, .visa(comment: "Vu (démonstration)."), by: agent, as: desk)
            }
        }
        if let folders = section.folders, !folders.isEmpty { added.append("\(folders.count) folder(s)") }
        return added
    }
}

/// `mutualis parapheur enrol`: gives an agent a signing certificate from the install's issuing
/// CA, its key sealed under the agent's PIN.
public enum ParapheurEnrolment {
    public static func enrol(email: String, pin: String, tenant: Tenant, member: MemberStore, trust: TrustServices) async throws -> String {
        guard let row = try await member.read("SELECT id, display_name FROM accounts WHERE email = \(email.lowercased()) AND kind = 'agent'").first else {
            throw TrustError.noIdentity("no agent \(email) in \(tenant.slug)")
        }
        let account = try row.decode(UUID.self, at: 0)
        let name = try row.decode(String.self, at: 1)
        let identity = try trust.issuer.issueSignatory(name: name.isEmpty ? email : name, email: email.lowercased(), organisation: tenant.name)
        try await SignatoryKeys(member: member, trust: trust, throttle: nil).enrol(account, identity: identity, pin: pin)
        return "\(email): \(identity.certificate.subject), valid until \(FrenchDate.long(identity.certificate.notAfter))"
    }
}
