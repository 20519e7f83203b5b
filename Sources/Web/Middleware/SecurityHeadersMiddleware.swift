import HTTPTypes
import Hummingbird

/// Headers every response carries: no MIME sniffing, no framing, a strict referrer policy, and
/// a content security policy for pages (styles are inline, everything else from the portal).
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[frameOptionsField] = "DENY"
        response.headers[referrerPolicyField] = "strict-origin-when-cross-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        }
        return response
    }
}

// Made once (a generic type cannot hold static stored properties).
private let frameOptionsField = HTTPField.Name("X-Frame-Options")!
private let referrerPolicyField = HTTPField.Name("Referrer-Policy")!
