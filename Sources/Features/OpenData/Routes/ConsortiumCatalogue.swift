import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tenancy
import TenantStore
import Web

/// The consortium's catalogue on the console host (public): every member's datasets in one
/// search, and for one SCDL schema every member's published rows side by side, in one table and
/// one CSV (consolidated by construction: every member's CSV has the schema's columns).
struct ConsortiumCatalogue: Sendable {
    let services: OpenDataServices

    /// The members that publish open data.
    var members: [Tenant] {
        services.directory.current.tenants.filter { $0.status == .active && $0.modules.contains(.openData) }.sorted { $0.name < $1.name }
    }

    func register(on routes: SecuredRoutes<ConsoleRequestContext>) {
        routes.get("/console/donnees", .public) { request, context in try await search(request, context) }
        routes.get("/console/donnees/schemas/:schema", .public) { _, context in try await consolidated(context, preview: true) }
        routes.get("/console/donnees/schemas/:schema/consolide.csv", .public) { _, context in try await consolidated(context, preview: false) }
    }

    func search(_ request: Request, _ context: ConsoleRequestContext) async throws -> Response {
        let query = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
        let schema = request.uri.queryParameters.get("schema").flatMap { SCDLSchemas.names.contains($0) ? $0 : nil }
        var groups: [[String: Any]] = []
        var total = 0
        for tenant in members {
            let datasets = try await CatalogueStore(member: services.tenants.member(tenant.slug)).datasets(matching: query, schema: schema)
            guard !datasets.isEmpty else { continue }
            total += datasets.count
            let portal = services.portalBase(tenant.slug)
            groups.append(["member": tenant.name, "datasets": datasets.map { dataset in
                var values = PortalPages.summary(dataset)
                values["href"] = "\(portal)/donnees/\(dataset.id)"
                return values
            }])
        }
        return services.pages.render("opendata-consortium", site: .platform, viewer: context.viewer, values: [
            "query": query, "total": total, "groups": groups, "empty": groups.isEmpty,
            "schemas": SCDLSchemas.names.map { ["name": $0, "label": PortalPages.schemaLabel($0), "selected": $0 == schema] as [String: Any] },
        ])
    }

    /// Every member's current CSV for one schema: a table of the first rows of each (with the
    /// member's name), or the whole as one CSV.
    func consolidated(_ context: ConsoleRequestContext, preview: Bool) async throws -> Response {
        guard let name = context.parameters.get("schema"), SCDLSchemas.names.contains(name) else {
            throw WebError.notFound("Schéma inconnu : \(SCDLSchemas.names.joined(separator: ", ")).")
        }
        let schema = try services.schemas.schema(name)
        var header: [String] = []
        var rows: [[String]] = []
        var sources: [[String: Any]] = []
        for tenant in members {
            let member = services.tenants.member(tenant.slug)
            for dataset in try await CatalogueStore(member: member).datasets(schema: name) {
                guard let bytes = try await ResourceDownload(services: services).csvPrefix(member: member, dataset: dataset.id,
                                                                                             bytes: preview ? 64 * 1024 : Int.max) else { continue }
                let table = TableCheck.preview(bytes, rows: preview ? 10 : Int.max, complete: !preview, scratch: services.workDirectory)
                guard let first = table.first, first == schema.fieldNames else { continue }
                header = ["MEMBRE"] + first
                let body = table.dropFirst()
                rows.append(contentsOf: body.map { [tenant.name] + $0 })
                sources.append(["member": tenant.name, "dataset": dataset.title, "rows": body.count,
                                "href": "\(services.portalBase(tenant.slug))/donnees/\(dataset.id)"])
            }
        }
        guard preview else {
            let bytes = try TableCheck.csv(rows.map { Array($0.dropFirst()) }, schema: schema, scratch: services.workDirectory)
            return Response(status: .ok, headers: [
                .contentType: DatasetResource.Format.csv.mediaType,
                .contentDisposition: "attachment; filename=\"\(name)-consolide.csv\"", .cacheControl: "public, max-age=300",
            ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        return services.pages.render("opendata-consolidated", site: .platform, viewer: context.viewer, values: [
            "schema": ["name": name, "label": PortalPages.schemaLabel(name), "version": schema.version, "url": schema.pageURL],
            "sources": sources, "empty": rows.isEmpty, "header": header, "rows": rows.map { ["cells": $0] },
        ])
    }
}
