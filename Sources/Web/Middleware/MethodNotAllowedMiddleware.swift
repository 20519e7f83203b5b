import HTTPTypes
import Hummingbird

/// Turns the router's "no route" into 405 Method Not Allowed, with the `Allow` header, when the
/// path is a declared member route that takes other methods (RFC 9110 §15.5.6): a partner
/// calling `PUT /api/v1/news/1` learns the method is wrong, not that the item does not exist.
/// Sits between `ErrorMiddleware` and the router, so the answer is a problem document or page.
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    public init(table: RouteTable) {
        self.table = table
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            let allowed = table.methods(matching: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            // `ErrorMiddleware` turns it into the problem document or page.
            throw HTTPError(.methodNotAllowed, headers: [.allow: allowed.map(\.rawValue).sorted().joined(separator: ", ")])
        }
    }
}
