import Foundation
import HTTPTypes
import Hummingbird
import Identity
import NIOCore
import Tenancy
import TenantStore
import Web

/// `GET /api/v1/datasets…` (public) and `POST /api/v1/datasets/{id}/resources` (opendata.publish).
struct DatasetAPIRoutes: Sendable {
    let services: OpenDataServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/api/v1/datasets", .public, operation: OpenDataAPI.list) { request, context in
            let query = request.uri.queryParameters
            let text = String(query.get("q") ?? "")
            guard text.count <= 200 else { throw WebError.invalidParameter("q", "La recherche ne doit pas dépasser 200 caractères.") }
            let schema = query.get("schema").map { String($0) }
            if let schema, !SCDLSchemas.names.contains(schema) {
                throw WebError.invalidParameter("schema", "Schéma inconnu : \(SCDLSchemas.names.joined(separator: ", ")).")
            }
            let catalogue = CatalogueStore(member: context.store)
            var json = JSONWriter()
            json.beginObject()
            json.key("data")
            json.beginArray()
            for dataset in try await catalogue.datasets(matching: text, schema: schema) {
                write(dataset, resources: try await catalogue.resources(of: dataset.id), into: &json)
            }
            json.endArray()
            json.endObject()
            return json.response()
        }
        routes.get("/api/v1/datasets/:id", .public, operation: OpenDataAPI.get) { _, context in
            let dataset = try await dataset(context)
            var json = JSONWriter()
            write(dataset, resources: try await CatalogueStore(member: context.store).resources(of: dataset.id), into: &json)
            return json.response()
        }
        routes.get("/api/v1/datasets/:id/resources/:resource", .public, operation: OpenDataAPI.download) { request, context in
            let dataset = try await dataset(context)
            var version: Int?
            if let text = request.uri.queryParameters.get("version") {
                guard text.count <= 9, let number = Int(text), number > 0 else {
                    throw WebError.invalidParameter("version", "La version doit être un entier positif.")
                }
                version = number
            }
            return try await ResourceDownload(services: services).response(
                request, member: context.store, dataset: dataset.id, resource: context.parameters.get("resource") ?? "", version: version
            )
        }
        routes.post("/api/v1/datasets/:id/resources", .permission(.openDataPublish), operation: OpenDataAPI.upload) { request, context, principal in
            let dataset = try await dataset(context)
            let encoding = request.uri.queryParameters.get("encodage").map { String($0) }
            guard encoding == nil || encoding == "utf-8" || encoding == "latin1" else {
                throw WebError.invalidParameter("encodage", "L'encodage est utf-8 (par défaut) ou latin1.")
            }
            let outcome = try await UploadService(services: services).receive(
                request, member: context.store, dataset: dataset, convertLatin1: encoding == "latin1", by: principal.label, logger: context.logger
            )
            switch outcome {
            case .refused(let issues):
                return Self.refusal(issues)
            case .published(let refresh):
                guard refresh.kind != .failed else {
                    return Self.refusal([TableCheck.Issue(row: nil, field: nil, code: "refresh-failed", message: refresh.message ?? "L'actualisation a échoué.")])
                }
                var json = JSONWriter()
                json.beginObject()
                json.field("outcome", refresh.kind.rawValue)
                json.field("rows", refresh.rows)
                json.key("versions")
                json.beginObject()
                for (resource, version) in refresh.versions.sorted(by: { $0.key < $1.key }) { json.field(resource, version) }
                json.endObject()
                json.key("dataset")
                write(dataset, resources: try await CatalogueStore(member: context.store).resources(of: dataset.id), into: &json)
                json.endObject()
                return json.response(status: .created, headers: [.location: "/api/v1/datasets/\(dataset.id)"])
            }
        }
    }

    func dataset(_ context: TenantRequestContext) async throws -> Dataset {
        guard let id = context.parameters.get("id"), Dataset.isValidID(id),
              let dataset = try await CatalogueStore(member: context.store).dataset(id) else {
            throw WebError.notFound("Aucun jeu de données de cet identifiant.")
        }
        return dataset
    }

    /// 422 with every problem by row and column (RFC 9457 with an `errors` member).
    static func refusal(_ issues: [TableCheck.Issue]) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.field("type", "/problems/invalid-file")
        json.field("title", "Fichier non conforme")
        json.field("status", 422)
        json.field("detail", issues.prefix(3).map { $0.message(row: true) }.joined(separator: " "))
        json.key("errors")
        json.beginArray()
        for issue in issues.prefix(1000) {
            json.beginObject()
            json.field("code", issue.code)
            if let row = issue.row { json.field("row", row) } else { json.key("row"); json.null() }
            json.field("field", issue.field)
            json.field("message", issue.message(row: true))
            json.endObject()
        }
        json.endArray()
        json.endObject()
        var response = json.response(status: .unprocessableContent)
        response.headers[.contentType] = "application/problem+json"
        return response
    }

    func write(_ dataset: Dataset, resources: [DatasetResource], into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", dataset.id)
        json.field("title", dataset.title)
        json.field("description", dataset.description)
        json.field("licence", dataset.licence.rawValue)
        json.field("licence_url", dataset.licence.url)
        json.field("frequency", dataset.frequency.rawValue)
        json.key("keywords")
        json.beginArray()
        for keyword in dataset.keywords { json.value(keyword) }
        json.endArray()
        json.field("temporal_start", dataset.temporalStart)
        json.field("temporal_end", dataset.temporalEnd)
        json.field("spatial_code", dataset.spatialCode)
        json.field("spatial_name", dataset.spatialName)
        json.field("producer", dataset.producer)
        json.field("producer_siret", dataset.producerSIRET)
        json.field("contact_email", dataset.contactEmail)
        json.field("theme", dataset.theme)
        json.field("schema", dataset.schemaName)
        json.field("schema_url", try? dataset.schemaName.map { try services.schemas.schema($0).canonicalURL })
        json.field("source", dataset.source.rawValue)
        json.field("updated_at", dataset.updatedAt)
        json.key("resources")
        json.beginArray()
        for resource in resources {
            json.beginObject()
            json.field("id", resource.id)
            json.field("title", resource.title)
            json.field("format", resource.format.rawValue)
            json.field("media_type", resource.format.mediaType)
            json.field("url", resource.current == nil ? nil : "/api/v1/datasets/\(dataset.id)/resources/\(resource.id)")
            json.key("versions")
            json.beginArray()
            for version in resource.versions {
                json.beginObject()
                json.field("version", version.version)
                json.field("sha256", version.sha256)
                json.field("size", version.size)
                json.key("rows")
                if let rows = version.rowCount { json.value(rows) } else { json.null() }
                json.field("published_at", version.publishedAt)
                json.field("url", "/api/v1/datasets/\(dataset.id)/resources/\(resource.id)?version=\(version.version)")
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
