import HTTPTypes
import Hummingbird

/// Headers every response carries: no MIME sniffing, no framing, a strict referrer policy, a
/// content security policy for pages (styles are inline, everything else from the portal), and
/// on an HTTPS deployment (secure cookies) `Strict-Transport-Security`, so browsers never try
/// the portal over plain HTTP again (not relying on the ingress to add it).
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let hsts: String?

    /// `hstsMaxAge` 0: no `Strict-Transport-Security` (plain-HTTP development).
    public init(hstsMaxAge: Int = 0) {
        hsts = hstsMaxAge > 0 ? "max-age=\(hstsMaxAge)" : nil
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let hsts { response.headers[strictTransportSecurityField] = hsts }
        response.headers[.xContentTypeOptions] = "nosniff"
        // A response meant to be shown inside the portal's own pages (an inline PDF) says so
        // with `allowingSameOriginFraming()`; every other one may not be framed at all.
        if response.headers[frameOptionsField] != "SAMEORIGIN" { response.headers[frameOptionsField] = "DENY" }
        response.headers[referrerPolicyField] = "strict-origin-when-cross-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        }
        return response
    }
}

extension Response {
    /// Lets the portal's own pages show this response in a frame (an inline document view).
    public func allowingSameOriginFraming() -> Response {
        var response = self
        response.headers[frameOptionsField] = "SAMEORIGIN"
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = "frame-ancestors 'self'" }
        return response
    }
}

// Made once (a generic type cannot hold static stored properties).
private let frameOptionsField = HTTPField.Name("X-Frame-Options")!
private let referrerPolicyField = HTTPField.Name("Referrer-Policy")!
private let strictTransportSecurityField = HTTPField.Name("Strict-Transport-Security")!
