import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Web

/// `/api/v1/me/safe/…`: the citizen's safe by API, with the session (cookie and `X-CSRF-Token`).
struct SafeAPIRoutes {
    let services: SafeServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.post("/api/v1/me/safe/documents", .signedIn, operation: SafeAPI.deposit) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let (bytes, name) = try await SafeUpload.raw(request, safe: safe)
            let document = try await safe.deposit(bytes, fileName: name)
            var json = JSONWriter()
            Self.write(document, into: &json)
            return json.response(status: .created, headers: [.location: "/api/v1/me/safe/documents/\(document.id.uuidString.lowercased())/metadata"])
        }
        routes.get("/api/v1/me/safe/documents", .signedIn, operation: SafeAPI.list) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let limit = try Cursor.limit(from: request.query, preferred: 50, maximum: 200)
            let before = try Cursor.single("after", Double.self, from: request.query).map { Date(timeIntervalSince1970: $0) }
            let documents = try await safe.list(limit: limit + 1, before: before)
            let usage = try await safe.usage()
            var json = JSONWriter()
            json.beginObject()
            json.page(documents, limit: limit, cursor: { Cursor([String($0.depositedAt.timeIntervalSince1970)]) }) { Self.write($0, into: &$1) }
            json.field("count", usage.documents)
            json.key("usage")
            json.beginObject()
            json.field("documents", usage.documents)
            json.field("bytes", usage.bytes)
            json.field("quota", usage.quota)
            json.endObject()
            json.endObject()
            return json.response()
        }
        routes.get("/api/v1/me/safe/documents/:id", .signedIn, operation: SafeAPI.content) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let (document, bytes) = try await safe.read(try Self.id(context))
            return Self.download(document, bytes, request: request)
        }
        routes.get("/api/v1/me/safe/documents/:id/metadata", .signedIn, operation: SafeAPI.metadata) { _, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            var json = JSONWriter()
            Self.write(try await safe.metadata(try Self.id(context)), into: &json)
            return json.response()
        }
        routes.post("/api/v1/me/safe/documents/:id/verify", .signedIn, operation: SafeAPI.verify) { _, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            var json = JSONWriter()
            Self.write(try await safe.verify(try Self.id(context)), into: &json)
            return json.response()
        }
        routes.delete("/api/v1/me/safe/documents/:id", .signedIn, operation: SafeAPI.delete) { _, context, principal in
            try await services.safe(principal, tenant: context.tenant, store: context.store).delete(try Self.id(context))
            return Response(status: .noContent)
        }
        routes.get("/api/v1/me/safe/journal", .signedIn, operation: SafeAPI.journal) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let limit = try Cursor.limit(from: request.query, preferred: 50, maximum: 200)
            let before = try Cursor.single("after", Int.self, from: request.query)
            let entries = try await safe.journal(limit: limit + 1, before: before)
            var json = JSONWriter()
            json.beginObject()
            json.page(entries, limit: limit, cursor: { Cursor([String($0.id)]) }) { Self.write($0, into: &$1) }
            json.endObject()
            return json.response()
        }
        routes.get("/api/v1/me/safe/export", .signedIn, operation: SafeAPI.export) { _, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            return Self.zip(try await safe.export())
        }
    }

    static func id(_ context: TenantRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw WebError.invalidParameter("id", "L'identifiant du document n'est pas valable.")
        }
        return id
    }

    /// The plaintext as an attachment, never cached by anyone else.
    static func download(_ document: SafeDocument, _ bytes: [UInt8], request: Request) -> Response {
        let etag = "\"\(document.sha256)\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "private, no-store", .contentDisposition: SafeUpload.disposition(document.fileName)]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = document.mediaType
        headers[.contentLength] = String(bytes.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func zip(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/zip", .cacheControl: "private, no-store",
                                        .contentDisposition: "attachment; filename=\"coffre-fort.zip\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func write(_ document: SafeDocument, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", document.id.uuidString.lowercased())
        json.field("file_name", document.fileName)
        json.field("media_type", document.mediaType)
        json.field("size", document.size)
        json.field("hash_algorithm", SafeDocument.hashAlgorithm)
        json.field("sha256", document.sha256)
        json.field("deposited_at", document.depositedAt)
        json.key("deposited_by")
        json.beginObject()
        json.field("kind", document.depositedByKind)
        json.field("label", document.depositedByLabel)
        json.endObject()
        json.key("verified_at")
        if let verified = document.verifiedAt { json.value(verified) } else { json.null() }
        json.field("verification", document.verification)
        json.field("content", "/api/v1/me/safe/documents/\(document.id.uuidString.lowercased())")
        json.endObject()
    }

    static func write(_ entry: SafeJournalEntry, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", entry.id)
        json.field("occurred_at", entry.occurredAt)
        json.key("actor")
        json.beginObject()
        json.field("kind", entry.actorKind)
        json.field("label", entry.actorLabel)
        json.endObject()
        json.field("action", entry.action)
        json.field("document_id", entry.documentID?.uuidString.lowercased())
        json.field("sha256", entry.sha256)
        json.field("outcome", entry.outcome)
        json.field("detail", entry.detail)
        json.endObject()
    }
}
