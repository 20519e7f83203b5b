import HTTPTypes
import Hummingbird

/// The session cookie: `__Host-mutualis`, `Secure; HttpOnly; SameSite=Lax; Path=/`, no Domain
/// (so it never travels to another member's host). `insecure` (development on plain-HTTP
/// localhost only) drops `Secure`, which the `__Host-` prefix requires, hence the other name.
public struct SessionCookie: Sendable {
    public let insecure: Bool

    public init(insecure: Bool) {
        self.insecure = insecure
    }

    public var name: String { insecure ? "mutualis" : "__Host-mutualis" }

    /// `Set-Cookie` for a new session.
    public func set(_ id: String) -> String {
        "\(name)=\(id); Path=/; HttpOnly; SameSite=Lax" + (insecure ? "" : "; Secure")
    }

    /// `Set-Cookie` that removes the cookie.
    public var clear: String {
        "\(name)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (insecure ? "" : "; Secure")
    }

    /// The session id the request carries, if any.
    public func read(_ request: Request) -> String? {
        request.cookies[name]?.value
    }

    /// The scheme of links in e-mails and redirects.
    public var scheme: String { insecure ? "http" : "https" }
}
