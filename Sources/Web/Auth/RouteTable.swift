import HTTPTypes
import Identity
import Synchronization
import Tenancy

/// Every declared route (members' and the console's): what each requires, the module it
/// belongs to, and its API operation. Tests read it to try every route against every role;
/// the 405 answer and the OpenAPI document are derived from it.
public final class RouteTable: Sendable {
    public struct Declaration: Sendable {
        public var scope: RouteScope
        public var method: HTTPRequest.Method
        public var path: String
        public var access: RouteAccess
        /// The module a member must have enabled (nil: always there).
        public var module: PlatformModule?
        /// Its description in the OpenAPI document (API routes).
        public var operation: APIOperation?
        /// A form route: its CSRF token is checked before its handler runs.
        public var isForm: Bool
    }

    private let declarations = Mutex<[Declaration]>([])
    public init() {}

    public var all: [Declaration] { declarations.withLock { $0 } }

    func add(_ declaration: Declaration) {
        declarations.withLock { $0.append(declaration) }
    }

    /// The methods declared for routes whose pattern matches `path` (`:name` matches one
    /// segment, `*` one segment, `**` the rest), plus HEAD wherever GET is (the router answers
    /// HEAD with the GET handler). Empty segments are ignored, as the router does.
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
