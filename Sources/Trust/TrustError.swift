/// A failure of the trust services, with what failed and, where people see it, a French reason.
public enum TrustError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Missing or invalid material or settings (KEK file, PKI directory, TSA).
    case configuration(String)
    /// A key could not be opened (wrong KEK, damaged envelope).
    case keyUnavailable(String)
    case wrongPIN
    /// The member has no seal, or the account no signing certificate.
    case noIdentity(String)
    /// The external timestamp authority failed or refused.
    case timestampAuthority(String)

    public var description: String {
        switch self {
        case .configuration(let reason): "trust services not configured: \(reason)"
        case .keyUnavailable(let reason): "private key unavailable: \(reason)"
        case .wrongPIN: "wrong PIN"
        case .noIdentity(let reason): "no signing identity: \(reason)"
        case .timestampAuthority(let reason): "timestamp authority: \(reason)"
        }
    }

    /// What an agent reads.
    public var frenchReason: String {
        switch self {
        case .configuration: "Le service de signature n'est pas configuré sur cette plate-forme."
        case .keyUnavailable: "La clé de signature est indisponible ; contactez l'administrateur."
        case .wrongPIN: "Code PIN incorrect."
        case .noIdentity(let reason): reason
        case .timestampAuthority: "L'autorité d'horodatage n'a pas répondu ; réessayez dans quelques minutes."
        }
    }
}
