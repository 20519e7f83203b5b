import Cryptography
import Identity
import HTTPTypes
import Hummingbird

/// Cross-site request forgery protection for forms. A signed-in form echoes its session's
/// synchroniser token (`csrf` field); a form used before signing in (sign-in, sign-up, reset)
/// echoes a random value also set in a `__Host-` cookie (double submit). The JSON API takes
/// cookies for a state-changing call only with the session's token in `X-CSRF-Token` (a header
/// a cross-site form cannot send, and a cross-origin script may not without a CORS grant).
public enum CSRF {
    public static let field = "csrf"
    public static let header = HTTPField.Name("X-CSRF-Token")!

    /// The token a page's forms must carry, and the cookie to set for anonymous forms.
    public static func token(session: SessionAccess?, request: Request, cookie: SessionCookie) throws -> (token: String, setCookie: String?) {
        if let session { return (session.record.csrf, nil) }
        if let existing = SessionCookie.value(of: anonymousCookie(cookie), in: request), existing.utf8.count == 43 { return (existing, nil) }
        let fresh = try SecureRandom.token(byteCount: 32)
        return (fresh, "\(anonymousCookie(cookie))=\(fresh); Path=/; HttpOnly; SameSite=Strict" + (cookie.insecure ? "" : "; Secure"))
    }

    /// Throws 403 unless `submitted` matches what the request should carry.
    public static func verify(_ submitted: String?, session: SessionAccess?, request: Request, cookie: SessionCookie) throws {
        let expected = session?.record.csrf ?? SessionCookie.value(of: anonymousCookie(cookie), in: request)
        guard let expected, let submitted, !expected.isEmpty, ConstantTime.equals(Array(expected.utf8), Array(submitted.utf8)) else {
            throw WebError(.forbidden, kind: "csrf", title: "Formulaire expiré",
                           detail: "Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.")
        }
    }

    /// For the API authenticated by a session cookie: a state-changing call (anything but GET,
    /// HEAD, OPTIONS) must echo the session's token in `X-CSRF-Token`.
    public static func verifyAPI(_ request: Request, session: SessionAccess) throws {
        switch request.method {
        case .get, .head, .options: return
        default: break
        }
        guard let sent = request.headers[header], ConstantTime.equals(Array(session.record.csrf.utf8), Array(sent.utf8)) else {
            throw WebError(.forbidden, kind: "csrf", title: "Jeton anti-falsification manquant",
                           detail: "Avec un cookie de session, les appels qui modifient des données envoient le jeton csrf_token de /api/v1/me dans l'en-tête X-CSRF-Token.")
        }
    }

    static func anonymousCookie(_ cookie: SessionCookie) -> String {
        cookie.insecure ? "mutualis-csrf" : "__Host-mutualis-csrf"
    }
}
