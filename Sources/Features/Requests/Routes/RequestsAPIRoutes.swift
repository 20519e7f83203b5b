import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import NIOCore
import Tenancy
import TenantStore
import Web

/// The partners' JSON API, under the member's host: the procedures offered on its portal,
/// filing on behalf of someone (JSON, or multipart with the files), the requests the member
/// processes, and processing them (messages to the requester, transitions).
struct RequestsAPIRoutes: Sendable {
    let services: RequestsServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/api/v1/request-types", .permission(.requestsRead), operation: RequestsAPI.listTypes) { _, context, _ in
            var json = JSONWriter(capacity: 16_384)
            json.beginObject()
            json.key("data")
            json.beginArray()
            for offered in try await services.offered(on: context.tenant) { RequestsAPIWriter.write(offered, into: &json) }
            json.endArray()
            json.endObject()
            return json.response()
        }
        routes.post("/api/v1/requests", .permission(.requestsFile), operation: RequestsAPI.file) { request, context, principal in
            try await file(request, context: context, principal: principal)
        }
        routes.get("/api/v1/requests", .permission(.requestsRead), operation: RequestsAPI.list) { request, context, _ in
            try await list(request, context: context)
        }
        routes.get("/api/v1/requests/:number", .permission(.requestsRead), operation: RequestsAPI.get) { _, context, _ in
            let (record, type) = try await request(context)
            return Self.response(record, type: type)
        }
        routes.post("/api/v1/requests/:number/messages", .permission(.requestsProcess), operation: RequestsAPI.message) { request, context, principal in
            let input = try await RequestPayload.json(MessageInput.self, from: request)
            let (record, type) = try await self.request(context)
            let updated = try await ProcessingService(services: services, owner: context.tenant).act(
                on: record.id, .messageSent(input.message), by: Self.actor(principal), eventActor: RequestsServices.actor(principal))
            return Self.response(updated, type: type, status: .created)
        }
        routes.post("/api/v1/requests/:number/transitions", .permission(.requestsProcess), operation: RequestsAPI.transition) { request, context, principal in
            let input = try await RequestPayload.json(TransitionInput.self, from: request)
            let (record, type) = try await self.request(context)
            guard type.workflow.transition(input.transition) != nil else {
                throw WebError(.unprocessableContent, kind: "unknown-transition", title: "Transition inconnue",
                               detail: "La démarche « \(type.title) » n'a pas de transition « \(input.transition.prefix(60)) ».",
                               extensions: ["parameter": "transition"])
            }
            let updated = try await ProcessingService(services: services, owner: context.tenant).act(
                on: record.id, .transition(id: input.transition, comment: input.comment), by: Self.actor(principal),
                eventActor: RequestsServices.actor(principal), revision: input.revision)
            return Self.response(updated, type: type)
        }
    }

    struct MessageInput: Decodable {
        var message: String
    }

    struct TransitionInput: Decodable {
        var transition: String
        var comment: String?
        /// The revision the caller saw: a request changed since is refused (409).
        var revision: Int?
    }

    /// The body of `POST /api/v1/requests` (or the `request` part of a multipart form).
    struct FilingInput: Decodable {
        struct Contact: Decodable {
            var email: String
            var name: String?
        }

        var type: String
        var answers: [String: RequestsDemo.AnswerInput]?
        var contact: Contact
    }

    func file(_ request: Request, context: TenantRequestContext, principal: Principal) async throws -> Response {
        let input: FilingInput
        var uploads: [PartnerFiling.Upload] = []
        if (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") {
            let form = try await MultipartForm.read(request, limit: services.uploadLimit + RequestPayload.limit)
            guard let part = form.first("request") else {
                throw WebError.invalidParameter("request", "Le formulaire doit contenir une partie « request » (JSON).")
            }
            input = try RequestPayload.json(FilingInput.self, bytes: part.bytes)
            uploads = form.parts.filter { $0.name != "request" }.map { .init(key: $0.name, fileName: $0.fileName, bytes: $0.bytes) }
        } else {
            input = try await RequestPayload.json(FilingInput.self, from: request)
        }
        do {
            guard let offered = try await services.offered(input.type, on: context.tenant) else {
                throw PartnerFiling.Refusal(errors: [("type", "Aucune démarche « \(input.type.prefix(60)) » n'est proposée sur ce portail.")])
            }
            let contact = try PartnerFiling.contact(email: input.contact.email, name: input.contact.name).get()
            var raw: [String: [String]] = [:]
            for (key, value) in input.answers ?? [:] { raw[key] = value.values }
            let filed = try await PartnerFiling(services: services).file(
                offered, on: context.tenant, raw: raw, uploads: uploads,
                requester: .partner(client: principal.id, email: contact.email, name: contact.name), channel: .api,
                uploader: "client:\(principal.id)", actor: RequestsServices.actor(principal))
            return Self.response(filed.record, type: offered.type, status: .created, headers: [.location: "/api/v1/requests/\(filed.record.number)"])
        } catch let refusal as PartnerFiling.Refusal {
            return Self.refusal(refusal)
        }
    }

    func list(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let query = request.query
        var filter = QueueQuery()
        filter.limit = try Cursor.limit(from: query, preferred: 50, maximum: 200)
        if let type = query["type"] {
            guard ProcedureType.validSlug(type) else { throw WebError.invalidParameter("type", "Le type est l'identifiant d'une démarche (« depots-sauvages »).") }
            filter.typeSlug = type
        }
        if let status = query["status"] {
            guard status.count <= 40, status.wholeMatch(of: #/[a-z][a-z0-9_-]*/#) != nil else {
                throw WebError.invalidParameter("status", "Le statut est l'identifiant d'un statut (« recue »).")
            }
            filter.status = status
        }
        if let cursor = try Cursor.read("after", from: query, parts: 2) {
            guard let micros = Int64(cursor.values[0]), let id = UUID(uuidString: cursor.values[1]) else {
                throw WebError.invalidParameter("after", "Le curseur « after » n'est pas valable : reprenez celui de la page précédente.")
            }
            filter.after = (Date(timeIntervalSince1970: Double(micros) / 1_000_000), id)
        }
        let (rows, more) = try await RequestStore(context.store).queue(filter, now: Date())
        var json = JSONWriter(capacity: 8192)
        json.beginObject()
        json.key("data")
        json.beginArray()
        for row in rows {
            json.beginObject()
            json.field("id", row.id.uuidString.lowercased())
            json.field("number", row.number)
            json.field("type", row.typeSlug)
            json.field("type_title", row.typeTitle)
            json.field("status", row.status)
            json.field("status_label", row.statusLabel)
            json.field("closed", row.closed)
            json.field("late", !row.closed && Date() >= row.lateFrom)
            json.field("filed_at", row.filedAt)
            json.field("filing_member", row.filingMember)
            json.endObject()
        }
        json.endArray()
        let last = rows.last.map { Cursor([String(Int64(($0.filedAt.timeIntervalSince1970 * 1_000_000).rounded())), $0.id.uuidString]).encoded }
        json.field("next_cursor", more ? last : nil)
        json.endObject()
        return json.response()
    }

    /// The request named in the path, with its type at the version it was filed with.
    func request(_ context: TenantRequestContext) async throws -> (RequestRecord, ProcedureType) {
        guard let number = context.parameters.get("number"), RequestNumber(number) != nil,
              let record = try await RequestStore(context.store).request(number: number),
              let type = try await ProcedureStore(context.store).type(id: record.typeID, version: record.typeVersion) else {
            throw WebError.notFound("Aucune demande de ce numéro.")
        }
        return (record, type)
    }

    static func response(_ record: RequestRecord, type: ProcedureType, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var json = JSONWriter(capacity: 4096)
        RequestsAPIWriter.write(record, type: type, into: &json)
        return json.response(status: status, headers: headers)
    }

    /// 422 with every refused field (RFC 9457 with an `errors` member: `field`, `message`).
    static func refusal(_ refusal: PartnerFiling.Refusal) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.field("type", "/problems/invalid-request")
        json.field("title", "Demande non conforme")
        json.field("status", 422)
        json.field("detail", refusal.errors.prefix(3).map { "\($0.field) : \($0.message)" }.joined(separator: " "))
        json.key("errors")
        json.beginArray()
        for error in refusal.errors.prefix(200) {
            json.beginObject()
            json.field("field", error.field)
            json.field("message", error.message)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        var response = json.response(status: .unprocessableContent)
        response.headers[.contentType] = "application/problem+json"
        return response
    }

    /// Who acts in the lifecycle: an agent by their account, a partner system by an id derived
    /// from its client id (the history names no one to the citizen), with its permissions.
    static func actor(_ principal: Principal) -> LifecycleActor {
        let account = UUID(uuidString: principal.id) ?? derivedID("client:\(principal.id)")
        return .agent(account, permissions: Set(principal.permissions.map(\.rawValue)))
    }

    static func derivedID(_ text: String) -> UUID {
        var bytes = Array((try? Digest.sha256(Array(text.utf8))) ?? Array(repeating: 0, count: 32)).prefix(16).map { $0 }
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
