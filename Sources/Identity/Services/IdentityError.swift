import Foundation

/// What identity operations refuse, with the French sentence the user may see. Messages never
/// say whether an account exists.
public enum IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Wrong e-mail or password, or an account that cannot sign in: the same answer for all.
    case invalidCredentials
    /// Too many failures: try again after this date.
    case throttled(until: Date)
    /// Password hashing is saturated: try again shortly.
    case busy
    case weakPassword(PasswordPolicy.Rejection)
    case invalidEmail
    case invalidToken
    case invalidClient
    case invalidScope(String)
    case notFound
    case forbidden
    case invalidInput(String)
    /// Sign-up, reset or verification mail asked for too often (from this address, or for
    /// this recipient): try again in this many seconds.
    case tooManyRequests(retryAfter: Int)
    /// The right password for an account whose address is not confirmed yet (only someone who
    /// knows the password learns it).
    case emailNotVerified

    public var description: String {
        switch self {
        case .invalidCredentials: "Adresse électronique ou mot de passe incorrect."
        case .throttled: "Trop de tentatives de connexion. Réessayez dans quelques minutes."
        case .busy: "Le service de connexion est très sollicité. Réessayez dans quelques instants."
        case .weakPassword(let rejection): rejection.description
        case .invalidEmail: "L'adresse électronique n'est pas valide."
        case .invalidToken: "Ce lien n'est pas valide ou a expiré."
        case .invalidClient: "Client inconnu ou secret incorrect."
        case .invalidScope(let scope): "Périmètre inconnu ou non autorisé : \(scope)."
        case .notFound: "Introuvable."
        case .forbidden: "Vous n'avez pas les droits nécessaires."
        case .invalidInput(let detail): detail
        case .emailNotVerified:
            "Votre adresse électronique n'est pas encore confirmée : ouvrez le lien que nous vous avons envoyé pour activer votre compte."
        case .tooManyRequests(let seconds):
            "Trop de demandes en peu de temps. Réessayez dans \(seconds < 90 ? "\(seconds) secondes" : "\((seconds + 59) / 60) minutes")."
        }
    }
}
