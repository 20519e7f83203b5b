/// The answer of `recupererDetailPaiementSecurise`, field by field as sent (text, trimmed).
public struct PayFiPDetail: Sendable, Equatable {
    public var fields: [String: String]

    public init(fields: [String: String]) {
        self.fields = fields
    }

    public subscript(_ name: String) -> String { fields[name] ?? "" }

    /// The result, read: the outcome from `resultrans`, the amount from `montant`, the time from
    /// `dattrans` and `heurtrans`. Nil with the reason when a field cannot be read.
    public func result() -> Result<PaymentResult, DetailProblem> {
        guard let outcome = PaymentOutcome(resultrans: self["resultrans"]) else {
            return .failure(DetailProblem(reason: "unknown resultrans \"\(self["resultrans"])\""))
        }
        guard let amount = Int(self["montant"]) else {
            return .failure(DetailProblem(reason: "montant \"\(self["montant"])\" is not an amount in cents"))
        }
        let numauto = self["numauto"]
        return .success(PaymentResult(
            idOp: self["idOp"], outcome: outcome, refdet: self["refdet"], amountCents: amount,
            numauto: numauto.isEmpty ? nil : numauto,
            paidAt: PayFiPTimestamp.date(dattrans: self["dattrans"], heurtrans: self["heurtrans"]),
            resultrans: self["resultrans"]
        ))
    }

    public struct DetailProblem: Error, Sendable, Equatable {
        public var reason: String
    }
}
