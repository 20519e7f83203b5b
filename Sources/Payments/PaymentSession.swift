import Foundation

/// An operation the provider registered: its identifier and the page the payer pays on.
public struct PaymentSession: Sendable, Equatable {
    public var idOp: String
    /// The provider's payment page for this operation (`…/tpa/paiementws.web?idop=<idOp>`).
    public var redirectURL: URL
    public var createdAt: Date

    public init(idOp: String, redirectURL: URL, createdAt: Date) {
        self.idOp = idOp
        self.redirectURL = redirectURL
        self.createdAt = createdAt
    }
}
