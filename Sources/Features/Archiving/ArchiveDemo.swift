import Events
import Foundation
import Modules
import Tenancy
import TenantStore

/// `demo: archive:` — the member's referentials and transfers built from the section's units
/// (each a SIP written by `SIPBuilder` and ingested as a partner would send it). Seeded only if
/// the member has no agreement yet.
struct ArchiveDemo: Sendable {
    let services: ArchiveServices

    struct Section: Decodable {
        struct Agreement: Decodable { var identifier: String; var name: String; var agencies: [String]? }
        struct Agency: Decodable { var identifier: String; var name: String }
        struct Rule: Decodable {
            var identifier: String; var kind: String; var name: String; var duration: Int?; var measurement: String?
            var finalAction: String?
            enum CodingKeys: String, CodingKey { case identifier, kind, name, duration, measurement, finalAction = "final_action" }
        }
        struct File: Decodable { var path: String; var name: String; var mime: String? }
        struct Unit: Decodable {
            var title: String; var description: String?; var level: String?; var keywords: [String]?
            var start: String?; var end: String?; var rule: String?; var finalAction: String?
            var files: [File]?; var children: [Unit]?
            enum CodingKeys: String, CodingKey { case title, description, level, keywords, start, end, rule, finalAction = "final_action", files, children }
        }
        struct Transfer: Decodable {
            var message: String; var agreement: String; var agency: String; var version: String?; var units: [Unit]
        }
        struct Profile: Decodable {
            var documentType: String; var agreement: String; var agency: String; var rule: String?; var finalAction: String?
            enum CodingKeys: String, CodingKey { case documentType = "document_type", agreement, agency, rule, finalAction = "final_action" }
        }
        var agreements: [Agreement]
        var agencies: [Agency]
        var rules: [Rule]?
        var profiles: [Profile]?
        var transfers: [Transfer]?
    }

    func seed(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let section = try demo.section(ArchivingModule.name, as: Section.self) else { return [] }
        let referentials = ArchiveReferentials(member: store)
        guard try await referentials.agreements().isEmpty else { return [] }
        for agency in section.agencies { try await referentials.save(try ReferentialInput.agency(identifier: agency.identifier, name: agency.name)) }
        for rule in section.rules ?? [] {
            try await referentials.save(try ReferentialInput.rule(identifier: rule.identifier, kind: rule.kind, name: rule.name, duration: rule.duration.map(String.init),
                                                                  measurement: rule.measurement, finalAction: rule.finalAction))
        }
        for agreement in section.agreements {
            try await referentials.save(try ReferentialInput.agreement(identifier: agreement.identifier, name: agreement.name, agencies: agreement.agencies ?? []))
        }
        let agreements = try await referentials.agreements()
        for profile in section.profiles ?? [] {
            try await referentials.save(try ReferentialInput.profile(documentType: profile.documentType, agreement: profile.agreement, agency: profile.agency,
                                                                     rule: profile.rule, finalAction: profile.finalAction, agreements: agreements))
        }
        var added = ["\(section.agreements.count) agreement(s)", "\(section.agencies.count) agency(ies)", "\((section.rules ?? []).count) rule(s)",
                     "\((section.profiles ?? []).count) profile(s)"]
        let service = try services.ingest(store)
        try FileManager.default.createDirectory(at: services.workDirectory, withIntermediateDirectories: true)
        var accepted = 0
        for transfer in section.transfers ?? [] {
            func unit(_ item: Section.Unit) throws -> SIPBuilder.Unit {
                SIPBuilder.Unit(
                    title: item.title, description: item.description ?? "", level: item.level ?? "Item", keywords: item.keywords ?? [],
                    startDate: item.start, endDate: item.end,
                    appraisal: item.rule.map { ($0, item.start ?? "2026-01-01", item.finalAction ?? "Keep") },
                    files: try (item.files ?? []).map { SIPBuilder.File(name: $0.name, bytes: Array(try demo.file($0.path)), mimeType: $0.mime) },
                    children: try (item.children ?? []).map(unit)
                )
            }
            let builder = SIPBuilder(
                version: transfer.version.flatMap(SEDAVersion.init(rawValue:)) ?? .v22, messageIdentifier: transfer.message,
                archivalAgreement: transfer.agreement, archivalAgency: tenant.slug.rawValue, transferringAgency: transfer.agency,
                originatingAgency: transfer.agency, units: try transfer.units.map(unit)
            )
            let file = services.workDirectory.appendingPathComponent("demo-\(UUID().uuidString.lowercased()).zip")
            try builder.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            let outcome: IngestService.Outcome
            do {
                outcome = try await service.ingest(package: file, packageSHA256: nil, packageSize: size,
                                                   by: ArchiveActor(kind: "system", id: nil, label: "contenu de démonstration"), announce: false)
            } catch ArchiveError.unavailable(let reason) {
                // Without the SEDA schemas nothing is accepted: the referentials stay, the transfers wait.
                added.append("transfers skipped (\(reason))")
                break
            }
            guard outcome.reply.accepted else {
                throw ArchiveError.storage("demo transfer \(transfer.message)", outcome.transfer.reasons.map(\.description).joined(separator: "; "))
            }
            accepted += 1
        }
        if accepted > 0 { added.append("\(accepted) transfer(s)") }
        return added
    }
}
