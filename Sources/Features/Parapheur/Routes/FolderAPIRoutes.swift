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

/// `/api/v1/parapheur/folders…`: partner systems (a deliberations application) submit folders
/// and follow them; agents act on them.
struct FolderAPIRoutes: Sendable {
    let services: ParapheurServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.post("/api/v1/parapheur/folders", .permission(.parapheurSubmit), operation: ParapheurAPI.create) { request, context, principal in
            try await create(request, context: context, principal: principal)
        }
        routes.get("/api/v1/parapheur/folders/:id", .permission(.parapheurRead), operation: ParapheurAPI.get) { _, context, principal in
            let (folder, service) = try await services.visibleFolder(context, principal)
            return try await services.view(folder, service: service).json()
        }
        routes.post("/api/v1/parapheur/folders/:id/actions", .permission(.parapheurAct), operation: ParapheurAPI.act) { request, context, principal in
            let input = try await RequestPayload.json(ActionInput.self, from: request)
            let (folder, service) = try await services.visibleFolder(context, principal)
            let agent = try await services.agent(principal, context: context)
            let desks = try await service.parapheur.desks()
            let action = try input.action(desks: desks)
            let acting = try input.as.map { try ActionInput.desk($0, in: desks, field: "as") }
            let updated = try await service.act(on: folder.id, action, by: agent, as: acting, signature: .platformKey(pin: input.pin))
            return try await services.view(updated, service: service).json()
        }
        routes.post("/api/v1/parapheur/folders/:id/signatures", .permission(.parapheurAct), operation: ParapheurAPI.signature) { request, context, principal in
            let (folder, service) = try await services.visibleFolder(context, principal)
            let agent = try await services.agent(principal, context: context)
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: 1 << 20) } catch {
                throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux", detail: "Une signature détachée fait moins d'1 Mo.")
            }
            guard body.readableBytes > 0 else { throw WebError.badRequest("Le corps doit être la signature détachée (.p7s, DER).") }
            let updated = try await service.act(on: folder.id, .sign(comment: "Signature déposée (carte)"), by: agent, as: nil, signature: .detached(Array(buffer: body)))
            return try await services.view(updated, service: service).json()
        }
        routes.get("/api/v1/parapheur/folders/:id/bundle", .permission(.parapheurRead), operation: ParapheurAPI.bundle) { _, context, principal in
            let (folder, service) = try await services.visibleFolder(context, principal)
            return try await FolderBundle(service: service, names: try await service.parapheur.deskNames()).response(folder)
        }
        routes.get("/api/v1/parapheur/folders/:id/documents/:file", .permission(.parapheurRead), operation: ParapheurAPI.content) { request, context, principal in
            let (folder, service) = try await services.visibleFolder(context, principal)
            return try await services.download(folder, service: service, request: request, context: context, inline: false)
        }
    }

    /// The `folder` part of the submission form.
    struct FolderInput: Decodable {
        var title: String
        var type: String
        var subtype: String
        var dueDate: String?
        var metadata: [String: String]?
        var emitter: String?
    }

    func create(_ request: Request, context: TenantRequestContext, principal: Principal) async throws -> Response {
        let form = try await MultipartForm.read(request, limit: services.formLimit)
        guard let part = form.first("folder") else { throw WebError.invalidParameter("folder", "Le formulaire doit contenir une partie « folder » (JSON).") }
        let input = try RequestPayload.json(FolderInput.self, bytes: part.bytes)
        let service = services.service(context)
        let submission = try await services.submission(
            title: input.title, type: input.type, subtype: input.subtype, dueDate: input.dueDate, metadata: input.metadata ?? [:],
            emitter: input.emitter, principal: principal, context: context,
            documents: form.all("document").map { .init(name: $0.fileName, bytes: $0.bytes) },
            annexes: form.all("annex").map { .init(name: $0.fileName, bytes: $0.bytes) })
        let folder = try await service.submit(submission, by: services.eventActor(principal))
        let view = try await services.view(folder, service: service)
        return view.json(status: .created, headers: [.location: view.path])
    }
}

/// The body of `POST …/actions`.
struct ActionInput: Decodable {
    var action: String
    var comment: String?
    var pin: String?
    var desk: String?
    var `as`: String?

    func action(desks: [Desk]) throws -> CircuitAction {
        if let comment, comment.count > 2000 { throw WebError.invalidParameter("comment", "Le commentaire ne doit pas dépasser 2 000 caractères.") }
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        switch action {
        case "visa": return .visa(comment: comment)
        case "sign": return .sign(comment: comment)
        case "seal": return .seal
        case "reject": return .reject(reason: comment ?? "")
        case "transfer", "second_opinion":
            guard let desk else { throw WebError.invalidParameter("desk", "Indiquez le bureau destinataire (« desk »).") }
            let target = try Self.desk(desk, in: desks, field: "desk")
            return action == "transfer" ? .transfer(to: target, comment: comment) : .askSecondOpinion(of: target, comment: comment)
        case "opinion": return .giveOpinion(comment: comment)
        case "undo": return .undo
        case "bypass": return .bypass(comment: comment)
        case "resubmit": return .resubmit(comment: comment)
        default:
            throw WebError.invalidParameter("action", "Action inconnue : visa, sign, seal, reject, transfer, second_opinion, opinion, undo, bypass ou resubmit.")
        }
    }

    /// A desk named by its id or its name.
    static func desk(_ text: String, in desks: [Desk], field: String) throws -> DeskID {
        if let id = UUID(uuidString: text), desks.contains(where: { $0.id == id }) { return id }
        if let desk = desks.first(where: { $0.name.compare(text, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }) { return desk.id }
        throw WebError(.unprocessableContent, kind: "unknown-desk", title: "Bureau inconnu", detail: "Aucun bureau « \(text.prefix(100)) » dans ce parapheur.",
                       extensions: ["parameter": field])
    }
}

extension FolderView {
    func json(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var json = JSONWriter(capacity: 2048)
        write(into: &json)
        return json.response(status: status, headers: headers)
    }
}
