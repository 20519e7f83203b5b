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

/// The member administrator's pages: desks and their holders, delegations, types and circuits.
struct AdminPages: Sendable {
    let services: ParapheurServices
    let pages: PageRenderer

    struct DeskForm: FormPayload { var csrf: String?; var name: String?; var holders: String? }
    struct DelegationForm: FormPayload { var csrf: String?; var from: String; var to: String; var start: String; var end: String }
    struct TypeForm: FormPayload { var csrf: String?; var type: String; var subtype: String; var steps: String; var days: String? }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        let admin = RequiredAccess.permission(.parapheurAdmin)
        routes.get("/administration/parapheur", admin) { request, context, _ in
            let notices = ["bureau": "Le bureau est enregistré.", "delegation": "La délégation est enregistrée.",
                           "supprimee": "La délégation est supprimée.", "type": "Le type et son circuit sont créés."]
            return try await page(context, notice: request.query["message"].flatMap { notices[$0] }, error: nil)
        }
        routes.form("/administration/parapheur/bureaux", admin, DeskForm.self) { _, context, _, form in
            try await handle(context) {
                let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard (1...100).contains(name.count) else { throw WebError.invalidParameter("name", "Le nom du bureau doit comporter de 1 à 100 caractères.") }
                let store = services.service(context).parapheur
                guard try await !store.desks().contains(where: { $0.name == name }) else { throw WebError.invalidParameter("name", "Un bureau porte déjà ce nom.") }
                try await store.createDesk(name: name, holders: try await accounts(form.holders, context))
                return "bureau"
            }
        }
        routes.form("/administration/parapheur/bureaux/:id/titulaires", admin, DeskForm.self) { _, context, _, form in
            try await handle(context) {
                let id = try ParapheurServices.folderID(context)
                let store = services.service(context).parapheur
                guard try await store.desks().contains(where: { $0.id == id }) else { throw WebError.notFound("Aucun bureau de ce numéro.") }
                try await store.setHolders(desk: id, holders: try await accounts(form.holders, context))
                return "bureau"
            }
        }
        routes.form("/administration/parapheur/delegations", admin, DelegationForm.self) { _, context, principal, form in
            try await handle(context) {
                let store = services.service(context).parapheur
                let desks = try await store.desks()
                let from = try ActionInput.desk(form.from, in: desks, field: "from")
                let to = try ActionInput.desk(form.to, in: desks, field: "to")
                guard from != to else { throw WebError.invalidParameter("to", "Un bureau ne se délègue pas à lui-même.") }
                guard let start = FolderDates.day(form.start), let end = FolderDates.day(form.end), end >= start else {
                    throw WebError.invalidParameter("end", "Les dates s'écrivent AAAA-MM-JJ, la fin au plus tôt le jour du début.")
                }
                try await store.delegate(from: from, to: to, startsAt: start, endsAt: end.addingTimeInterval(86400), by: UUID(uuidString: principal.id))
                return "delegation"
            }
        }
        routes.form("/administration/parapheur/delegations/:id/suppression", admin, ButtonForm.self) { _, context, _, _ in
            try await handle(context) {
                guard try await services.service(context).parapheur.deleteDelegation(try ParapheurServices.folderID(context)) else {
                    throw WebError.notFound("Aucune délégation de ce numéro.")
                }
                return "supprimee"
            }
        }
        routes.form("/administration/parapheur/types", admin, TypeForm.self) { _, context, _, form in
            try await handle(context) {
                let type = form.type.trimmingCharacters(in: .whitespaces), subtype = form.subtype.trimmingCharacters(in: .whitespaces)
                guard (1...100).contains(type.count), (1...100).contains(subtype.count) else {
                    throw WebError.invalidParameter("type", "Le type et le sous-type comportent de 1 à 100 caractères.")
                }
                let store = services.service(context).parapheur
                let circuit = try CircuitText.parse(form.steps, desks: try await store.desks())
                guard try await store.type(named: type, subtype: subtype) == nil else { throw WebError.invalidParameter("type", "Ce type existe déjà.") }
                let days = Int(form.days ?? "3") ?? 3
                guard (1...60).contains(days) else { throw WebError.invalidParameter("days", "La relance se fait après 1 à 60 jours.") }
                try await store.createType(type: type, subtype: subtype, circuit: circuit, stepDays: days)
                return "type"
            }
        }
    }

    /// Runs a change; a refusal shows the page again with the reason.
    func handle(_ context: TenantRequestContext, _ body: () async throws -> String) async throws -> Response {
        do {
            let notice = try await body()
            throw WebError.redirect(to: "/administration/parapheur?message=\(notice)")
        } catch let error as WebError where (400..<500).contains(Int(error.status.code)) && error.status != .unauthorized {
            return try await page(context, notice: nil, error: error.detail ?? error.title, status: error.status)
        }
    }

    /// Agents named by their addresses (comma-separated).
    func accounts(_ text: String?, _ context: TenantRequestContext) async throws -> [AccountID] {
        let emails = (text ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map { $0.lowercased() }
        var ids: [AccountID] = []
        for email in Set(emails) {
            guard let id = try await context.store.read("SELECT id FROM accounts WHERE email = \(email) AND kind = 'agent'").first?.decode(UUID.self, at: 0) else {
                throw WebError.invalidParameter("holders", "Aucun agent « \(email.prefix(100)) » dans cette commune.")
            }
            ids.append(id)
        }
        return ids
    }

    func page(_ context: TenantRequestContext, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let store = services.service(context).parapheur
        let desks = try await store.desks()
        let names = Dictionary(uniqueKeysWithValues: desks.map { ($0.id, $0.name) })
        let emails = Dictionary(uniqueKeysWithValues: try await context.store.read("SELECT id, email FROM accounts WHERE kind = 'agent'").map {
            (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1))
        })
        let csrf = context.session?.record.csrf ?? ""
        var response = pages.render("parapheur-admin", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": csrf, "notice": notice ?? false, "error": error ?? false,
            "desks": desks.map { ["id": $0.id.uuidString.lowercased(), "name": $0.name, "holders": $0.holders.compactMap { emails[$0] }.sorted().joined(separator: ", "), "csrf": csrf] },
            "delegations": try await store.delegations().map {
                ["id": $0.id.uuidString.lowercased(), "from": names[$0.from] ?? "?", "to": names[$0.to] ?? "?", "start": FrenchDate.long($0.startsAt),
                 "end": FrenchDate.long($0.endsAt.addingTimeInterval(-1)), "csrf": csrf]
            },
            "types": try await store.types().map { ["label": $0.label, "circuit": CircuitText.describe($0.circuit, names: names), "days": $0.stepDays] as [String: Any] },
        ])
        response.status = status
        return response
    }
}
