import Blobs
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Modules
import TenantStore
import Postgres
import Tenancy
import Web

/// The document API and the agents' documents page.
struct DocumentRoutes {
    let module: DocumentsModule

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.post("/api/v1/documents", .permission(.documentsWrite), operation: DocumentsAPI.upload) { request, context, principal in
            let document = try await receive(request, context, principal)
            var json = JSONWriter()
            Self.write(document, into: &json)
            return json.response(status: .created, headers: [.location: "/api/v1/documents/\(document.id.uuidString.lowercased())"])
        }
        routes.get("/api/v1/documents", .permission(.documentsRead), operation: DocumentsAPI.list) { request, context, _ in
            let query = request.query
            let limit = try Cursor.limit(from: query, preferred: 50, maximum: 200)
            let before = try Cursor.single("after", Double.self, from: query).map { Date(timeIntervalSince1970: $0) }
            let documents = try await module.documents(context.store).list(limit: limit + 1, before: before, heldBy: DocumentsModule.holder)
            var json = JSONWriter()
            json.beginObject()
            json.page(documents, limit: limit, cursor: { Cursor([String($0.addedAt.timeIntervalSince1970)]) }) { Self.write($0, into: &$1) }
            json.endObject()
            return json.response()
        }
        routes.get("/api/v1/documents/:id", .permission(.documentsRead), operation: DocumentsAPI.get) { _, context, _ in
            var json = JSONWriter()
            Self.write(try await document(context), into: &json)
            return json.response()
        }
        routes.get("/api/v1/documents/:id/content", .permission(.documentsRead), operation: DocumentsAPI.content) { request, context, _ in
            try await DocumentDownload.response(try await document(context), blobs: module.context.blobs, member: context.tenant.slug, request: request)
        }
        routes.delete("/api/v1/documents/:id", .permission(.documentsWrite), operation: DocumentsAPI.release) { _, context, principal in
            let document = try await document(context)
            let released = try await context.store.transaction { connection in
                let released = try await DocumentStore.release(document.id, holder: DocumentsModule.holder, on: connection)
                if released { try await journal("document.release", document, principal, on: connection) }
                return released
            }
            guard released else { throw WebError.notFound("Ce document n'a pas été déposé par l'API des documents.") }
            return Response(status: .noContent)
        }

        routes.get("/administration/documents", .permission(.documentsRead)) { request, context, principal in
            try await page(request, context, principal)
        }
        routes.post("/administration/documents", .permission(.documentsWrite)) { request, context, principal in
            // A multipart form: its CSRF token is one of its fields, checked once the file is in.
            let received = try await Upload.receive(request, member: context.tenant.slug, blobs: module.context.blobs, policy: module.policy)
            do {
                try CSRF.verify(received.fields["csrf"], session: context.session, request: request, cookie: module.context.cookie)
            } catch {
                await module.context.blobs.discard(received.staged)
                throw error
            }
            _ = try await store(received, context, principal)
            throw WebError.redirect(to: "/administration/documents?message=depose")
        }
    }

    func receive(_ request: Request, _ context: TenantRequestContext, _ principal: Principal) async throws -> Document {
        let received = try await Upload.receive(request, member: context.tenant.slug, blobs: module.context.blobs, policy: module.policy)
        return try await store(received, context, principal)
    }

    func store(_ received: ReceivedUpload, _ context: TenantRequestContext, _ principal: Principal) async throws -> Document {
        try await module.documents(context.store).add(
            received.staged, fileName: received.fileName ?? received.fields["nom"],
            by: DocumentAuthor(kind: principal.kind.rawValue, id: principal.id, label: principal.label), holder: DocumentsModule.holder
        ) { connection, document in
            try await journal("document.add", document, principal, on: connection)
            try await module.context.events.record(try NewEvent(
                type: DocumentsModule.added.name, subject: "document:\(document.id.uuidString.lowercased())",
                data: ["id": document.id.uuidString.lowercased(), "file_name": document.fileName, "media_type": document.mediaType,
                       "size": String(document.size), "sha256": document.sha256],
                actor: EventActor(kind: principal.kind.rawValue, id: principal.id, label: principal.label)
            ), tenant: context.tenant.slug, on: connection)
        }
    }

    func journal(_ action: String, _ document: Document, _ principal: Principal, on connection: PostgresConnection) async throws {
        try await AuditJournal.append(AuditEntry(
            actorKind: principal.kind.rawValue, actorID: principal.id, actorLabel: principal.label, action: action,
            objectType: "document", objectID: document.id.uuidString.lowercased(),
            details: ["file_name": document.fileName, "sha256": document.sha256, "size": String(document.size)]
        ), scope: .tenant, on: connection)
    }

    func document(_ context: TenantRequestContext) async throws -> Document {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw WebError.invalidParameter("id", "L'identifiant du document n'est pas valable.")
        }
        guard let document = try await module.documents(context.store).document(id, heldBy: DocumentsModule.holder) else { throw WebError.notFound("Aucun document de ce numéro.") }
        return document
    }

    func page(_ request: Request, _ context: TenantRequestContext, _ principal: Principal) async throws -> Response {
        let documents = try await module.documents(context.store).list(limit: 100, before: nil, heldBy: DocumentsModule.holder)
        let notices = ["depose": "Le document a été déposé."]
        return module.context.pages.render("documents-list", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "",
            "canUpload": principal.can(.documentsWrite),
            "notice": request.query["message"].flatMap { notices[$0] } ?? false,
            "limit": module.policy.limitText,
            "documents": documents.map { document in
                [
                    "id": document.id.uuidString.lowercased(), "name": document.fileName, "type": MediaType(rawValue: document.mediaType)?.label ?? document.mediaType,
                    "size": ByteCount.french(document.size), "date": FrenchDate.long(document.addedAt), "by": document.addedByLabel ?? "—",
                ] as [String: Any]
            },
            "empty": documents.isEmpty,
        ])
    }


    static func write(_ document: Document, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", document.id.uuidString.lowercased())
        json.field("file_name", document.fileName)
        json.field("media_type", document.mediaType)
        json.field("size", document.size)
        json.field("sha256", document.sha256)
        json.field("sha512", document.sha512)
        json.field("added_at", document.addedAt)
        json.key("added_by")
        json.beginObject()
        json.field("kind", document.addedByKind)
        json.field("label", document.addedByLabel)
        json.endObject()
        json.field("content", "/api/v1/documents/\(document.id.uuidString.lowercased())/content")
        json.endObject()
    }
}
