import Foundation

/// What the provider says about an operation.
public struct PaymentResult: Sendable, Equatable {
    public var idOp: String
    public var outcome: PaymentOutcome
    /// Empty when `outcome` is `.pending` (PayFiP says nothing more then).
    public var refdet: String
    public var amountCents: Int
    /// The card authorisation number, when there is one.
    public var numauto: String?
    /// When the transaction happened (`dattrans` and `heurtrans`, Paris time), when known.
    public var paidAt: Date?
    /// `resultrans` as the provider sent it ("" when `.pending`).
    public var resultrans: String

    public init(idOp: String, outcome: PaymentOutcome, refdet: String, amountCents: Int, numauto: String?, paidAt: Date?,
                resultrans: String) {
        self.idOp = idOp
        self.outcome = outcome
        self.refdet = refdet
        self.amountCents = amountCents
        self.numauto = numauto
        self.paidAt = paidAt
        self.resultrans = resultrans
    }

    public static func pending(_ idOp: String) -> PaymentResult {
        PaymentResult(idOp: idOp, outcome: .pending, refdet: "", amountCents: 0, numauto: nil, paidAt: nil, resultrans: "")
    }
}
