import Foundation
import HTTPTypes
import Hummingbird
import Identity

/// What a route requires, as the route table records it.
public enum RouteAccess: Sendable, Hashable {
    /// Anyone, signed in or not.
    case `public`
    /// Any signed-in person of this member (not a partner system).
    case signedIn
    /// Anyone holding this permission: an agent by their roles, a partner system by its scopes.
    case permission(Permission)
}

/// The declaration of a route open to anyone: its handler gets an optional principal.
public struct PublicAccess: Sendable {
    public static let `public` = PublicAccess()
}

/// The declaration of a route that requires someone: its handler gets the principal, never nil.
public enum RequiredAccess: Sendable, Hashable {
    /// Any signed-in person (not a partner system).
    case signedIn
    /// Anyone holding this permission: an agent by their roles, a partner system by its scopes.
    case permission(Permission)

    var route: RouteAccess {
        switch self {
        case .signedIn: .signedIn
        case .permission(let permission): .permission(permission)
        }
    }
}

/// Where a route belongs: a member's host, or the console's.
public enum RouteScope: String, Sendable, Hashable {
    case member
    case console
}

extension SecuredRequestContext {
    /// Checks `access` against the caller: 401 (anonymous) or 403 (not allowed); pages send
    /// anonymous people to the sign-in page instead. On an API route (`isAPI`, from the route's
    /// declaration), a write authenticated by the session cookie must carry its CSRF token.
    func authorize(_ access: RouteAccess, request: Request, isAPI: Bool, catalog: PermissionCatalog) throws -> Principal? {
        if access != .public, isAPI, let session, principal?.kind != .client {
            try CSRF.verifyAPI(request, session: session)
        }
        switch access {
        case .public:
            return principal
        case .signedIn:
            guard let principal, principal.kind != .client else { throw Self.unauthenticated(request) }
            return principal
        case .permission(let permission):
            guard let principal else { throw Self.unauthenticated(request) }
            guard principal.can(permission) else {
                throw WebError(.forbidden, kind: "forbidden", title: "Accès refusé",
                               detail: "Cette page est réservée aux personnes habilitées à \(catalog.label(permission)).",
                               extensions: ["permission": permission.rawValue])
            }
            return principal
        }
    }

    static func unauthenticated(_ request: Request) -> WebError {
        if ErrorMiddleware.wantsProblem(request) {
            return .unauthorized("Connectez-vous pour accéder à cette ressource.", bearer: false)
        }
        let target = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        return .redirect(to: signInPath + "?retour=" + (target.addingPercentEncodingForQuery ?? "/"))
    }
}

extension String {
    var addingPercentEncodingForQuery: String? {
        var allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        allowed.remove(UInt8(ascii: "?"))
        var output = ""
        for byte in utf8 {
            if allowed.contains(byte) { output.append(Character(Unicode.Scalar(byte))) } else { output += String(format: "%%%02X", byte) }
        }
        return output
    }
}

extension WebError {
    public static func unauthorized(_ detail: String, bearer: Bool) -> WebError {
        WebError(.unauthorized, kind: "unauthorized", title: "Authentification requise", detail: detail,
                 headers: [.wwwAuthenticate: bearer ? "Bearer error=\"invalid_token\"" : "Bearer"])
    }

    /// A redirection (303 See Other), rendered without a body.
    public static func redirect(to location: String) -> WebError {
        WebError(.seeOther, kind: "redirect", title: "Redirection", headers: [.location: location])
    }
}
