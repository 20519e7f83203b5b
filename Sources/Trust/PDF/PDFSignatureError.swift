/// Why a PDF cannot be prepared for, or receive, a signature. `reason` is French, for agents.
public enum PDFSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `%PDF-` header in the first kilobyte.
    case notAPDF
    /// The trailer has `/Encrypt`: a password-protected or permission-restricted file.
    case encrypted
    /// The structure is broken (the detail says where).
    case malformed(String)
    /// Valid PDF, but a feature this writer does not handle (the detail says which).
    case unsupported(String)
    /// The DER signature is larger than the space reserved in `/Contents`.
    case contentsTooLarge(needed: Int, capacity: Int)

    public var reason: String {
        switch self {
        case .notAPDF:
            "Le fichier n’est pas un PDF."
        case .encrypted:
            "Le PDF est protégé (chiffré ou par mot de passe) et ne peut pas être signé : "
                + "retirez la protection puis déposez-le à nouveau."
        case .malformed(let detail):
            "Le PDF est endommagé (\(detail)). Réenregistrez-le depuis le logiciel qui l’a produit "
                + "(export PDF) puis déposez-le à nouveau."
        case .unsupported(let detail):
            "Ce PDF utilise une structure que la signature ne prend pas en charge (\(detail))."
        case .contentsTooLarge(let needed, let capacity):
            "La signature (\(needed) octets) dépasse la place réservée dans le PDF (\(capacity) octets)."
        }
    }

    public var description: String { reason }
}
