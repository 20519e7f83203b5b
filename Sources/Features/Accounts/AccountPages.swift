import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// The French pages of a member's portal: sign in and out, sign up, verify the address, reset
/// the password, "my account" (active sessions). Every form's CSRF token is checked by its
/// route declaration.
struct AccountPages {
    let module: AccountsModule

    struct LoginForm: FormPayload {
        var csrf: String?
        var email: String
        var password: String
        var retour: String?
    }

    struct SignUpForm: FormPayload {
        var csrf: String?
        var email: String
        var password: String
        var displayName: String?

        enum CodingKeys: String, CodingKey {
            case csrf, email, password
            case displayName = "display_name"
        }
    }

    struct EmailForm: FormPayload {
        var csrf: String?
        var email: String
    }

    struct PasswordForm: FormPayload {
        var csrf: String?
        var jeton: String
        var password: String
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/compte/connexion", .public) { request, context in
            let notices = ["roles": "Vos rôles ont été modifiés : reconnectez-vous pour travailler avec vos nouveaux droits."]
            return try render("account-login", request, context, [
                "retour": safeReturn(request.uri.queryParameters["retour"].map(String.init)),
                "notice": request.uri.queryParameters["message"].flatMap { notices[String($0)] } ?? false,
            ])
        }
        routes.form("/compte/connexion", .public, LoginForm.self) { request, context, _, form in
            do {
                let (id, _) = try await module.authenticator.signIn(tenant: context.tenant.slug, email: form.email, password: form.password,
                                                                    origin: module.origin(request, context))
                return Response(status: .seeOther, headers: [.location: safeReturn(form.retour), .setCookie: module.cookie.set(id)])
            } catch let error as IdentityError {
                let status: HTTPResponse.Status = switch error {
                case .throttled: .tooManyRequests
                case .emailNotVerified: .forbidden
                default: .unauthorized
                }
                return try render("account-login", request, context, [
                    "error": error.description, "email": form.email, "retour": safeReturn(form.retour), "pending": error == .emailNotVerified,
                ], status: status)
            }
        }
        routes.form("/compte/deconnexion", .signedIn, ButtonForm.self) { request, context, principal, _ in
            if let session = context.session {
                try await module.authenticator.signOut(tenant: context.tenant.slug, sessionID: session.id, principal: principal,
                                                       origin: module.origin(request, context))
            }
            return Response(status: .seeOther, headers: [.location: "/", .setCookie: module.cookie.clear])
        }
        routes.get("/compte/inscription", .public) { request, context in try render("account-signup", request, context, [:]) }
        routes.form("/compte/inscription", .public, SignUpForm.self) { request, context, _, form in
            do {
                try await module.lifecycle.signUp(tenant: context.tenant, email: form.email, password: form.password,
                                                  displayName: form.displayName ?? "", origin: module.origin(request, context))
            } catch let error as IdentityError {
                let status: HTTPResponse.Status = if case .tooManyRequests = error { .tooManyRequests } else { .unprocessableContent }
                return try render("account-signup", request, context, ["error": error.description, "email": form.email,
                                                                       "displayName": form.displayName ?? ""], status: status)
            }
            return try render("account-message", request, context, [
                "title": "Vérifiez votre messagerie",
                "text": "Si cette adresse peut être utilisée, un message contenant un lien de confirmation vient d'y être envoyé.",
            ])
        }
        routes.get("/compte/verification", .public) { request, context in
            let token = request.uri.queryParameters["jeton"].map(String.init) ?? ""
            do {
                try await module.lifecycle.verifyEmail(tenant: context.tenant.slug, token: token, origin: module.origin(request, context))
            } catch IdentityError.invalidToken {
                return try render("account-message", request, context, ["title": "Lien non valable", "text": IdentityError.invalidToken.description],
                                  status: .badRequest)
            }
            return try render("account-message", request, context, [
                "title": "Adresse confirmée", "text": "Votre compte est actif. Vous pouvez vous connecter.", "login": true,
            ])
        }
        routes.form("/compte/verification/renvoi", .public, EmailForm.self) { request, context, _, form in
            try await module.lifecycle.resendVerification(tenant: context.tenant, email: form.email, origin: module.origin(request, context))
            return try render("account-message", request, context, [
                "title": "Vérifiez votre messagerie",
                "text": "Si un compte attend sa confirmation à cette adresse, un nouveau lien de confirmation vient d'y être envoyé.",
            ])
        }
        routes.get("/compte/mot-de-passe-oublie", .public) { request, context in try render("account-forgot", request, context, [:]) }
        routes.form("/compte/mot-de-passe-oublie", .public, EmailForm.self) { request, context, _, form in
            try await module.lifecycle.requestReset(tenant: context.tenant, email: form.email, origin: module.origin(request, context))
            return try render("account-message", request, context, [
                "title": "Vérifiez votre messagerie",
                "text": "Si un compte correspond à cette adresse, un message contenant un lien vient d'y être envoyé. Il est valable une heure.",
            ])
        }
        routes.get("/compte/nouveau-mot-de-passe", .public) { request, context in
            try render("account-reset", request, context, ["jeton": request.uri.queryParameters["jeton"].map(String.init) ?? ""])
        }
        routes.form("/compte/nouveau-mot-de-passe", .public, PasswordForm.self) { request, context, _, form in
            do {
                try await module.lifecycle.resetPassword(tenant: context.tenant.slug, token: form.jeton, newPassword: form.password,
                                                         origin: module.origin(request, context))
            } catch let error as IdentityError {
                return try render("account-reset", request, context, ["jeton": form.jeton, "error": error.description], status: .unprocessableContent)
            }
            return try render("account-message", request, context, [
                "title": "Mot de passe modifié", "text": "Votre nouveau mot de passe est enregistré ; vos autres sessions ont été fermées.",
                "login": true,
            ])
        }
        routes.get("/compte", .signedIn) { request, context, principal in
            let sessions = try await module.identity.sessions.sessions(tenant: context.tenant.slug.rawValue, account: principal.id)
            let current = context.session.map { SessionStore.hash($0.id) }
            return try render("account-home", request, context, [
                "sessions": sessions.map { hash, record in
                    [
                        "hash": hash, "since": FrenchDate.long(record.createdAt), "ip": record.ip ?? "—",
                        "agent": record.userAgent ?? "—", "current": hash == current,
                    ] as [String: Any]
                },
                "roles": principal.roles.sorted().map(\.label),
                // « Mon coffre-fort » (the safe module's page), for citizens of members that enabled it.
                "safe": principal.kind == .citizen && context.tenant.modules.contains(.documentSafe),
            ])
        }
        routes.form("/compte/sessions/:id/fin", .signedIn, ButtonForm.self) { _, context, principal, _ in
            guard let hash = context.parameters.get("id"), hash.utf8.count == 64,
                  try await module.identity.sessions.delete(hash: hash, tenant: context.tenant.slug.rawValue, account: principal.id)
            else { throw WebError.notFound("Aucune de vos sessions ne porte ce nom.") }
            throw WebError.redirect(to: "/compte")
        }
        routes.form("/compte/sessions/fin", .signedIn, ButtonForm.self) { request, context, principal, _ in
            _ = try await module.authenticator.signOutEverywhere(tenant: context.tenant.slug, principal: principal, origin: module.origin(request, context))
            return Response(status: .seeOther, headers: [.location: "/compte/connexion", .setCookie: module.cookie.clear])
        }
        routes.get("/console-acces", .public) { request, context in
            let (id, _) = try await module.console.redeem(handoff: request.uri.queryParameters["jeton"].map(String.init) ?? "",
                                                          tenant: context.tenant.slug, origin: module.origin(request, context))
            return Response(status: .seeOther, headers: [.location: "/administration/agents", .setCookie: module.cookie.set(id)])
        }
    }

    /// Renders an account page with its CSRF token (and the anonymous CSRF cookie if needed).
    func render(_ template: String, _ request: Request, _ context: TenantRequestContext, _ values: [String: Any],
                status: HTTPResponse.Status = .ok) throws -> Response {
        try module.render(template, request, context, site: PageSite(tenant: context.tenant), viewer: context.viewer, values, status: status)
    }

    /// A path of this portal to go back to after signing in; anything else (another site,
    /// `//host`, `/\host`, or control and space characters that browsers strip) gives "/".
    func safeReturn(_ target: String?) -> String {
        guard let target, target.utf8.count <= 500, target.hasPrefix("/"), !target.hasPrefix("//"), !target.contains("\\"),
              target.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0.isASCII })
        else { return "/" }
        return target
    }
}
