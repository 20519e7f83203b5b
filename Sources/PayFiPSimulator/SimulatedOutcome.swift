/// What the payer chooses on the payment page (or a script through the control endpoint).
public enum SimulatedOutcome: String, Sendable, Codable, CaseIterable {
    case card
    case debit
    case refused
    case abandoned

    /// PayFiP's `resultrans` for it.
    public var resultrans: String {
        switch self {
        case .card: "P"
        case .debit: "V"
        case .refused: "R"
        case .abandoned: "A"
        }
    }

    /// The page's button.
    var label: String {
        switch self {
        case .card: "Payer par carte"
        case .debit: "Payer par prélèvement"
        case .refused: "Refuser"
        case .abandoned: "Abandonner"
        }
    }
}
