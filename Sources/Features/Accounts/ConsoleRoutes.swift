import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// The consortium's console on `admin.<base domain>`, under `/console/`: operators sign in,
/// see the members, obtain a time-limited, journaled grant to act inside one, and end any
/// account's sessions. Nothing here reads a member's data.
struct ConsoleRoutes {
    let module: AccountsModule

    struct LoginForm: FormPayload {
        var csrf: String?
        var email: String
        var password: String
    }

    struct GrantForm: FormPayload {
        var csrf: String?
        var tenant: String
        var reason: String
        var minutes: Int
    }

    struct EndForm: FormPayload {
        var csrf: String?
        var tenant: String?
        var account: String
    }

    func register(on routes: SecuredRoutes<ConsoleRequestContext>) {
        routes.get("/console/", .permission(.consoleTenants)) { request, context, principal in
            try home(request, context, principal: principal)
        }
        routes.get("/console/connexion", .public) { request, context in
            try render("console-login", request, context, [:])
        }
        routes.form("/console/connexion", .public, LoginForm.self) { request, context, _, form in
            do {
                let (id, _) = try await module.console.signIn(email: form.email, password: form.password, origin: origin(request, context))
                return Response(status: .seeOther, headers: [.location: "/console/", .setCookie: module.cookie.set(id)])
            } catch let error as IdentityError {
                return try render("console-login", request, context, ["error": error.description], status: .unauthorized)
            }
        }
        routes.form("/console/deconnexion", .signedIn, ButtonForm.self) { request, context, principal, _ in
            if let session = context.session {
                try await module.authenticator.signOut(tenant: nil, sessionID: session.id, principal: principal, origin: origin(request, context))
            }
            return Response(status: .seeOther, headers: [.location: "/console/connexion", .setCookie: module.cookie.clear])
        }
        // The hand-off to the member's host is a page with a link, not a redirect: a browser
        // applies the console page's `form-action 'self'` to a form's redirect, and would stop
        // there without a word.
        routes.form("/console/acces", .permission(.consoleGrants), GrantForm.self) { request, context, principal, form in
            let tenant = try member(form.tenant)
            // Checked before any arithmetic: a forged number must not overflow.
            guard (1...Int(OperatorConsole.maximumGrant.components.seconds / 60)).contains(form.minutes) else {
                throw WebError.invalidParameter("minutes", "La durée d'accès va de 1 minute à 4 heures.")
            }
            let (handoff, expiresAt) = try await module.console.grant(operator: principal, tenant: tenant, reason: form.reason,
                                                                      duration: .seconds(form.minutes * 60), origin: origin(request, context))
            return try render("console-handoff", request, context, [
                "member": tenant.name, "until": FrenchDate.time(expiresAt),
                "link": "\(module.addresses.portal(tenant.slug))/console-acces?jeton=\(handoff)",
            ])
        }
        routes.form("/console/sessions/fin", .permission(.consoleSessions), EndForm.self) { request, context, principal, form in
            let tenant = try form.tenant.flatMap { $0.isEmpty ? nil : try member($0).slug }
            let account = form.account.trimmingCharacters(in: .whitespaces)
            guard !account.isEmpty, account.count <= 254 else {
                throw WebError.invalidParameter("account", "Indiquez l'adresse électronique ou l'identifiant du compte.")
            }
            let ended = try await module.console.endSessions(tenant: tenant, account: account, by: principal, origin: origin(request, context))
            return try home(request, context, principal: principal, values: ["ended": String(ended), "endedAccount": account])
        }
    }

    func home(_ request: Request, _ context: ConsoleRequestContext, principal: Principal, values: [String: Any] = [:]) throws -> Response {
        var values = values
        values["operator"] = principal.label
        values["members"] = module.directory.current.tenants.map { tenant in
            ["slug": tenant.slug.rawValue, "name": tenant.name, "status": tenant.status == .active ? "actif" : "suspendu"]
        }
        return try render("console-home", request, context, values)
    }

    /// The member a form names: a malformed identifier is a 400, an unknown one a 404.
    func member(_ text: String) throws -> Tenant {
        guard let slug = try? TenantSlug(text) else {
            throw WebError.invalidParameter("tenant", "« \(text.prefix(40)) » n'est pas l'identifiant d'un membre (en minuscules, par exemple « camon »).")
        }
        guard let tenant = module.directory.current.tenant(slug) else {
            throw WebError.notFound("Aucun membre n'a l'identifiant « \(slug) ».")
        }
        return tenant
    }

    func origin(_ request: Request, _ context: ConsoleRequestContext) -> RequestOrigin {
        RequestOrigin(ip: context.clientIP, userAgent: request.headers[.userAgent], portal: "")
    }

    func render(_ template: String, _ request: Request, _ context: ConsoleRequestContext, _ values: [String: Any],
                status: HTTPResponse.Status = .ok) throws -> Response {
        try module.render(template, request, context, site: .platform, viewer: context.viewer, values, status: status)
    }
}
