import Cryptography
import Identity
import HTTPTypes
import Hummingbird

/// Cross-site request forgery protection for forms. A signed-in form echoes its session's
/// synchroniser token (`csrf` field); a form used before signing in (sign-in, sign-up, reset)
/// echoes a random value also set in a `__Host-` cookie (double submit). The JSON API takes
/// cookies only with `Content-Type: application/json`, which a cross-site form cannot send.
public enum CSRF {
    public static let field = "csrf"

    /// The token a page's forms must carry, and the cookie to set for anonymous forms.
    public static func token(session: SessionAccess?, request: Request, cookie: SessionCookie) throws -> (token: String, setCookie: String?) {
        if let session { return (session.record.csrf, nil) }
        if let existing = request.cookies[anonymousCookie(cookie)]?.value, existing.utf8.count == 43 { return (existing, nil) }
        let fresh = try SecureRandom.token(byteCount: 32)
        return (fresh, "\(anonymousCookie(cookie))=\(fresh); Path=/; HttpOnly; SameSite=Strict" + (cookie.insecure ? "" : "; Secure"))
    }

    /// Throws 403 unless `submitted` matches what the request should carry.
    public static func verify(_ submitted: String?, session: SessionAccess?, request: Request, cookie: SessionCookie) throws {
        let expected = session?.record.csrf ?? request.cookies[anonymousCookie(cookie)]?.value
        guard let expected, let submitted, !expected.isEmpty, ConstantTime.equals(Array(expected.utf8), Array(submitted.utf8)) else {
            throw WebError(.forbidden, kind: "csrf", title: "Formulaire expiré",
                           detail: "Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.")
        }
    }

    /// For the JSON API authenticated by cookie: refuse what a cross-site form could send.
    public static func requireJSON(_ request: Request) throws {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Envoyez du JSON (Content-Type: application/json).")
        }
    }

    static func anonymousCookie(_ cookie: SessionCookie) -> String {
        cookie.insecure ? "mutualis-csrf" : "__Host-mutualis-csrf"
    }
}
