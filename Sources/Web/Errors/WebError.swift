import HTTPTypes

/// An error meant for the client: a status, a problem type and French text. Rendered as
/// `application/problem+json` (RFC 9457) on the API and as a readable page elsewhere by
/// `ErrorMiddleware`; anything else thrown becomes a logged 500 (or 503 when a backing
/// service is unavailable) whose details stay in the logs.
public struct WebError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// A short identifier of the problem kind; the problem `type` is `/problems/<kind>`.
    public var kind: String
    public var title: String
    public var detail: String?
    /// Extra members of the problem document (e.g. the offending parameter).
    public var extensions: [String: String]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, kind: String, title: String, detail: String? = nil,
        extensions: [String: String] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.extensions = extensions
        self.headers = headers
    }

    public var description: String { "\(status.code) \(kind): \(detail ?? title)" }

    public static func notFound(_ detail: String? = nil) -> WebError {
        WebError(.notFound, kind: "not-found", title: "Page introuvable", detail: detail ?? "La ressource demandée n'existe pas.")
    }

    public static func invalidParameter(_ name: String, _ detail: String) -> WebError {
        WebError(.badRequest, kind: "invalid-parameter", title: "Paramètre invalide", detail: detail, extensions: ["parameter": name])
    }

    public static func badRequest(_ detail: String) -> WebError {
        WebError(.badRequest, kind: "bad-request", title: "Requête invalide", detail: detail)
    }

    public static func unavailable(_ detail: String) -> WebError {
        WebError(.serviceUnavailable, kind: "service-unavailable", title: "Service momentanément indisponible", detail: detail,
                 headers: [.retryAfter: "5"])
    }
}
