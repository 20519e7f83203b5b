import Foundation
import HTTPTypes
import Identity

/// An error a module throws that says what the client should see: `ErrorMiddleware` answers
/// with its problem (and logs it), like Hummingbird's `HTTPResponseError`. Modules map their
/// own errors by conforming to it; nothing in the platform lists them.
public protocol ProblemConvertible: Error {
    var problem: WebError { get }
}

extension WebError: ProblemConvertible {
    public var problem: WebError { self }
}

extension IdentityError: ProblemConvertible {
    public var problem: WebError {
        switch self {
        case .invalidCredentials:
            WebError(.unauthorized, kind: "invalid-credentials", title: "Connexion refusée", detail: description)
        case .throttled(let until):
            WebError(.tooManyRequests, kind: "too-many-attempts", title: "Trop de tentatives", detail: description,
                     headers: [.retryAfter: String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))])
        case .emailNotVerified:
            WebError(.forbidden, kind: "email-not-verified", title: "Adresse non confirmée", detail: description)
        case .tooManyRequests(let seconds):
            WebError(.tooManyRequests, kind: "too-many-requests", title: "Trop de demandes", detail: description,
                     headers: [.retryAfter: String(seconds)])
        case .busy:
            WebError(.serviceUnavailable, kind: "busy", title: "Service très sollicité", detail: description, headers: [.retryAfter: "2"])
        case .weakPassword, .invalidEmail, .invalidInput, .invalidScope:
            WebError(.unprocessableContent, kind: "invalid-input", title: "Saisie invalide", detail: description)
        case .invalidToken:
            WebError(.badRequest, kind: "invalid-token", title: "Lien non valable", detail: description)
        case .invalidClient:
            WebError(.unauthorized, kind: "invalid-client", title: "Client non authentifié", detail: description)
        case .notFound:
            .notFound()
        case .forbidden:
            WebError(.forbidden, kind: "forbidden", title: "Accès refusé", detail: description)
        }
    }
}
