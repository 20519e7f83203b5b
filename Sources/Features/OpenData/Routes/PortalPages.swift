import Foundation
import Hummingbird
import Identity
import Postgres
import Tenancy
import TenantStore
import Web

/// The public open-data pages of a member's portal: the catalogue (search, schema filter), a
/// dataset's page (description, preview of the first rows, schema, versions, downloads) and the
/// downloads themselves.
struct PortalPages: Sendable {
    let services: OpenDataServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/donnees", .public) { request, context in try await catalogue(request, context) }
        routes.get("/donnees/:dataset", .public) { request, context in try await datasetPage(request, context) }
        routes.get("/donnees/:dataset/:resource", .public) { request, context in
            try await ResourceDownload(services: services).response(
                request, member: context.store, dataset: try Self.datasetID(context), resource: context.parameters.get("resource") ?? "", version: nil
            )
        }
        routes.get("/donnees/:dataset/:resource/versions/:version", .public) { request, context in
            guard let text = context.parameters.get("version"), text.count <= 9, let version = Int(text), version > 0 else {
                throw WebError.invalidParameter("version", "Le numéro de version doit être un entier positif.")
            }
            return try await ResourceDownload(services: services).response(
                request, member: context.store, dataset: try Self.datasetID(context), resource: context.parameters.get("resource") ?? "", version: version
            )
        }
    }

    func catalogue(_ request: Request, _ context: TenantRequestContext) async throws -> Response {
        let query = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
        let schema = request.uri.queryParameters.get("schema").flatMap { SCDLSchemas.names.contains($0) ? $0 : nil }
        let datasets = try await CatalogueStore(member: context.store).datasets(matching: query, schema: schema)
        let published = try await Self.currentVersions(context.store)
        return services.pages.render("opendata-catalogue", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "query": query, "count": datasets.count, "empty": datasets.isEmpty, "canManage": Self.canManage(context),
            "schemas": SCDLSchemas.names.map { ["name": $0, "label": Self.schemaLabel($0), "selected": $0 == schema] as [String: Any] },
            "datasets": datasets.map { dataset in
                var values = Self.summary(dataset)
                values["updated"] = published[dataset.id].map { FrenchDate.long($0) } ?? "pas encore publié"
                return values
            },
        ])
    }

    func datasetPage(_ request: Request, _ context: TenantRequestContext) async throws -> Response {
        let id = try Self.datasetID(context)
        guard let dataset = try await CatalogueStore(member: context.store).dataset(id) else {
            throw WebError.notFound("Ce jeu de données n'existe pas.")
        }
        let resources = try await CatalogueStore(member: context.store).resources(of: id)
        let schema = try dataset.schemaName.map { try services.schemas.schema($0) }
        let preview = try await ResourceDownload(services: services).csvPrefix(member: context.store, dataset: id)
            .map { TableCheck.preview($0, rows: 20, scratch: services.workDirectory) }
        var values = Self.summary(dataset)
        values["description"] = dataset.description
        values["licenceURL"] = dataset.licence.url
        values["temporal"] = Self.temporal(dataset)
        values["resources"] = resources.map { resource in
            [
                "title": resource.title, "format": resource.format.label, "href": "/donnees/\(id)/\(resource.id)",
                "published": resource.current != nil,
                "size": resource.current.map { ByteCount.french($0.size) } ?? "", "date": resource.current.map { FrenchDate.long($0.publishedAt) } ?? "",
                "versions": resource.versions.map { version in
                    [
                        "number": version.version, "date": FrenchDate.long(version.publishedAt), "size": ByteCount.french(version.size),
                        "rows": version.rowCount.map { "\($0) lignes" } ?? "", "by": version.publishedBy,
                        "href": "/donnees/\(id)/\(resource.id)/versions/\(version.version)",
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
        if let schema {
            values["schema"] = [
                "title": schema.title, "version": schema.version, "url": schema.pageURL,
                "fields": schema.fields.map { ["name": $0.name, "title": $0.title, "type": Self.typeLabel($0.type), "required": $0.required] as [String: Any] },
            ] as [String: Any]
        }
        if let preview, let header = preview.first {
            values["preview"] = ["header": header, "rows": preview.dropFirst().map { ["cells": $0] }] as [String: Any]
        }
        values["canManage"] = Self.canManage(context)
        return services.pages.render("opendata-dataset", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: ["dataset": values])
    }

    /// An agent who may publish is shown the way to the agents' pages.
    static func canManage(_ context: TenantRequestContext) -> Bool {
        context.viewer != nil && context.principal?.can(.openDataPublish) == true
    }

    static func summary(_ dataset: Dataset) -> [String: Any] {
        [
            "id": dataset.id, "title": dataset.title, "excerpt": String(dataset.description.prefix(240)), "licence": dataset.licence.label,
            "frequency": dataset.frequency.label, "keywords": dataset.keywords, "producer": dataset.producer,
            "schema": dataset.schemaName.map(schemaLabel) ?? false, "spatial": "\(dataset.spatialName) (\(dataset.spatialCode))",
            "contact": dataset.contactEmail, "theme": dataset.theme,
        ]
    }

    static func temporal(_ dataset: Dataset) -> String {
        switch (dataset.temporalStart, dataset.temporalEnd) {
        case let (start?, end?): "du \(start) au \(end)"
        case let (start?, nil): "depuis le \(start)"
        case let (nil, end?): "jusqu'au \(end)"
        default: "non précisée"
        }
    }

    static func schemaLabel(_ name: String) -> String {
        switch name {
        case "deliberations": "Délibérations (SCDL)"
        case "subventions": "Subventions (SCDL)"
        case "budget": "Budget (SCDL)"
        case "equipements": "Équipements collectifs (SCDL)"
        case "catalogue": "Catalogue de données (SCDL)"
        default: name
        }
    }

    static func typeLabel(_ type: String) -> String {
        ["string": "texte", "number": "nombre", "integer": "entier", "boolean": "booléen", "date": "date", "datetime": "date et heure",
         "year": "année", "time": "heure", "yearmonth": "année et mois"][type] ?? type
    }

    static func datasetID(_ context: some RequestContext) throws -> String {
        guard let id = context.parameters.get("dataset"), Dataset.isValidID(id) else {
            throw WebError.notFound("Ce jeu de données n'existe pas.")
        }
        return id
    }

    /// The date of each dataset's latest publication.
    static func currentVersions(_ member: MemberStore) async throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for row in try await member.read("SELECT dataset_id, max(published_at) FROM opendata_versions GROUP BY dataset_id") {
            dates[try row.decode(String.self, at: 0)] = try row.decode(Date.self, at: 1)
        }
        return dates
    }
}
