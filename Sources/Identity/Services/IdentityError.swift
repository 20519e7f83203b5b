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
        }
    }
}
