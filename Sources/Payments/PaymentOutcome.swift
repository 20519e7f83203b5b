/// How an operation ended, from PayFiP's `resultrans`.
public enum PaymentOutcome: String, Sendable, Equatable, Codable {
    /// "P": paid by card.
    case paidByCard
    /// "V": paid by direct debit (prélèvement unique).
    case paidByDirectDebit
    /// "R" (card) or "Z" (direct debit): refused.
    case refused
    /// "A": the payer gave up.
    case abandoned
    /// No result yet (PayFiP's fault P5): the payer has not finished, or the operation's
    /// 15 minutes are running out. See `PaymentProvider.result(of:createdAt:)`.
    case pending

    /// The outcome a `resultrans` code stands for; nil for a code this adapter does not know.
    public init?(resultrans: String) {
        switch resultrans {
        case "P": self = .paidByCard
        case "V": self = .paidByDirectDebit
        case "R", "Z": self = .refused
        case "A": self = .abandoned
        default: return nil
        }
    }

    public var isPaid: Bool { self == .paidByCard || self == .paidByDirectDebit }
}
