import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// A member's agents and their roles (`users.manage`): JSON API and French pages.
struct AgentRoutes {
    let module: AccountsModule

    struct NewAgent: Decodable {
        var email: String
        var displayName: String?
        var roles: [String]
    }

    struct Roles: Decodable {
        var roles: [String]
    }

    struct NewAgentForm: FormPayload {
        var csrf: String?
        var email: String
        var displayName: String?
        var roles: [String]?
    }

    struct RolesForm: FormPayload {
        var csrf: String?
        var roles: [String]?
        /// `oui` when the administrator confirmed removing their own administrator role.
        var confirmer: String?
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        let manage = RequiredAccess.permission(.usersManage)
        routes.get("/api/v1/agents", manage, operation: AccountsAPI.listAgents) { _, context, _ in
            var json = JSONWriter()
            json.beginObject()
            json.key("data")
            json.beginArray()
            for agent in try await module.administration.agents(tenant: context.tenant.slug) { Self.write(agent, into: &json) }
            json.endArray()
            json.endObject()
            return json.response()
        }
        routes.post("/api/v1/agents", manage, operation: AccountsAPI.createAgent) { request, context, principal in
            let input = try await RequestPayload.json(NewAgent.self, from: request)
            let agent = try await module.administration.createAccount(
                tenant: context.tenant, email: input.email, displayName: input.displayName ?? "", kind: .agent,
                roles: try Self.roles(input.roles), password: nil, by: principal, origin: module.origin(request, context)
            )
            var json = JSONWriter()
            Self.write(agent, into: &json)
            return json.response(status: .created, headers: [.location: "/api/v1/agents/\(agent.id.uuidString.lowercased())"])
        }
        routes.put("/api/v1/agents/:id/roles", manage, operation: AccountsAPI.setRoles) { request, context, principal in
            let input = try await RequestPayload.json(Roles.self, from: request)
            try await module.administration.setRoles(tenant: context.tenant.slug, account: try Self.id(context), roles: try Self.roles(input.roles),
                                                     by: principal, origin: module.origin(request, context))
            return Response(status: .noContent)
        }
        for (path, enabled) in [("disable", false), ("enable", true)] {
            routes.post("/api/v1/agents/:id/\(path)", manage, operation: AccountsAPI.setEnabled(enabled)) { request, context, principal in
                try await module.administration.setEnabled(enabled, tenant: context.tenant.slug, account: try Self.id(context),
                                                           by: principal, origin: module.origin(request, context))
                return Response(status: .noContent)
            }
        }

        routes.get("/administration/agents", manage) { request, context, _ in
            try await page(request, context, message: request.uri.queryParameters["message"].map(String.init))
        }
        routes.form("/administration/agents", manage, NewAgentForm.self) { request, context, principal, form in
            do {
                try await module.administration.createAccount(
                    tenant: context.tenant, email: form.email, displayName: form.displayName ?? "", kind: .agent,
                    roles: try Self.roles(form.roles ?? []), password: nil, by: principal, origin: module.origin(request, context)
                )
            } catch let error as IdentityError {
                return try await page(request, context, error: error.description, status: .unprocessableContent)
            }
            throw WebError.redirect(to: "/administration/agents?message=cree")
        }
        routes.form("/administration/agents/:id/roles", manage, RolesForm.self) { request, context, principal, form in
            let id = try Self.id(context)
            let roles = try Self.roles(form.roles ?? [])
            // One's own roles: a role change ends the account's sessions, this one included.
            let isSelf = id.uuidString.lowercased() == principal.id
            if isSelf, !roles.contains(.tenantAdmin), form.confirmer != "oui" {
                return try await page(request, context, error: """
                    Vous allez retirer votre propre rôle d'administrateur : vous n'aurez plus accès à cette page. \
                    Cochez « Je confirme » sur votre ligne pour continuer.
                    """, status: .unprocessableContent)
            }
            try await module.administration.setRoles(tenant: context.tenant.slug, account: id, roles: roles, by: principal,
                                                     origin: module.origin(request, context))
            if isSelf {
                return Response(status: .seeOther, headers: [.location: "/compte/connexion?message=roles", .setCookie: module.cookie.clear])
            }
            throw WebError.redirect(to: "/administration/agents?message=roles")
        }
        for (path, enabled) in [("desactiver", false), ("activer", true)] {
            routes.form("/administration/agents/:id/\(path)", manage, ButtonForm.self) { request, context, principal, _ in
                try await module.administration.setEnabled(enabled, tenant: context.tenant.slug, account: try Self.id(context),
                                                           by: principal, origin: module.origin(request, context))
                throw WebError.redirect(to: "/administration/agents?message=\(enabled ? "active" : "desactive")")
            }
        }
    }

    func page(_ request: Request, _ context: TenantRequestContext, message: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let agents = try await module.administration.agents(tenant: context.tenant.slug)
        let notices = ["cree": "Le compte a été créé ; une invitation a été envoyée.", "roles": "Les rôles ont été modifiés.",
                       "active": "Le compte a été réactivé.", "desactive": "Le compte a été désactivé et ses sessions fermées."]
        return module.pages.render("admin-agents", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "",
            "notice": message.flatMap { notices[$0] } ?? false,
            "error": error ?? false,
            "agents": agents.map { agent in
                [
                    "id": agent.id.uuidString.lowercased(), "email": agent.email.rawValue, "name": agent.displayName,
                    "active": agent.status == .active, "isSelf": agent.id.uuidString.lowercased() == context.principal?.id,
                    "roles": Role.memberRoles.map { ["value": $0.rawValue, "label": $0.label, "checked": agent.roles.contains($0)] },
                ] as [String: Any]
            },
            "allRoles": Role.memberRoles.map { ["value": $0.rawValue, "label": $0.label] },
        ], status: status)
    }

    static func id(_ context: TenantRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw WebError.invalidParameter("id", "Identifiant de compte invalide.")
        }
        return id
    }

    static func roles(_ names: [String]) throws -> Set<Role> {
        try Set(names.map { name in
            guard let role = Role(rawValue: name), Role.memberRoles.contains(role) else {
                throw WebError.invalidParameter("roles", "Rôle inconnu : \(name.prefix(40)).")
            }
            return role
        })
    }

    static func write(_ agent: Account, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", agent.id.uuidString.lowercased())
        json.field("email", agent.email.rawValue)
        json.field("display_name", agent.displayName)
        json.field("status", agent.status.rawValue)
        json.key("roles")
        json.beginArray()
        for role in agent.roles.sorted() { json.value(role.rawValue) }
        json.endArray()
        json.endObject()
    }
}
