import Foundation
import Hummingbird
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore
import Web

/// The designer (`requests.design`, the member's administrators): procedure types built without a
/// developer — settings, the form field by field and page by page, the workflow's statuses and
/// actions, or the whole definition as JSON. Every change to the form or the workflow is a new
/// version; filed requests keep theirs.
struct DesignerPages: Sendable {
    let services: RequestsServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/administration/demarches", .permission(.requestsDesign)) { request, context, _ in
            try await list(context, notice: request.uri.queryParameters.get("message").map { _ in "L'équipe est créée." })
        }
        routes.post("/administration/demarches", .permission(.requestsDesign)) { request, context, principal in
            let post = try await posted(request, context)
            let title = post.text("title"), description = post.text("description")
            var slug = post.text("slug")
            if slug.isEmpty { slug = String(FieldDraft.key(from: title).replacingOccurrences(of: "_", with: "-").prefix(40)) }
            var errors: [String] = []
            if !(1...200).contains(title.count) { errors.append("Le titre doit compter de 1 à 200 caractères.") }
            if !ProcedureType.validSlug(slug) { errors.append("L'adresse ne peut contenir que des minuscules, des chiffres et des tirets (40 au plus).") }
            if description.count > 5000 { errors.append("La présentation ne doit pas dépasser 5000 caractères.") }
            if errors.isEmpty, try await ProcedureStore(context.store).type(slug: slug) != nil { errors.append("Une démarche utilise déjà l'adresse « \(slug) ».") }
            guard errors.isEmpty else {
                return try await list(context, errors: errors, draft: ["title": title, "slug": slug, "description": description], status: .unprocessableContent)
            }
            let form = FormDefinition(title: title, pages: [FormPage(title: "Votre demande", fields: [
                FormField(key: "objet", label: "Objet de votre demande", kind: .longText(maxLength: 2000)),
            ])])
            let type = ProcedureType(id: UUID(), slug: slug, title: title, description: description, allowsAnonymous: false, offeredToMembers: false,
                                     published: false, open311Group: "", delay: ProcessingDelay(days: 30)!, currentVersion: 1, version: 1,
                                     form: form, workflow: .standard)
            try await context.store.transaction { connection in try await ProcedureStore(context.store).create(type, by: principal.label, on: connection) }
            throw WebError.redirect(to: "/administration/demarches/\(slug)?message=creee")
        }
        routes.post("/administration/demarches/equipes", .permission(.requestsDesign)) { request, context, _ in
            let post = try await posted(request, context)
            let name = post.text("name")
            let agents = Set(try await QueuePages.assignees(context.store).compactMap { $0.value.hasPrefix("agent:") ? String($0.value.dropFirst(6)) : nil })
            let members = (post.answers["members"] ?? []).filter { agents.contains($0) }.compactMap(UUID.init(uuidString:))
            guard (1...100).contains(name.count) else {
                return try await list(context, errors: ["Le nom de l'équipe doit compter de 1 à 100 caractères."], status: .unprocessableContent)
            }
            let added = try await context.store.transaction { connection in
                try await connection.execute("""
                    INSERT INTO request_teams (id, name, members) VALUES (\(UUID()), \(name), \(PostgresTextArray(members.map { $0.uuidString }))::uuid[])
                    ON CONFLICT (name) DO NOTHING
                    """)
            }
            guard added == 1 else { return try await list(context, errors: ["Une équipe porte déjà ce nom."], status: .conflict) }
            throw WebError.redirect(to: "/administration/demarches?message=equipe")
        }
        routes.get("/administration/demarches/:slug", .permission(.requestsDesign)) { request, context, _ in
            let notices = ["creee": "La démarche est créée, en brouillon : complétez son formulaire puis mettez-la en ligne.",
                           "enregistre": "Modification enregistrée : une nouvelle version est en service.", "reglages": "Réglages enregistrés."]
            return try await DesignerView(services: services).page(try await type(context), context: context,
                                                                    notice: request.uri.queryParameters.get("message").flatMap { notices[String($0)] })
        }
        routes.post("/administration/demarches/:slug/reglages", .permission(.requestsDesign)) { request, context, _ in
            var type = try await type(context)
            let post = try await posted(request, context)
            var errors: [String] = []
            let title = post.text("title")
            if !(1...200).contains(title.count) { errors.append("Le titre doit compter de 1 à 200 caractères.") }
            guard let days = Int(post.text("delay")), let delay = ProcessingDelay(days: days) else {
                return try await DesignerView(services: services).page(type, context: context, errors: ["Le délai est un nombre de jours de 1 à 3650."], status: .unprocessableContent)
            }
            let group = post.text("group")
            if group.count > 100 { errors.append("Le groupe Open311 ne doit pas dépasser 100 caractères.") }
            let description = post.text("description")
            if description.count > 5000 { errors.append("La présentation ne doit pas dépasser 5000 caractères.") }
            guard errors.isEmpty else { return try await DesignerView(services: services).page(type, context: context, errors: errors, status: .unprocessableContent) }
            (type.title, type.description, type.delay, type.open311Group) = (title, description, delay, group)
            type.allowsAnonymous = post.text("anonymous") == "1"
            type.offeredToMembers = context.tenant.kind == .intercommunality && post.text("offered") == "1"
            type.published = post.text("published") == "1"
            try await context.store.transaction { connection in try await ProcedureStore(context.store).updateSettings(type, on: connection) }
            throw WebError.redirect(to: "/administration/demarches/\(type.slug)?message=reglages")
        }
        routes.post("/administration/demarches/:slug/champs", .permission(.requestsDesign)) { request, context, principal in
            let type = try await type(context)
            let post = try await posted(request, context)
            let draft = FieldDraft(
                label: post.text("label"), key: post.text("key"), kind: post.text("kind"), help: post.text("help"), required: post.text("required") == "1",
                choices: post.text("choices"), maxLength: post.text("max_length"), minimum: post.text("minimum"), maximum: post.text("maximum"),
                integerOnly: post.text("integer") == "1", mediaTypes: post.answers["media"] ?? [], maxMegabytes: post.text("max_mb"),
                text: post.text("text"), conditionField: post.text("condition_field"), conditionValue: post.text("condition_value"))
            let page = Int(post.text("page")) ?? 0
            let result = draft.field().flatMap { type.form.adding($0, toPage: page, newPageTitle: post.text("page_title")) }
            return try await publish(type, result, workflow: .success(type.workflow), post: post, context: context, principal: principal, draft: draft)
        }
        let edits: [(String, @Sendable (FormDefinition, String) -> Result<FormDefinition, DraftErrors>)] = [
            ("supprimer", { form, key in form.removing(key) }), ("monter", { $0.moving($1, up: true) }), ("descendre", { $0.moving($1, up: false) }),
        ]
        for (action, edit) in edits {
            routes.post("/administration/demarches/:slug/champs/:key/\(action)", .permission(.requestsDesign)) { request, context, principal in
                let type = try await type(context)
                let post = try await posted(request, context)
                return try await publish(type, edit(type.form, context.parameters.get("key") ?? ""), workflow: .success(type.workflow), post: post,
                                         context: context, principal: principal)
            }
        }
        routes.post("/administration/demarches/:slug/circuit", .permission(.requestsDesign)) { request, context, principal in
            let type = try await type(context)
            let post = try await posted(request, context)
            return try await publish(type, .success(type.form), workflow: WorkflowDraft.workflow(post.answers), post: post, context: context, principal: principal)
        }
        routes.post("/administration/demarches/:slug/json", .permission(.requestsDesign)) { request, context, principal in
            let type = try await type(context)
            let post = try await posted(request, context)
            func decode<T: Decodable>(_ name: String, _ label: String) -> Result<T, DraftErrors> {
                do { return .success(try JSONDecoder().decode(T.self, from: Data(post.text(name).utf8))) } catch {
                    return .failure(DraftErrors(messages: ["Le \(label) n'est pas un JSON valide pour une démarche."]))
                }
            }
            let form: Result<FormDefinition, DraftErrors> = decode("form", "formulaire")
            let workflow: Result<WorkflowDefinition, DraftErrors> = decode("workflow", "circuit")
            return try await publish(type, form.flatMap { $0.checked() }, workflow: workflow.flatMap { workflow in
                let problems = workflow.problems()
                return problems.isEmpty ? .success(workflow) : .failure(DraftErrors(messages: problems.map(\.message)))
            }, post: post, context: context, principal: principal)
        }
    }

    /// A new version from the edited form and workflow, or the page again with the reasons.
    private func publish(_ type: ProcedureType, _ form: Result<FormDefinition, DraftErrors>, workflow: Result<WorkflowDefinition, DraftErrors>,
                         post: FormPost, context: TenantRequestContext, principal: Principal, draft: FieldDraft? = nil) async throws -> Response {
        let view = DesignerView(services: services)
        let errors = (form.failure?.messages ?? []) + (workflow.failure?.messages ?? [])
        guard errors.isEmpty, var newForm = try? form.get(), let newWorkflow = try? workflow.get() else {
            context.logger.notice("procedure edit refused", metadata: ["type": "\(type.slug)", "reasons": "\(errors.joined(separator: " | ").prefix(500))"])
            return try await view.page(type, context: context, errors: errors, draft: draft, status: .unprocessableContent)
        }
        guard let based = Int(post.text("version")) else { throw WebError.badRequest("La version modifiée n'est pas indiquée.") }
        newForm.title = type.title
        let published = try await context.store.transaction { connection in
            try await ProcedureStore(context.store).publishVersion(of: type.id, basedOn: based, form: newForm, workflow: newWorkflow, by: principal.label, on: connection)
        }
        guard published != nil else {
            return try await view.page(type, context: context, errors: ["La démarche a été modifiée entre-temps (version \(type.currentVersion)) : refaites votre modification."],
                                       status: .conflict)
        }
        throw WebError.redirect(to: "/administration/demarches/\(type.slug)?message=enregistre")
    }

    private func posted(_ request: Request, _ context: TenantRequestContext) async throws -> FormPost {
        let post = try await FormPost.read(request, limit: 512 * 1024)
        try CSRF.verify(post.csrf, session: context.session, request: request, cookie: services.cookie)
        return post
    }

    private func type(_ context: TenantRequestContext) async throws -> ProcedureType {
        guard let type = try await ProcedureStore(context.store).type(slug: context.parameters.get("slug") ?? "") else {
            throw WebError.notFound("Cette démarche n'existe pas.")
        }
        return type
    }

    private func list(_ context: TenantRequestContext, notice: String? = nil, errors: [String] = [], draft: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let types = try await ProcedureStore(context.store).types(publishedOnly: false)
        let teams = try await context.store.read("SELECT name, cardinality(members) FROM request_teams ORDER BY name").map {
            ["name": try $0.decode(String.self, at: 0), "count": try $0.decode(Int.self, at: 1)] as [String: Any]
        }
        let agents = try await QueuePages.assignees(context.store).filter { $0.value.hasPrefix("agent:") }.map {
            ["id": String($0.value.dropFirst(6)), "label": $0.label]
        }
        return services.pages.render("requests-designer", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "", "notice": notice ?? false, "hasErrors": !errors.isEmpty, "errors": errors, "draft": draft,
            "types": types.map { ["slug": $0.slug, "title": $0.title, "version": $0.version, "published": $0.published, "anonymous": $0.allowsAnonymous,
                                  "offered": $0.offeredToMembers, "located": $0.isLocated] as [String: Any] },
            "teams": teams, "agents": agents,
        ], status: status)
    }
}

extension FormPost {
    /// A technical or answer value, trimmed (designer forms use plain names).
    func text(_ name: String) -> String {
        (technical[name] ?? answers[name]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
