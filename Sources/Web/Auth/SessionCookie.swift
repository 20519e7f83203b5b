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
        Self.value(of: name, in: request)
    }

    /// The value of the cookie `name` in the request's `Cookie` fields, if any. Scans for this
    /// one cookie only (every authenticated request comes here, and parsing all cookies with
    /// their attributes costs more than the session lookup).
    static func value(of name: String, in request: Request) -> String? {
        let name = Array(name.utf8)
        for field in request.headers[values: .cookie] {
            let bytes = Array(field.utf8)
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
                var first = start
                while first < end, bytes[first] == UInt8(ascii: " ") { first += 1 }
                let pair = bytes[first..<end]
                if pair.count > name.count, pair[first + name.count] == UInt8(ascii: "="), pair.starts(with: name) {
                    return String(decoding: pair[(first + name.count + 1)...], as: UTF8.self)
                }
                start = end + 1
            }
        }
        return nil
    }

    /// The scheme of links in e-mails and redirects.
    public var scheme: String { insecure ? "http" : "https" }
}
