/// PayFiP's `saisie`: which kind of operation the service records.
public enum PaymentMode: String, Sendable, Codable, CaseIterable {
    /// "T": a test payment (no money moves).
    case test = "T"
    /// "X": an activation payment, made once to open the contract.
    case activation = "X"
    /// "W": a real payment.
    case production = "W"
}
