import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// The JSON API of sessions and accounts (`/api/v1/…`). Cookie-authenticated writes carry the
/// session's CSRF token in `X-CSRF-Token` (checked by the route declaration).
struct SessionAPIRoutes {
    let module: AccountsModule

    struct Credentials: Decodable {
        var email: String
        var password: String
    }

    struct SignUp: Decodable {
        var email: String
        var password: String
        var displayName: String?
    }

    struct Token: Decodable {
        var token: String
    }

    struct Reset: Decodable {
        var token: String
        var password: String
    }

    struct EmailOnly: Decodable {
        var email: String

        /// Read from the request: an address that cannot be one is a 422 (saying so reveals
        /// nothing about accounts).
        static func read(_ request: Request) async throws -> EmailOnly {
            let input = try await RequestPayload.json(EmailOnly.self, from: request)
            guard EmailAddress(input.email) != nil else {
                throw WebError(.unprocessableContent, kind: "invalid-email", title: "Adresse invalide",
                               detail: "« email » n'est pas une adresse électronique valable.", extensions: ["parameter": "email"])
            }
            return input
        }
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.post("/api/v1/session", .public, operation: AccountsAPI.signIn) { request, context in
            let credentials = try await RequestPayload.json(Credentials.self, from: request)
            let (id, record) = try await module.authenticator.signIn(
                tenant: context.tenant.slug, email: credentials.email, password: credentials.password, origin: module.origin(request, context)
            )
            return Self.me(kind: record.kind.rawValue, id: record.accountID, label: record.label, tenant: context.tenant,
                           roles: record.roles, permissions: module.identity.catalog.permissions(of: record.roles), csrf: record.csrf,
                           headers: [.setCookie: module.cookie.set(id)])
        }
        routes.get("/api/v1/me", .public, operation: AccountsAPI.meOperation) { _, context in
            guard let principal = context.principal else { throw WebError.unauthorized("Vous n'êtes pas connecté.", bearer: false) }
            return Self.me(kind: principal.kind.rawValue, id: principal.id, label: principal.label, tenant: context.tenant,
                           roles: principal.roles.sorted(), permissions: principal.permissions, csrf: context.session?.record.csrf)
        }
        routes.delete("/api/v1/session", .signedIn, operation: AccountsAPI.signOut) { request, context, principal in
            if let session = context.session {
                try await module.authenticator.signOut(tenant: context.tenant.slug, sessionID: session.id, principal: principal,
                                                       origin: module.origin(request, context))
            }
            return Response(status: .noContent, headers: [.setCookie: module.cookie.clear])
        }
        routes.get("/api/v1/sessions", .signedIn, operation: AccountsAPI.sessions) { _, context, principal in
            let sessions = try await module.identity.sessions.sessions(tenant: context.tenant.slug.rawValue, account: principal.id)
            var json = JSONWriter()
            json.beginObject()
            json.key("data")
            json.beginArray()
            for (hash, record) in sessions {
                json.beginObject()
                json.field("id", hash)
                json.field("created_at", record.createdAt)
                json.field("last_seen_at", record.lastSeenAt)
                json.field("ip", record.ip)
                json.field("user_agent", record.userAgent)
                json.field("current", context.session.map { SessionStore.hash($0.id) == hash } ?? false)
                json.endObject()
            }
            json.endArray()
            json.endObject()
            return json.response()
        }
        routes.delete("/api/v1/sessions/:id", .signedIn, operation: AccountsAPI.endSession) { _, context, principal in
            guard let hash = context.parameters.get("id"), hash.utf8.count == 64,
                  try await module.identity.sessions.delete(hash: hash, tenant: context.tenant.slug.rawValue, account: principal.id)
            else { throw WebError.notFound("Aucune session de ce nom.") }
            return Response(status: .noContent)
        }
        routes.delete("/api/v1/sessions", .signedIn, operation: AccountsAPI.endAllSessions) { request, context, principal in
            _ = try await module.authenticator.signOutEverywhere(tenant: context.tenant.slug, principal: principal, origin: module.origin(request, context))
            return Response(status: .noContent, headers: [.setCookie: module.cookie.clear])
        }
        routes.post("/api/v1/accounts", .public, operation: AccountsAPI.signUp) { request, context in
            let input = try await RequestPayload.json(SignUp.self, from: request)
            try await module.lifecycle.signUp(tenant: context.tenant, email: input.email, password: input.password,
                                              displayName: input.displayName ?? "", origin: module.origin(request, context))
            return JSONWriter.message("Si l'adresse peut être utilisée, un message de confirmation y a été envoyé.")
        }
        routes.post("/api/v1/accounts/verification", .public, operation: AccountsAPI.verify) { request, context in
            let input = try await RequestPayload.json(Token.self, from: request)
            try await module.lifecycle.verifyEmail(tenant: context.tenant.slug, token: input.token, origin: module.origin(request, context))
            return Response(status: .noContent)
        }
        routes.post("/api/v1/accounts/verification-mails", .public, operation: AccountsAPI.resendVerification) { request, context in
            let input = try await EmailOnly.read(request)
            try await module.lifecycle.resendVerification(tenant: context.tenant, email: input.email, origin: module.origin(request, context))
            return JSONWriter.message("Si un compte attend sa confirmation à cette adresse, un nouveau lien y a été envoyé.")
        }
        routes.post("/api/v1/password-resets", .public, operation: AccountsAPI.requestReset) { request, context in
            let input = try await EmailOnly.read(request)
            try await module.lifecycle.requestReset(tenant: context.tenant, email: input.email, origin: module.origin(request, context))
            return JSONWriter.message("Si un compte correspond à cette adresse, un message y a été envoyé.")
        }
        routes.post("/api/v1/password-resets/confirmation", .public, operation: AccountsAPI.confirmReset) { request, context in
            let input = try await RequestPayload.json(Reset.self, from: request)
            try await module.lifecycle.resetPassword(tenant: context.tenant.slug, token: input.token, newPassword: input.password,
                                                     origin: module.origin(request, context))
            return Response(status: .noContent)
        }
    }

    static func me(
        kind: String, id: String, label: String, tenant: Tenant, roles: [Role], permissions: Set<Permission>, csrf: String?,
        headers: HTTPFields = [:]
    ) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.field("kind", kind)
        json.field("id", id)
        json.field(kind == "client" ? "name" : "email", label)
        json.field("tenant", tenant.slug.rawValue)
        json.key("roles")
        json.beginArray()
        for role in roles { json.value(role.rawValue) }
        json.endArray()
        json.key("permissions")
        json.beginArray()
        for permission in permissions.sorted() { json.value(permission.rawValue) }
        json.endArray()
        if let csrf { json.field("csrf_token", csrf) }
        json.endObject()
        return json.response(headers: headers)
    }
}
