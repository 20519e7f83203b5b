import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Logging
import Postgres
import Redis
import Tenancy

/// The one place where a thrown error becomes a response. Client errors keep their message;
/// a backing service that is down is a 503; anything else is a 500 whose details stay in the
/// logs. API paths (`/api/`, `/oauth/`) answer `application/problem+json`, others a French page
/// in the member's colours.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let pages: PageRenderer
    let directory: any TenantDirectorySource

    public init(pages: PageRenderer, directory: any TenantDirectorySource) {
        self.pages = pages
        self.directory = directory
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var error = error
            var viewer: PageViewer?
            if let signedIn = error as? SignedInError {
                error = signedIn.underlying
                viewer = signedIn.viewer
            }
            let webError = classify(error, logger: context.logger)
            if (300..<400).contains(Int(webError.status.code)) {
                return Response(status: webError.status, headers: webError.headers)
            }
            if Self.wantsProblem(request) {
                let problem = ProblemDocument(webError, instance: request.uri.path, requestID: context.requestID)
                return problem.response(headers: webError.headers)
            }
            let site = Self.site(for: directory.current.resolve(hostHeader: request.hostHeader))
            var response = pages.errorPage(webError, site: site, viewer: viewer, requestID: context.requestID)
            response.headers.append(contentsOf: webError.headers)
            return response
        }
    }

    /// Maps any error to what the client may see, and logs it.
    func classify(_ error: any Error, logger: Logger) -> WebError {
        switch error {
        case let error as any ProblemConvertible:
            let problem = error.problem
            if !(300..<400).contains(Int(problem.status.code)) {
                logger.info("request refused", metadata: [
                    "status": "\(problem.status.code)", "problem": "\(problem.kind)", "detail": "\(problem.detail ?? problem.title)",
                ])
            }
            return problem
        case let error as HTTPError:
            let webError = Self.fromHTTPError(error)
            logger.info("request refused", metadata: ["status": "\(error.status.code)", "detail": "\(error.body ?? "")"])
            return webError
        case let error as PostgresError where error.isUnavailable:
            logger.error("database unavailable", metadata: ["error": "\(error)"])
            return .unavailable("La base de données ne répond pas. Réessayez dans quelques instants.")
        case let error as RedisError where error.isUnavailable:
            logger.error("redis unavailable", metadata: ["error": "\(error)"])
            return .unavailable("Un service interne ne répond pas. Réessayez dans quelques instants.")
        default:
            logger.error("unexpected error", metadata: ["error": "\(error)", "error_type": "\(type(of: error))"])
            return WebError(.internalServerError, kind: "internal-error", title: "Erreur interne",
                            detail: "Une erreur inattendue s'est produite. Elle a été enregistrée.")
        }
    }

    static func fromHTTPError(_ error: HTTPError) -> WebError {
        switch error.status {
        case .notFound: return .notFound()
        case .contentTooLarge:
            return WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux",
                            detail: "Le contenu envoyé dépasse la taille autorisée.")
        case .methodNotAllowed:
            return WebError(.methodNotAllowed, kind: "method-not-allowed", title: "Méthode non autorisée",
                            detail: "Cette adresse n'accepte pas cette méthode HTTP.", headers: error.headers)
        default:
            let client = (400..<500).contains(Int(error.status.code))
            return WebError(error.status, kind: client ? "bad-request" : "internal-error",
                            title: client ? "Requête invalide" : "Erreur interne",
                            detail: client ? (error.body ?? "La requête n'a pas pu être traitée.") : nil, headers: error.headers)
        }
    }

    static func wantsProblem(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/oauth/") || path == "/tsa" { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("json") && !accept.contains("text/html")
    }

    static func site(for resolution: TenantDirectory.Resolution) -> PageSite {
        if case .tenant(let tenant) = resolution { return PageSite(tenant: tenant) }
        return .platform
    }
}
