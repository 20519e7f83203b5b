import Foundation
import HTTPTypes
import Hummingbird
import Identity
import NIOCore
import Tenancy
import TenantStore
import Web

/// `/archives/eliminations`: units whose retention ended, requests, the second archivist's
/// approval (which executes), legal holds, and the proofs of executed eliminations.
struct EliminationPages: Sendable {
    let services: ArchiveServices
    let pages: PageRenderer

    struct RequestForm: FormPayload { var csrf: String?; var units: String }
    struct DecisionForm: FormPayload { var csrf: String?; var decision: String; var reason: String? }
    struct HoldForm: FormPayload { var csrf: String?; var hold: String }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        let admin = RequiredAccess.permission(.archiveAdmin)
        routes.get("/archives/eliminations", admin) { request, context, _ in
            let notices = ["demandee": "La demande d'élimination est enregistrée ; un second archiviste doit l'approuver.",
                           "executee": "L'élimination est exécutée : les objets ont quitté les deux emplacements, la preuve est signée.",
                           "refusee": "L'élimination est refusée.", "annulee": "La demande est annulée.", "gel": "Le gel est enregistré."]
            return try await page(context, notice: request.uri.queryParameters["message"].flatMap { notices[String($0)] }, error: nil)
        }
        routes.form("/archives/eliminations", admin, RequestForm.self) { _, context, principal, form in
            try await handle(context) {
                let units = form.units.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let ids = try units.map { text in
                    guard let id = UUID(uuidString: text) else { throw Elimination.Refusal(message: "Identifiant d'unité invalide.") }
                    return id
                }
                _ = try await service(context).request(ids, by: principal.label)
                return "demandee"
            }
        }
        routes.form("/archives/eliminations/:id/decision", admin, DecisionForm.self) { _, context, principal, form in
            try await handle(context) {
                let id = try ArchiveServices.transferID(context)
                let command: Elimination.Command
                switch form.decision {
                case "approuver": command = .approve(by: principal.label)
                case "refuser": command = .reject(by: principal.label, reason: form.reason ?? "")
                case "annuler": command = .cancel(by: principal.label)
                default: throw Elimination.Refusal(message: "Décision inconnue.")
                }
                let record = try await service(context).act(id, command, by: principal.label)
                return ["executed": "executee", "rejected": "refusee", "cancelled": "annulee"][record.elimination.state.rawValue] ?? "demandee"
            }
        }
        routes.form("/archives/unites/:id/gel", admin, HoldForm.self) { _, context, principal, form in
            try await handle(context) {
                guard try await service(context).setHold(try ArchiveServices.transferID(context), form.hold == "oui", by: principal.label) else {
                    throw Elimination.Refusal(message: "Aucune unité de ce numéro (ou elle est éliminée).")
                }
                return "gel"
            }
        }
        routes.get("/archives/eliminations/:id/notification", admin) { _, context, _ in
            guard let record = try await service(context).elimination(try ArchiveServices.transferID(context)), let xml = record.notification else {
                throw WebError.notFound("Aucune preuve d'élimination de ce numéro.")
            }
            return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"elimination-\(record.id.uuidString.lowercased().prefix(8)).xml\""],
                            body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
        routes.get("/archives/eliminations/:id/signature", admin) { _, context, _ in
            guard let record = try await service(context).elimination(try ArchiveServices.transferID(context)), let signature = record.signature else {
                throw WebError.notFound("Aucune signature de preuve pour cette élimination.")
            }
            return Response(status: .ok, headers: [.contentType: "application/pkcs7-signature",
                                                   .contentDisposition: "attachment; filename=\"elimination-\(record.id.uuidString.lowercased().prefix(8)).p7s\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: signature)))
        }
    }

    func service(_ context: TenantRequestContext) throws -> EliminationService {
        guard let service = services.elimination(context.store) else {
            throw WebError(.serviceUnavailable, kind: "archive-unavailable", title: "Archivage indisponible",
                           detail: "Le second emplacement de stockage des archives n'est pas configuré.")
        }
        return service
    }

    /// Runs a decision; a refusal shows the page again with the reason (422).
    func handle(_ context: TenantRequestContext, _ body: () async throws -> String) async throws -> Response {
        let notice: String
        do { notice = try await body() } catch let refusal as Elimination.Refusal {
            return try await page(context, notice: nil, error: refusal.message, status: .unprocessableContent)
        }
        throw WebError.redirect(to: "/archives/eliminations?message=\(notice)")
    }

    func page(_ context: TenantRequestContext, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let service = try service(context)
        let csrf = context.session?.record.csrf ?? ""
        let due = try await service.due()
        var response = pages.render("archive-eliminations", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": csrf, "notice": notice ?? false, "error": error ?? false,
            "due": due.map { row in
                ["id": row.unit.id.uuidString.lowercased(), "title": row.title, "rule": (row.rule ?? "—") + (row.inheritedFrom == nil ? "" : " (héritée)"),
                 "end": Retention.end(of: row.unit).map(FrenchDate.long) ?? "—", "csrf": csrf] as [String: Any]
            },
            "hasDue": !due.isEmpty, "allDue": due.map { $0.unit.id.uuidString.lowercased() }.joined(separator: ","), "dueCount": due.count,
            "held": try await service.held().map { ["id": $0.id.uuidString.lowercased(), "title": $0.title, "csrf": csrf] },
            "eliminations": try await service.eliminations().map { record in
                ["id": record.id.uuidString.lowercased(), "state": record.elimination.state.label, "units": record.elimination.units.count,
                 "requestedBy": record.elimination.requestedBy, "approvedBy": record.elimination.approvedBy ?? "—",
                 "date": FrenchDate.long(record.requestedAt), "open": record.elimination.state == .requested,
                 "executed": record.elimination.state == .executed, "signed": record.signature != nil, "reason": record.elimination.reason ?? "", "csrf": csrf] as [String: Any]
            },
        ])
        response.status = status
        return response
    }
}
