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

    struct LoginForm: Decodable {
        var csrf: String?
        var email: String
        var password: String
    }

    struct GrantForm: Decodable {
        var csrf: String?
        var tenant: String
        var reason: String
        var minutes: Int
    }

    struct EndForm: Decodable {
        var csrf: String?
        var tenant: String?
        var account: String
    }

    struct CSRFOnly: Decodable {
        var csrf: String?
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("/console/") { request, context in
            let context = try Self.console(context)
            guard let operatorPrincipal = context.principal, operatorPrincipal.kind == .operator else {
                throw WebError.redirect(to: "/console/connexion")
            }
            return try home(request, context, principal: operatorPrincipal)
        }
        group.get("/console/connexion") { request, context in
            try render("console-login", request, try Self.console(context), [:])
        }
        group.post("/console/connexion") { request, context in
            let context = try Self.console(context)
            let form = try await RequestPayload.form(LoginForm.self, from: request)
            try CSRF.verify(form.csrf, session: context.session, request: request, cookie: module.cookie)
            do {
                let (id, _) = try await module.console.signIn(email: form.email, password: form.password, origin: origin(request, context))
                return Response(status: .seeOther, headers: [.location: "/console/", .setCookie: module.cookie.set(id)])
            } catch let error as IdentityError {
                return try render("console-login", request, context, ["error": error.description], status: .unauthorized)
            }
        }
        group.post("/console/deconnexion") { request, context in
            let context = try Self.console(context)
            let form = try await RequestPayload.form(CSRFOnly.self, from: request)
            try CSRF.verify(form.csrf, session: context.session, request: request, cookie: module.cookie)
            if let session = context.session, let principal = context.principal {
                try await module.authenticator.signOut(tenant: nil, sessionID: session.id, principal: principal, origin: origin(request, context))
            }
            return Response(status: .seeOther, headers: [.location: "/console/connexion", .setCookie: module.cookie.clear])
        }
        group.post("/console/acces") { request, context in
            let context = try Self.console(context)
            let principal = try Self.operatorPrincipal(context, .consoleGrants)
            let form = try await RequestPayload.form(GrantForm.self, from: request)
            try CSRF.verify(form.csrf, session: context.session, request: request, cookie: module.cookie)
            guard let slug = try? TenantSlug(form.tenant), let tenant = module.directory.current.tenant(slug) else { throw WebError.notFound() }
            let (handoff, _) = try await module.console.grant(operator: principal, tenant: tenant, reason: form.reason,
                                                              duration: .seconds(form.minutes * 60), origin: origin(request, context))
            let host = module.directory.current.defaultHost(of: slug)
            let port = request.head.authority?.split(separator: ":").dropFirst().first.map { ":\($0)" } ?? ""
            return Response(status: .seeOther, headers: [.location: "\(module.cookie.scheme)://\(host)\(port)/console-acces?jeton=\(handoff)"])
        }
        group.post("/console/sessions/fin") { request, context in
            let context = try Self.console(context)
            let principal = try Self.operatorPrincipal(context, .consoleSessions)
            let form = try await RequestPayload.form(EndForm.self, from: request)
            try CSRF.verify(form.csrf, session: context.session, request: request, cookie: module.cookie)
            let tenant = try form.tenant.flatMap { $0.isEmpty ? nil : try TenantSlug($0) }
            let ended = try await module.console.endSessions(tenant: tenant, account: form.account.trimmingCharacters(in: .whitespaces),
                                                             by: principal, origin: origin(request, context))
            return try home(request, context, principal: principal, values: ["ended": String(ended)])
        }
    }

    func home(_ request: Request, _ context: AppRequestContext, principal: Principal, values: [String: Any] = [:]) throws -> Response {
        var values = values
        values["operator"] = principal.label
        values["members"] = module.directory.current.tenants.map { tenant in
            ["slug": tenant.slug.rawValue, "name": tenant.name, "status": tenant.status == .active ? "actif" : "suspendu"]
        }
        return try render("console-home", request, context, values)
    }

    /// Console routes answer only on the console host.
    static func console(_ context: AppRequestContext) throws -> AppRequestContext {
        guard context.resolution == .console else { throw WebError.notFound() }
        return context
    }

    static func operatorPrincipal(_ context: AppRequestContext, _ permission: Permission) throws -> Principal {
        guard let principal = context.principal, principal.kind == .operator else { throw WebError.redirect(to: "/console/connexion") }
        guard principal.can(permission) else { throw WebError(.forbidden, kind: "forbidden", title: "Accès refusé") }
        return principal
    }

    func origin(_ request: Request, _ context: AppRequestContext) -> RequestOrigin {
        RequestOrigin(ip: context.clientIP, userAgent: request.headers[.userAgent], portal: "")
    }

    func render(_ template: String, _ request: Request, _ context: AppRequestContext, _ values: [String: Any],
                status: HTTPResponse.Status = .ok) throws -> Response {
        let (token, setCookie) = try CSRF.token(session: context.session, request: request, cookie: module.cookie)
        var values = values
        values["csrf"] = token
        return module.pages.render(template, site: .platform, values: values, status: status, headers: setCookie.map { [.setCookie: $0] } ?? [:])
    }
}
