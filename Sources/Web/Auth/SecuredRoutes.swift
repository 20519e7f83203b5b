import HTTPTypes
import Hummingbird
import Identity
import Tenancy

/// Routes registered with everything that guards them: what they require (checked before the
/// handler runs: deny by default, nothing runs without a declaration), the module a member must
/// have enabled (404 otherwise, before anything else), the CSRF token of form routes, and the
/// API operation they document. Every declaration lands in the `RouteTable`.
///
///     routes.get("/api/v1/news", .public, operation: …) { request, context in … }
///     routes.post("/api/v1/news", .permission(.newsPublish), operation: …) { request, context, principal in … }
///     routes.form("/compte/deconnexion", .signedIn, CSRFOnly.self) { request, context, principal, form in … }
public struct SecuredRoutes<Context: SecuredRequestContext>: Sendable {
    public typealias PublicHandler = @Sendable (Request, Context) async throws -> Response
    public typealias Handler = @Sendable (Request, Context, Principal) async throws -> Response

    public let group: RouterGroup<Context>
    let table: RouteTable
    let catalog: PermissionCatalog
    let cookie: SessionCookie
    /// Routes registered through this value belong to this module.
    public let module: PlatformModule?

    public init(_ group: RouterGroup<Context>, table: RouteTable, catalog: PermissionCatalog, cookie: SessionCookie, module: PlatformModule? = nil) {
        self.group = group
        self.table = table
        self.catalog = catalog
        self.cookie = cookie
        self.module = module
    }

    /// The same routes, belonging to `module`: on a member that has not enabled it they
    /// answer 404, pages and API alike.
    public func module(_ module: PlatformModule?) -> SecuredRoutes {
        SecuredRoutes(group, table: table, catalog: catalog, cookie: cookie, module: module)
    }

    private func register(
        _ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess, operation: APIOperation?, form: Bool,
        _ handler: @escaping @Sendable (Request, Context, Principal?) async throws -> Response
    ) {
        table.add(.init(scope: Context.scope, method: method, path: path, access: access, module: module, operation: operation, isForm: form))
        // Decided from the declared route, not the request's path (`//api/…` reaches the same route).
        let isAPI = path.hasPrefix("/api/")
        let (module, catalog) = (module, catalog)
        group.on(RouterPath(path), method: method) { request, context in
            if let module, !context.hasModule(module) { throw WebError.notFound() }
            let principal = try context.authorize(access, request: request, isAPI: isAPI, catalog: catalog)
            return try await handler(request, context, principal)
        }
    }

    public func on(_ method: HTTPRequest.Method, _ path: String, _ access: PublicAccess, operation: APIOperation? = nil, _ handler: @escaping PublicHandler) {
        register(method, path, .public, operation: operation, form: false) { request, context, _ in try await handler(request, context) }
    }

    public func on(_ method: HTTPRequest.Method, _ path: String, _ access: RequiredAccess, operation: APIOperation? = nil, _ handler: @escaping Handler) {
        register(method, path, access.route, operation: operation, form: false) { request, context, principal in
            // `authorize` returned a principal for every required access, or threw.
            guard let principal else { throw Context.unauthenticated(request) }
            return try await handler(request, context, principal)
        }
    }

    public func get(_ path: String, _ access: PublicAccess, operation: APIOperation? = nil, _ handler: @escaping PublicHandler) { on(.get, path, access, operation: operation, handler) }
    public func get(_ path: String, _ access: RequiredAccess, operation: APIOperation? = nil, _ handler: @escaping Handler) { on(.get, path, access, operation: operation, handler) }
    public func post(_ path: String, _ access: PublicAccess, operation: APIOperation? = nil, _ handler: @escaping PublicHandler) { on(.post, path, access, operation: operation, handler) }
    public func post(_ path: String, _ access: RequiredAccess, operation: APIOperation? = nil, _ handler: @escaping Handler) { on(.post, path, access, operation: operation, handler) }
    public func put(_ path: String, _ access: RequiredAccess, operation: APIOperation? = nil, _ handler: @escaping Handler) { on(.put, path, access, operation: operation, handler) }
    public func patch(_ path: String, _ access: RequiredAccess, operation: APIOperation? = nil, _ handler: @escaping Handler) { on(.patch, path, access, operation: operation, handler) }
    public func delete(_ path: String, _ access: RequiredAccess, operation: APIOperation? = nil, _ handler: @escaping Handler) { on(.delete, path, access, operation: operation, handler) }

    /// A form posted from a page (`application/x-www-form-urlencoded`): decoded, and its CSRF
    /// token checked, before the handler runs.
    public func form<Form: FormPayload>(
        _ path: String, _ access: PublicAccess, _ type: Form.Type,
        _ handler: @escaping @Sendable (Request, Context, Principal?, Form) async throws -> Response
    ) {
        let cookie = cookie
        register(.post, path, .public, operation: nil, form: true) { request, context, principal in
            let form = try await RequestPayload.form(Form.self, from: request)
            try CSRF.verify(form.csrf, session: context.session, request: request, cookie: cookie)
            return try await handler(request, context, principal, form)
        }
    }

    public func form<Form: FormPayload>(
        _ path: String, _ access: RequiredAccess, _ type: Form.Type,
        _ handler: @escaping @Sendable (Request, Context, Principal, Form) async throws -> Response
    ) {
        let cookie = cookie
        register(.post, path, access.route, operation: nil, form: true) { request, context, principal in
            guard let principal else { throw Context.unauthenticated(request) }
            let form = try await RequestPayload.form(Form.self, from: request)
            try CSRF.verify(form.csrf, session: context.session, request: request, cookie: cookie)
            return try await handler(request, context, principal, form)
        }
    }
}

/// A page's form: every one carries the CSRF token of the page that showed it.
public protocol FormPayload: Decodable, Sendable {
    var csrf: String? { get }
}

/// A form with nothing but its CSRF token (a button).
public struct ButtonForm: FormPayload {
    public var csrf: String?
}
