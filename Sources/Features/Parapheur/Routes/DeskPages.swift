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

/// The agents' pages: their desk (to do, late, delegated, done), a folder with its actions,
/// and the submission form.
struct DeskPages: Sendable {
    let services: ParapheurServices
    let pages: PageRenderer

    struct ActionForm: FormPayload {
        var csrf: String?
        var action: String
        var comment: String?
        var pin: String?
        var desk: String?
        var `as`: String?
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/parapheur", .permission(.parapheurRead)) { request, context, principal in try await deskPage(request, context, principal) }
        routes.get("/parapheur/nouveau", .permission(.parapheurSubmit)) { _, context, _ in try await newPage(context, error: nil) }
        routes.post("/parapheur/nouveau", .permission(.parapheurSubmit)) { request, context, principal in
            let form = try await MultipartForm.read(request, limit: services.formLimit)
            try CSRF.verify(form.first("csrf").map { String(decoding: $0.bytes, as: UTF8.self) }, session: context.session, request: request, cookie: services.cookie)
            func text(_ name: String) -> String? { form.first(name).map { String(decoding: $0.bytes, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 } }
            do {
                let parts = (text("type") ?? "").components(separatedBy: " / ")
                let submission = try await services.submission(
                    title: text("title") ?? "", type: parts.first ?? "", subtype: parts.dropFirst().joined(separator: " / "), dueDate: text("due_date"),
                    metadata: [:], emitter: nil, principal: principal, context: context,
                    documents: form.all("document").filter { !$0.bytes.isEmpty }.map { .init(name: $0.fileName, bytes: $0.bytes) },
                    annexes: form.all("annex").filter { !$0.bytes.isEmpty }.map { .init(name: $0.fileName, bytes: $0.bytes) })
                let folder = try await services.service(context).submit(submission, by: services.eventActor(principal))
                throw WebError.redirect(to: "/parapheur/dossiers/\(folder.id.uuidString.lowercased())?message=depose")
            } catch let error as WebError where error.status.code >= 400 && error.status.code < 500 && error.status != .unauthorized {
                return try await newPage(context, error: error.detail ?? error.title, status: error.status)
            }
        }
        routes.get("/parapheur/dossiers/:id", .permission(.parapheurRead)) { request, context, principal in
            let (folder, service) = try await services.visibleFolder(context, principal)
            let notices = ["depose": "Le dossier a été déposé et envoyé à la première étape.", "fait": "Votre action est enregistrée."]
            return try await folderPage(folder, service: service, context: context, principal: principal,
                                        notice: request.query["message"].flatMap { notices[$0] }, error: nil)
        }
        routes.form("/parapheur/dossiers/:id/action", .permission(.parapheurAct), ActionForm.self) { _, context, principal, form in
            let (folder, service) = try await services.visibleFolder(context, principal)
            do {
                let agent = try await services.agent(principal, context: context)
                let desks = try await service.parapheur.desks()
                let input = ActionInput(action: form.action, comment: form.comment, pin: form.pin, desk: form.desk?.isEmpty == true ? nil : form.desk,
                                        as: form.as?.isEmpty == true ? nil : form.as)
                let acting = try input.as.map { try ActionInput.desk($0, in: desks, field: "as") }
                try await service.act(on: folder.id, try input.action(desks: desks), by: agent, as: acting, signature: .platformKey(pin: input.pin))
            } catch let error as WebError where (400..<500).contains(Int(error.status.code)) && error.status != .unauthorized {
                let current = try await service.store.folder(folder.id) ?? folder
                return try await folderPage(current, service: service, context: context, principal: principal, notice: nil,
                                            error: error.detail ?? error.title, status: error.status)
            }
            throw WebError.redirect(to: "/parapheur/dossiers/\(folder.id.uuidString.lowercased())?message=fait")
        }
        routes.post("/parapheur/dossiers/:id/signature", .permission(.parapheurAct)) { request, context, principal in
            let form = try await MultipartForm.read(request, limit: 2 << 20)
            try CSRF.verify(form.first("csrf").map { String(decoding: $0.bytes, as: UTF8.self) }, session: context.session, request: request, cookie: services.cookie)
            let (folder, service) = try await services.visibleFolder(context, principal)
            do {
                guard let file = form.first("fichier"), !file.bytes.isEmpty else { throw WebError.invalidParameter("fichier", "Choisissez le fichier .p7s de la signature.") }
                let agent = try await services.agent(principal, context: context)
                try await service.act(on: folder.id, .sign(comment: "Signature déposée (carte)"), by: agent, as: nil, signature: .detached(file.bytes))
            } catch let error as WebError where (400..<500).contains(Int(error.status.code)) && error.status != .unauthorized {
                let current = try await service.store.folder(folder.id) ?? folder
                return try await folderPage(current, service: service, context: context, principal: principal, notice: nil,
                                            error: error.detail ?? error.title, status: error.status)
            }
            throw WebError.redirect(to: "/parapheur/dossiers/\(folder.id.uuidString.lowercased())?message=fait")
        }
        routes.get("/parapheur/dossiers/:id/fichiers/:file", .permission(.parapheurRead)) { request, context, principal in
            let (folder, service) = try await services.visibleFolder(context, principal)
            return try await services.download(folder, service: service, request: request, context: context, inline: true)
        }
        routes.get("/parapheur/dossiers/:id/paquet", .permission(.parapheurRead)) { _, context, principal in
            let (folder, service) = try await services.visibleFolder(context, principal)
            return try await FolderBundle(service: service, names: try await service.parapheur.deskNames()).response(folder)
        }
    }

    func deskPage(_ request: Request, _ context: TenantRequestContext, _ principal: Principal) async throws -> Response {
        let service = services.service(context)
        let names = try await service.parapheur.deskNames()
        let actor = try await services.actor(principal, service: service)
        let held = actor?.desks ?? []
        let delegated = Set(actor?.delegations.keys ?? [:].keys)
        let now = Date()
        let pending = held.isEmpty ? [] : try await service.store.folders(.pending(held))
        let forOthers = delegated.isEmpty ? [] : try await service.store.folders(.pending(delegated))
        let handled = try await service.store.folders(principal.roles.contains(.tenantAdmin) && held.isEmpty ? .all : .handled(held.union(delegated)))
        let late = (pending + forOthers).filter { $0.isLate(now: now) }
        let views: [(String, String, [Folder], String)] = [
            ("a-traiter", "À traiter", pending, "Dossiers qui attendent l'action de vos bureaux"),
            ("en-retard", "En retard", late, "Dossiers en retard à leur étape"),
            ("delegues", "Délégués", forOthers, "Dossiers des bureaux qui vous sont délégués"),
            ("traites", "Traités", handled, "Dossiers déposés ou traités par vos bureaux"),
        ]
        let current = views.first { $0.0 == request.query["vue"] } ?? views[0]
        return pages.render("parapheur-desk", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "desks": held.compactMap { names[$0] }.sorted(),
            "delegated": delegated.compactMap { names[$0] }.sorted(),
            "views": views.map { ["id": $0.0, "label": $0.1, "count": $0.2.count, "current": $0.0 == current.0] as [String: Any] },
            "caption": current.3,
            "folders": current.2.map { folder in
                [
                    "id": folder.id.uuidString.lowercased(), "title": folder.title, "type": folder.type.label,
                    "step": folder.circuit.currentStep.map { "\(ParapheurLabels.step($0.kind)) (\(folder.circuit.stepIndex + 1)/\(folder.circuit.steps.count))" }
                        ?? ParapheurLabels.status(folder.circuit.status),
                    "since": FrenchDate.long(folder.circuit.waitingSince), "due": folder.dueDate ?? "—", "late": folder.isLate(now: now),
                ] as [String: Any]
            },
            "empty": current.2.isEmpty,
            "notice": false,
        ])
    }

    func newPage(_ context: TenantRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let types = try await services.service(context).parapheur.types()
        var response = pages.render("parapheur-new", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "",
            "types": types.map { ["value": "\($0.type) / \($0.subtype)", "label": $0.label] },
            "error": error ?? false,
        ])
        response.status = status
        return response
    }
}
