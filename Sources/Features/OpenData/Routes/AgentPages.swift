import Foundation
import Hummingbird
import Identity
import Tenancy
import TenantStore
import Web

/// The agents' open-data pages: every dataset with its last refresh (progress, outcome), a
/// dataset's page with the entry form its schema gives, the CSV upload (errors by row and column)
/// and the « actualiser maintenant » button.
struct AgentPages: Sendable {
    let services: OpenDataServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/administration/donnees", .permission(.openDataPublish)) { request, context, _ in
            try await list(request, context)
        }
        routes.get("/administration/donnees/:dataset", .permission(.openDataPublish)) { request, context, _ in
            try await manage(request, context, dataset: try await dataset(context))
        }
        routes.form("/administration/donnees/:dataset/actualiser", .permission(.openDataPublish), ButtonForm.self) { _, context, principal, _ in
            let dataset = try await dataset(context)
            guard dataset.source != .files else { throw WebError.badRequest("Ce jeu de données est alimenté par dépôt de fichiers.") }
            try await context.store.transaction { connection in
                try await OpenDataRefreshJob.enqueue(dataset.id, by: principal.label, tenant: context.store, on: connection)
            }
            throw WebError.redirect(to: "/administration/donnees/\(dataset.id)?message=actualisation")
        }
        routes.form("/administration/donnees/:dataset/lignes", .permission(.openDataPublish), RowForm.self) { request, context, principal, form in
            let dataset = try await dataset(context)
            guard dataset.source == .records, let schemaName = dataset.schemaName else {
                throw WebError.badRequest("Ce jeu de données ne se saisit pas ligne à ligne.")
            }
            let schema = try services.schemas.schema(schemaName)
            let fields = Dictionary(uniqueKeysWithValues: schema.fieldNames.map { ($0, (form.values[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) })
            let file = try TableCheck.temporaryFile(in: services.workDirectory)
            defer { try? FileManager.default.removeItem(at: file) }
            // Written as the CSV would be (unneutralised: the check sees what was typed).
            try TableCheck.write([schema.fieldNames.map { fields[$0] ?? "" }], schema: schema, to: file, neutralize: false)
            let issues = try TableCheck.validate(file, schema: schema, limit: 50)
            guard issues.isEmpty else {
                return try await manage(request, context, dataset: dataset, entered: fields, errors: issues.map { $0.message(row: false) }, status: .unprocessableContent)
            }
            try await context.store.transaction { connection in
                try await RecordStore(member: context.store).add(fields, to: dataset.id, origin: "entry", on: connection)
                try await OpenDataRefreshJob.enqueue(dataset.id, by: principal.label, tenant: context.store, on: connection)
            }
            throw WebError.redirect(to: "/administration/donnees/\(dataset.id)?message=ligne")
        }
        routes.post("/administration/donnees/:dataset/fichier", .permission(.openDataPublish)) { request, context, principal in
            let dataset = try await dataset(context)
            // A multipart form: its CSRF token is one of its fields, checked before anything changes.
            let outcome = try await UploadService(services: services).receive(
                request, member: context.store, dataset: dataset, convertLatin1: false, by: principal.label, logger: context.logger
            ) { fields in try CSRF.verify(fields["csrf"], session: context.session, request: request, cookie: services.cookie) }
            switch outcome {
            case .refused(let issues):
                return try await manage(request, context, dataset: dataset, errors: issues.prefix(100).map { $0.message(row: true) },
                                        more: max(0, issues.count - 100), status: .unprocessableContent)
            case .published(let refresh):
                throw WebError.redirect(to: "/administration/donnees/\(dataset.id)?message=\(refresh.kind == .unchanged ? "inchange" : "depose")")
            }
        }
    }

    func list(_ request: Request, _ context: TenantRequestContext) async throws -> Response {
        let datasets = try await CatalogueStore(member: context.store).datasets()
        let statuses = try await RefreshStatus.all(context.store)
        return services.pages.render("opendata-admin", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "",
            "datasets": datasets.map { dataset in
                var values = PortalPages.summary(dataset)
                values["source"] = Self.sourceLabel(dataset.source)
                values["refreshable"] = dataset.source != .files
                values["status"] = statuses[dataset.id].map(Self.statusValues) ?? false
                return values
            },
        ])
    }

    func manage(_ request: Request, _ context: TenantRequestContext, dataset: Dataset, entered: [String: String] = [:], errors: [String] = [], more: Int = 0,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let schema = try dataset.schemaName.map { try services.schemas.schema($0) }
        let statuses = try await RefreshStatus.all(context.store)
        let rows = try await RecordStore(member: context.store).count(dataset.id)
        let notices = ["actualisation": "L'actualisation est demandée ; cette page montre son avancement.",
                       "ligne": "La ligne est enregistrée ; le jeu de données va être actualisé.",
                       "depose": "Le fichier est conforme et publié.", "inchange": "Le fichier est conforme ; il est identique à la version publiée."]
        var values = PortalPages.summary(dataset)
        values["source"] = Self.sourceLabel(dataset.source)
        values["records"] = dataset.source == .records
        values["refreshable"] = dataset.source != .files
        values["uploadable"] = dataset.source != .catalogue
        values["rows"] = rows
        values["status"] = statuses[dataset.id].map(Self.statusValues) ?? false
        values["limit"] = ByteCount.french(services.uploadLimit)
        if let schema, dataset.source == .records {
            values["hasFields"] = true
            values["fields"] = schema.fields.map { field in
                [
                    "name": field.name, "label": field.title == field.name ? field.name : "\(field.title) (\(field.name))", "required": field.required,
                    "hint": [PortalPages.typeLabel(field.type), field.example.map { "ex. \($0)" }].compactMap { $0 }.joined(separator: ", "),
                    "value": entered[field.name] ?? Self.prefill(field.name, dataset: dataset),
                    "hasChoices": !field.enumValues.isEmpty,
                    "choices": field.enumValues.isEmpty ? false : field.enumValues.map { ["value": $0, "selected": $0 == entered[field.name]] as [String: Any] },
                ] as [String: Any]
            }
        }
        return services.pages.render("opendata-manage", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "", "dataset": values,
            "notice": request.uri.queryParameters.get("message").flatMap { notices[String($0)] } ?? false,
            "hasErrors": !errors.isEmpty, "errors": errors, "more": more > 0 ? more : false,
        ], status: status)
    }

    /// The producer's columns are filled in advance.
    static func prefill(_ field: String, dataset: Dataset) -> String {
        switch field {
        case "COLL_NOM", "nomAttribuant", "BGT_NOM": dataset.producer
        case "COLL_SIRET", "idAttribuant", "BGT_SIRET": dataset.producerSIRET
        default: ""
        }
    }

    static func statusValues(_ status: RefreshStatus) -> [String: Any] {
        let outcome = switch status.outcome {
        case "published": "nouvelle version publiée"
        case "unchanged": "données inchangées, aucune nouvelle version"
        case "failed": "échec : la dernière version valide reste publiée"
        default: ""
        }
        let state = ["queued": "en attente", "running": "en cours", "done": "terminée", "failed": "échouée"][status.state] ?? status.state
        return [
            "state": state, "running": status.state == "running" || status.state == "queued", "outcome": outcome,
            "failed": status.state == "failed", "message": status.message ?? false,
            "progress": status.rowsTotal > 0 ? "\(status.rowsDone) / \(status.rowsTotal) lignes" : "",
            "finished": status.finishedAt.map { FrenchDate.long($0) } ?? false, "by": status.requestedBy ?? "",
            "lastSuccess": status.lastSuccess.map { FrenchDate.long($0) } ?? "jamais",
        ]
    }

    static func sourceLabel(_ source: Dataset.Source) -> String {
        switch source {
        case .records: "lignes saisies, déposées ou reçues du parapheur"
        case .catalogue: "produit à partir du catalogue"
        case .files: "fichiers déposés"
        }
    }

    func dataset(_ context: TenantRequestContext) async throws -> Dataset {
        guard let dataset = try await CatalogueStore(member: context.store).dataset(try PortalPages.datasetID(context)) else {
            throw WebError.notFound("Ce jeu de données n'existe pas.")
        }
        return dataset
    }
}

/// An entry form: its fields are the schema's columns.
struct RowForm: FormPayload {
    var csrf: String?
    var values: [String: String]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var values: [String: String] = [:]
        for key in container.allKeys where key.stringValue.count <= 100 {
            values[key.stringValue] = try container.decode(String.self, forKey: key)
        }
        csrf = values.removeValue(forKey: "csrf")
        self.values = values
    }
}
