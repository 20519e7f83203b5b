import Foundation
import Hummingbird
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore
import Web

/// The back office: the member's queue (filters, search, late flags, bulk transitions) and each
/// request's page (transitions with their messages, a message to the citizen, internal notes,
/// assignment to an agent or a team, the full history). Only this member's schema is read: a
/// request filed on a member commune's portal shows which one, nothing else of that commune.
struct QueuePages: Sendable {
    let services: RequestsServices

    struct ActionForm: FormPayload {
        var csrf: String?
        var transition: String
        var comment: String?
        var revision: Int?
    }

    struct TextForm: FormPayload {
        var csrf: String?
        var text: String
    }

    struct AssignForm: FormPayload {
        var csrf: String?
        var assignee: String
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/administration/demandes", .permission(.requestsRead)) { request, context, principal in
            try await QueueList(services: services).page(request, context, principal)
        }
        routes.post("/administration/demandes/lot", .permission(.requestsProcess)) { request, context, principal in
            try await QueueList(services: services).bulk(request, context, principal)
        }
        routes.get("/administration/demandes/:number", .permission(.requestsRead)) { request, context, principal in
            let notices = ["fait": "L'action est enregistrée.", "message": "Le message est envoyé au demandeur.", "note": "La note est ajoutée.",
                           "attribution": "La demande est attribuée."]
            return try await page(try await record(context), context: context, principal: principal,
                                  notice: request.uri.queryParameters.get("message").flatMap { notices[String($0)] })
        }
        routes.form("/administration/demandes/:number/action", .permission(.requestsProcess), ActionForm.self) { _, context, principal, form in
            try await act(context, principal, .transition(id: form.transition, comment: form.comment.flatMap { $0.isEmpty ? nil : $0 }),
                          revision: form.revision, done: "fait")
        }
        routes.form("/administration/demandes/:number/message", .permission(.requestsProcess), TextForm.self) { _, context, principal, form in
            try await act(context, principal, .messageSent(form.text), done: "message")
        }
        routes.form("/administration/demandes/:number/note", .permission(.requestsProcess), TextForm.self) { _, context, principal, form in
            try await act(context, principal, .noteAdded(form.text), done: "note")
        }
        routes.form("/administration/demandes/:number/attribution", .permission(.requestsProcess), AssignForm.self) { _, context, principal, form in
            guard let assignee = Self.assignee(form.assignee, in: try await Self.assignees(context.store)) else {
                throw WebError.badRequest("Choisissez un agent ou une équipe de la commune.")
            }
            return try await act(context, principal, .assigned(assignee), done: "attribution")
        }
        routes.get("/administration/demandes/:number/documents/:document", .permission(.requestsRead)) { request, context, _ in
            let record = try await record(context)
            let found = MyRequestsPages.Found(record: record, type: try await type(of: record, context),
                                              owner: OwnerRef(slug: context.tenant.slug.rawValue, name: context.tenant.name), store: context.store)
            return try await MyRequestsPages(services: services).document(found, request: request, context: context)
        }
    }

    private func act(_ context: TenantRequestContext, _ principal: Principal, _ action: LifecycleAction, revision: Int? = nil,
                     done: String) async throws -> Response {
        let record = try await record(context)
        do {
            try await ProcessingService(services: services, owner: context.tenant).act(
                on: record.id, action, by: Self.actor(principal), eventActor: RequestsServices.actor(principal), revision: revision)
        } catch let error as WebError where (400..<500).contains(Int(error.status.code)) && error.status != .notFound {
            context.logger.notice("request action refused", metadata: ["number": "\(record.number)", "reason": "\(error.detail ?? error.title)"])
            let current = try await RequestStore(context.store).request(record.id) ?? record
            return try await page(current, context: context, principal: principal, error: error.detail ?? error.title, status: error.status)
        }
        throw WebError.redirect(to: "/administration/demandes/\(record.number)?message=\(done)")
    }

    static func actor(_ principal: Principal) -> LifecycleActor {
        .agent(UUID(uuidString: principal.id) ?? UUID(), permissions: Set(principal.permissions.map(\.rawValue)))
    }

    func page(_ record: RequestRecord, context: TenantRequestContext, principal: Principal, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let type = try await type(of: record, context)
        let base = "/administration/demandes/\(record.number)/documents"
        var values = RequestView.values(record, type: type, owner: OwnerRef(slug: context.tenant.slug.rawValue, name: context.tenant.name),
                                        forAgents: true, documentBase: base)
        let filing = record.filingMember == context.tenant.slug.rawValue ? nil : services.tenant(record.filingMember)?.name ?? record.filingMember
        values["contact"] = ["name": record.contactName.isEmpty ? "(sans nom)" : record.contactName, "email": record.contactEmail,
                             "portal": filing ?? false, "channel": ["portal": "portail", "api": "API partenaire", "open311": "Open311"][record.channel.rawValue] ?? ""]
        let assignees = try await Self.assignees(context.store)
        values["assignee"] = Self.label(agent: record.assigneeAgent, team: record.assigneeTeam, in: assignees)
        let transitions = record.lifecycle.availableTransitions(for: Self.actor(principal), in: type.workflow).map { transition -> [String: Any] in
            ["id": transition.id, "label": transition.label, "to": type.workflow.status(transition.to)?.label ?? transition.to, "tells": transition.message != nil]
        }
        return services.pages.render("requests-agent-request", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "request": values, "csrf": context.session?.record.csrf ?? "", "canProcess": principal.can(.requestsProcess),
            "transitions": transitions, "hasTransitions": !transitions.isEmpty,
            "assignees": assignees.map { ["value": $0.value, "label": $0.label] }, "notice": notice ?? false, "error": error ?? false,
        ], status: status)
    }

    func record(_ context: TenantRequestContext) async throws -> RequestRecord {
        let number = context.parameters.get("number") ?? ""
        guard RequestNumber(number) != nil, let record = try await RequestStore(context.store).request(number: number) else {
            throw WebError.notFound("Cette demande n'existe pas.")
        }
        return record
    }

    func type(of record: RequestRecord, _ context: TenantRequestContext) async throws -> ProcedureType {
        guard let type = try await ProcedureStore(context.store).type(id: record.typeID, version: record.typeVersion) else {
            throw WebError.notFound("La démarche de cette demande n'existe plus.")
        }
        return type
    }

    /// The member's agents and teams, as `agent:<id>` / `equipe:<id>` options.
    static func assignees(_ store: MemberStore) async throws -> [(value: String, label: String)] {
        let agents = try await store.read("""
            SELECT id, display_name, email FROM accounts WHERE kind = 'agent' AND status = 'active' ORDER BY display_name, email LIMIT 500
            """).map { row -> (String, String) in
            let name = try row.decode(String.self, at: 1)
            return ("agent:\(try row.decode(UUID.self, at: 0).uuidString.lowercased())", name.isEmpty ? try row.decode(String.self, at: 2) : name)
        }
        let teams = try await store.read("SELECT id, name FROM request_teams ORDER BY name").map { row -> (String, String) in
            ("equipe:\(try row.decode(UUID.self, at: 0).uuidString.lowercased())", "Équipe « \(try row.decode(String.self, at: 1)) »")
        }
        return agents + teams
    }

    /// The agent or team `value` names among the member's (`assignees(_:)`).
    static func assignee(_ value: String, in assignees: [(value: String, label: String)]) -> Assignee? {
        guard assignees.contains(where: { $0.value == value }) else { return nil }
        if value.hasPrefix("agent:"), let id = UUID(uuidString: String(value.dropFirst(6))) { return .agent(id) }
        if value.hasPrefix("equipe:"), let id = UUID(uuidString: String(value.dropFirst(7))) { return .team(id) }
        return nil
    }

    static func label(agent: UUID?, team: UUID?, in assignees: [(value: String, label: String)]) -> String {
        if let agent { return assignees.first { $0.value == "agent:\(agent.uuidString.lowercased())" }?.label ?? "un agent" }
        if let team { return assignees.first { $0.value == "equipe:\(team.uuidString.lowercased())" }?.label ?? "une équipe" }
        return "personne"
    }
}
