import Foundation
import Postgres
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import TenantStore
import Web

/// The archivist's pages: transfers (upload a SIP, read its reply), search, referentials.
struct ArchivistPages: Sendable {
    let services: ArchiveServices
    let pages: PageRenderer

    struct AgreementForm: FormPayload { var csrf: String?; var identifier: String; var name: String; var agencies: String? }
    struct AgencyForm: FormPayload { var csrf: String?; var identifier: String; var name: String }
    struct ProfileForm: FormPayload { var csrf: String?; var documentType: String; var agreement: String; var agency: String; var rule: String?; var finalAction: String? }
    struct RuleForm: FormPayload {
        var csrf: String?; var identifier: String; var kind: String; var name: String; var duration: String?; var measurement: String?; var finalAction: String?
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/archives", .permission(.archiveRead)) { request, context, principal in
            try await home(request, context, principal)
        }
        routes.post("/archives/versements", .permission(.archiveIngest)) { request, context, principal in
            // A multipart form: its CSRF token is checked once the file is in, before anything is unpacked.
            let outcome = try await services.receiveAndIngest(request, member: context.store, by: ArchiveActor(principal)) { upload in
                try CSRF.verify(upload.fields["csrf"], session: context.session, request: request, cookie: services.cookie)
            }
            throw WebError.redirect(to: "/archives/transferts/" + outcome.transfer.id.uuidString.lowercased())
        }
        routes.get("/archives/transferts/:id", .permission(.archiveRead)) { _, context, principal in
            let id = try ArchiveServices.transferID(context)
            let store = TransferStore(member: context.store)
            guard let (transfer, _) = try await store.transfer(id) else { throw WebError.notFound("Aucun transfert de ce numéro.") }
            let units = try await store.units(of: id)
            let depth = ArchiveTree.depths(units.map { ($0.id, $0.parent) })
            let reader = ArchiveReader(principal)
            let rules = try await ArchiveAccess(member: context.store).rules(of: units.map(\.id))
            return pages.render("archive-transfer", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
                "transfer": ArchiveViews.transfer(transfer),
                "reasons": transfer.reasons.map { ["code": $0.code.rawValue, "message": $0.message] },
                "units": units.map { unit in
                    ["id": unit.id.uuidString.lowercased(), "title": reader.title(unit.title, rules[unit.id]), "level": unit.level ?? "", "dates": unit.dates,
                     "objects": reader.sees(rules[unit.id]) ? unit.objects.joined(separator: ", ") : "\(unit.objects.count) (non communicables)",
                     "indent": String(repeating: "— ", count: depth[unit.id] ?? 0)]
                },
                "hasReasons": !transfer.reasons.isEmpty, "hasUnits": !units.isEmpty,
                "lifecycle": ArchiveViews.lifecycle(try await store.lifecycle(of: id)),
                "reply": transfer.reply,
            ])
        }
        UnitPages(services: services, pages: pages).register(on: routes)
        ReferentialPages(services: services, pages: pages).register(on: routes)
        EliminationPages(services: services, pages: pages).register(on: routes)
    }

    func home(_ request: Request, _ context: TenantRequestContext, _ principal: Principal) async throws -> Response {
        let store = TransferStore(member: context.store)
        func field(_ name: String) throws -> String? {
            let text = (request.uri.queryParameters[Substring(name)].map(String.init) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count <= 200 else { throw WebError.invalidParameter(name, "Un critère de recherche fait au plus 200 caractères.") }
            return text.isEmpty ? nil : text
        }
        func day(_ name: String) throws -> PostgresDate? {
            guard let text = try field(name) else { return nil }
            guard let date = PostgresDate(iso8601: text) else { throw WebError.invalidParameter(name, "Les dates s'écrivent AAAA-MM-JJ.") }
            return date
        }
        let query = TransferStore.UnitQuery(text: try field("q"), agency: try field("service"), level: try field("niveau"), from: try day("du"), to: try day("au"))
        let reader = ArchiveReader(principal)
        let results = query.isEmpty ? [] : try await search(query, store: store, reader: reader, member: context.store)
        return pages.render("archive-home", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "",
            "canIngest": principal.can(.archiveIngest), "canAdmin": principal.can(.archiveAdmin),
            "query": query.text ?? "", "service": query.agency ?? "", "niveau": query.level ?? "",
            "du": query.from.map(String.init(describing:)) ?? "", "au": query.to.map(String.init(describing:)) ?? "", "searched": !query.isEmpty,
            "results": results.map { found, rules in
                ["id": found.id.uuidString.lowercased(), "title": reader.title(found.title, rules), "agency": found.agency ?? "", "level": found.level ?? "",
                 "dates": found.dates, "transfer": found.transfer.uuidString.lowercased()]
            },
            "agencies": try await ArchiveReferentials(member: context.store).agencies().map { ["identifier": $0.identifier, "name": $0.name] },
            "transfers": try await store.transfers(limit: 50).map(ArchiveViews.transfer),
        ])
    }
}

/// How transfers read on pages.
enum ArchiveViews {
    static func transfer(_ transfer: ArchiveTransfer) -> [String: Any] {
        [
            "id": transfer.id.uuidString.lowercased(), "message": transfer.messageIdentifier.isEmpty ? "—" : transfer.messageIdentifier,
            "version": transfer.version.rawValue, "accepted": transfer.accepted, "status": transfer.accepted ? "Accepté" : "Refusé",
            "agreement": transfer.archivalAgreement ?? "—", "agency": transfer.originatingAgency ?? "—",
            "objects": transfer.objectCount, "size": ByteCount.french(transfer.totalSize),
            "by": transfer.submittedBy ?? "—", "date": FrenchDate.long(transfer.receivedAt),
        ]
    }
}

extension ArchiveViews {
    /// The journal's actions, in French.
    static func action(_ code: String) -> String {
        [
            "archive.transfer.accept": "Transfert accepté", "archive.transfer.refuse": "Transfert refusé",
            "archive.object.check": "Contrôle d'intégrité", "archive.delivery": "Communication (DIP)",
            "archive.unit.hold": "Gel", "archive.unit.release": "Levée du gel",
            "archive.elimination.request": "Élimination demandée", "archive.elimination.executed": "Élimination exécutée",
            "archive.elimination.rejected": "Élimination refusée", "archive.elimination.cancelled": "Élimination annulée",
            "archive.unit.read": "Consultation avant le délai (archiviste)", "archive.search": "Recherche avant le délai (archiviste)",
            "archive.object.download": "Téléchargement d'un objet",
        ][code] ?? code
    }
}

/// Depth of each unit in its tree (roots at 0).
enum ArchiveTree {
    static func depths(_ nodes: [(UUID, UUID?)]) -> [UUID: Int] {
        let parents = Dictionary(nodes.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        var depths: [UUID: Int] = [:]
        for (id, _) in nodes {
            var depth = 0
            var current = parents[id] ?? nil
            while let parent = current, depth < 100 {
                depth += 1
                current = parents[parent] ?? nil
            }
            depths[id] = depth
        }
        return depths
    }
}
