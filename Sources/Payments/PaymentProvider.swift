import Foundation

/// A payment service the billing feature hands a payer to: `create` registers an operation and
/// gives the page to send the payer's browser to; `result(of:)` asks how it ended. The provider
/// may notify a URL when the payer is done, but never promises to: callers poll `result(of:)`
/// to reconcile.
public protocol PaymentProvider: Sendable {
    func create(_ creation: PaymentCreation) async throws(PaymentProviderError) -> PaymentSession
    func result(of idOp: String) async throws(PaymentProviderError) -> PaymentResult
}

extension PaymentProvider {
    /// `result(of:)`, with an operation still `.pending` past `horizon` after it was created
    /// turned into `.expired`. PayFiP keeps answering "no result yet" (P5) for an operation whose
    /// 15 minutes ran out until its nightly purge (then "unknown", P1); eopayment draws the line
    /// at 20 minutes, and so does the default here.
    public func result(
        of idOp: String, createdAt: Date, now: Date = Date(), horizon: Duration = .seconds(20 * 60)
    ) async throws(PaymentProviderError) -> PaymentResult {
        let result = try await self.result(of: idOp)
        let age = now.timeIntervalSince(createdAt)
        if result.outcome == .pending, age >= Double(horizon.components.seconds) {
            throw PaymentProviderError(kind: .expired(idOp: idOp), operation: .result, endpoint: nil,
                                       message: "no result \(Int(age)) s after creation")
        }
        return result
    }
}
