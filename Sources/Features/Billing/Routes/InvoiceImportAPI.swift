import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Web

/// `POST /api/v1/invoices/imports` (`billing.import`): the billing software's export as the body
/// (`text/csv`, or `application/zip` with the PDFs).
struct InvoiceImportAPI: Sendable {
    let services: BillingServices

    static let operation = APIOperation(
        "importInvoices", summary: "Importer des factures (export du logiciel de facturation)",
        description: """
            Le corps est le fichier CSV (`text/csv`, UTF-8, séparateur `,` ou `;`, colonnes \(InvoiceFile.columns.joined(separator: ", "))) \
            ou une archive ZIP (`application/zip`) contenant ce CSV et les factures PDF nommées dans la colonne `pdf`. Le fichier est \
            vérifié en entier : la moindre erreur le refuse (422, erreurs par ligne) et rien n'est importé. Le même fichier importé de \
            nouveau ne change rien (200, `outcome` = `unchanged`).
            """,
        tags: ["Factures"],
        requestMediaTypes: ["text/csv": .binary, "application/zip": .binary],
        responses: [
            201: APIResponse("Factures importées", schema: result), 200: APIResponse("Fichier déjà importé : rien n'a changé", schema: result),
            413: .problem("Fichier trop volumineux"), 415: .problem("Ni CSV ni ZIP"),
            400: .problem("Corps illisible"), 401: .problem("Non authentifié"), 403: .problem("Permission billing.import requise"),
            422: .problem("Fichier refusé (erreurs par ligne dans `errors`) : rien n'est importé"),
        ])

    static let result = JSONSchema.object(properties: [
        ("outcome", .string(values: ["imported", "unchanged"])), ("import", .string(format: "uuid")), ("invoices", .integer(minimum: 1)),
    ], required: ["outcome", "import", "invoices"])

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.post("/api/v1/invoices/imports", .permission(.billingImport), operation: Self.operation) { request, context, principal in
            let media = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard media == "text/csv" || media == "application/zip" else {
                throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                               detail: "Envoyez le fichier en text/csv ou application/zip.")
            }
            var request = request
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: services.importLimit) } catch {
                throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Fichier trop volumineux", detail: "Le fichier dépasse \(services.importLimit >> 20) Mo.")
            }
            let bytes = Array(buffer.readableBytesView)
            guard !bytes.isEmpty else { throw WebError.badRequest("Le corps est vide.") }
            switch try await ImportRequest(services: services).run(bytes: bytes, fileName: "api", context: context, principal: principal) {
            case .failure(let refusal):
                context.logger.notice("invoice import refused", metadata: ["errors": "\(refusal.messages.count + refusal.more)"])
                var json = JSONWriter()
                json.beginObject()
                json.field("type", "https://mutualis.example/problems/invalid-import")
                json.field("title", "Fichier refusé")
                json.field("status", 422)
                json.field("detail", "Le fichier contient \(refusal.messages.count + refusal.more) erreur(s) : rien n'a été importé.")
                json.key("errors")
                json.beginArray()
                for message in refusal.messages { json.value(message) }
                json.endArray()
                json.endObject()
                var response = json.response(status: .unprocessableContent)
                response.headers[.contentType] = "application/problem+json"
                return response
            case .success(let outcome):
                var json = JSONWriter()
                json.beginObject()
                switch outcome {
                case .imported(let id, let invoices):
                    json.field("outcome", "imported"); json.field("import", id.uuidString.lowercased()); json.field("invoices", invoices)
                case .unchanged(let id, let invoices):
                    json.field("outcome", "unchanged"); json.field("import", id.uuidString.lowercased()); json.field("invoices", invoices)
                }
                json.endObject()
                if case .imported = outcome { return json.response(status: .created) }
                return json.response()
            }
        }
    }
}
