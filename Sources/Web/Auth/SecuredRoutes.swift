import HTTPTypes
import Hummingbird
import Identity
import Synchronization

/// Member routes are registered with what they require: the declaration is checked before
/// the handler runs (deny by default: nothing runs without a declaration), and kept in a table
/// that tests read to try every route.
public struct SecuredRoutes: Sendable {
    public struct Declaration: Sendable, Hashable {
        public var method: HTTPRequest.Method
        public var path: String
        public var access: RouteAccess
    }

    public let group: RouterGroup<TenantRequestContext>
    private let table: Table

    public final class Table: Sendable {
        let declarations = Mutex<[Declaration]>([])
        public init() {}
        public var all: [Declaration] { declarations.withLock { $0 } }

        /// The methods declared for routes whose pattern matches `path` (`:name` matches one
        /// segment, `*` one segment, `**` the rest), plus HEAD wherever GET is (the router
        /// answers HEAD with the GET handler). Empty segments are ignored, as the router does.
        public func methods(matching path: String) -> Set<HTTPRequest.Method> {
            let segments = path.split(separator: "/", omittingEmptySubsequences: true)
            var methods = Set(all.filter { Self.pattern($0.path, matches: segments) }.map(\.method))
            if methods.contains(.get) { methods.insert(.head) }
            return methods
        }

        static func pattern(_ pattern: String, matches segments: [Substring]) -> Bool {
            let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
            for (index, part) in parts.enumerated() {
                if part == "**" { return true }
                guard index < segments.count else { return false }
                if part == "*" || part.hasPrefix(":") || (part.hasPrefix("{") && part.hasSuffix("}")) { continue }
                guard part == segments[index] else { return false }
            }
            return parts.count == segments.count
        }
    }

    public init(_ group: RouterGroup<TenantRequestContext>, table: Table) {
        self.group = group
        self.table = table
    }

    public typealias Handler = @Sendable (Request, TenantRequestContext, Principal?) async throws -> Response

    public func on(_ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess, _ handler: @escaping Handler) {
        table.declarations.withLock { $0.append(Declaration(method: method, path: path, access: access)) }
        // Decided from the declared route, not the request's path (`//api/…` reaches the same route).
        let isAPI = path.hasPrefix("/api/")
        group.on(RouterPath(path), method: method) { request, context in
            let principal = try context.authorize(access, request: request, isAPI: isAPI)
            return try await handler(request, context, principal)
        }
    }

    public func get(_ path: String, _ access: RouteAccess, _ handler: @escaping Handler) { on(.get, path, access, handler) }
    public func post(_ path: String, _ access: RouteAccess, _ handler: @escaping Handler) { on(.post, path, access, handler) }
    public func put(_ path: String, _ access: RouteAccess, _ handler: @escaping Handler) { on(.put, path, access, handler) }
    public func delete(_ path: String, _ access: RouteAccess, _ handler: @escaping Handler) { on(.delete, path, access, handler) }
}

extension RouteAccess: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .public: hasher.combine(0)
        case .signedIn: hasher.combine(1)
        case .permission(let permission): hasher.combine(permission)
        }
    }
}
