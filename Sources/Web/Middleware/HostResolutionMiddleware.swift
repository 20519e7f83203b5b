import HTTPTypes
import Hummingbird
import Logging
import Tenancy
import TenantStore

/// Resolves the member from the `Host` header, before any member route runs: a malformed host
/// is a 400, an unknown one a 404, a suspended member a 503 that says so. The member's slug
/// joins the logger's metadata.
public struct HostResolutionMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let directory: any TenantDirectorySource
    let store: TenantStore

    public init(directory: any TenantDirectorySource, store: TenantStore) {
        self.directory = directory
        self.store = store
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let resolution = directory.current.resolve(hostHeader: request.hostHeader)
        switch resolution {
        case .malformed:
            throw WebError(.badRequest, kind: "invalid-host", title: "Adresse invalide",
                           detail: "L'en-tête Host de la requête n'est pas un nom d'hôte valide.")
        case .unknown(let host):
            throw WebError(.notFound, kind: "unknown-host", title: "Adresse inconnue",
                           detail: "Aucune commune n'est servie à l'adresse \(host.rawValue).")
        case .tenant(let tenant) where tenant.status == .suspended:
            throw WebError(.serviceUnavailable, kind: "tenant-suspended", title: "Services en ligne suspendus",
                           detail: "Les services en ligne de \(tenant.name) sont momentanément suspendus. Vous pouvez contacter la mairie.")
        case .tenant(let tenant):
            context.logger[metadataKey: "tenant"] = .string(tenant.slug.rawValue)
            context.memberStore = store.member(tenant.slug)
        case .console:
            context.logger[metadataKey: "tenant"] = "console"
        }
        context.resolution = resolution
        return try await next(request, context)
    }
}

extension Request {
    /// The host the client asked for. HTTP/1 `Host` becomes the `:authority` pseudo-header when
    /// Hummingbird parses a request; a `Host` field left beside it means a second `Host` (or an
    /// absolute URI naming another host): ambiguous, so nil, answered 400 like a malformed host.
    /// Requests built in process (tests) carry the authority `localhost` and the `Host` field
    /// they mean.
    var hostHeader: String? {
        let fields = headers[values: Self.hostField]
        guard fields.count <= 1 else { return nil }
        switch (fields.first, head.authority) {
        case (let field?, let authority?):
            return field.lowercased() == authority.lowercased() || authority == "localhost" ? field : nil
        case (let field?, nil): return field
        case (nil, let authority): return authority
        }
    }

    private static let hostField = HTTPField.Name("Host")!
}
