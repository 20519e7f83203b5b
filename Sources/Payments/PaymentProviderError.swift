/// Why a call to the payment provider failed, with what is known of the call. Every transport
/// and SOAP problem becomes one of these in `PayFiPWebService.call` (the one place that makes
/// them from a call's outcome).
public struct PaymentProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The provider does not know this operation (PayFiP P1: never created, or purged).
        case unknownOperation(idOp: String)
        /// The operation's time ran out without a result (see `PaymentProvider.result(of:createdAt:)`).
        case expired(idOp: String)
        /// The provider (or this adapter, before calling) refused the request: fixing the request,
        /// not retrying it, is the way out. `code` is the provider's ("local" when refused here).
        case invalidRequest(code: String, message: String)
        /// The provider could not be reached or said it is unavailable: retry later.
        case unavailable
        /// The provider answered something this adapter cannot read.
        case unexpectedAnswer
    }

    public enum Operation: String, Sendable, Equatable {
        case create = "creerPaiementSecurise"
        case result = "recupererDetailPaiementSecurise"
    }

    public var kind: Kind
    public var operation: Operation
    /// The URL called (nil when the request was refused before any call).
    public var endpoint: String?
    /// The SOAP fault, when the provider sent one: `faultstring` or the PayFiP error's type,
    /// its `code` and its `libelle`/`descriptif`.
    public var faultCode: String?
    public var faultMessage: String?
    public var httpStatus: Int?
    /// What else is known (the transport error, what was wrong with the answer).
    public var message: String?

    public init(kind: Kind, operation: Operation, endpoint: String?, faultCode: String? = nil, faultMessage: String? = nil,
                httpStatus: Int? = nil, message: String? = nil) {
        self.kind = kind
        self.operation = operation
        self.endpoint = endpoint
        self.faultCode = faultCode
        self.faultMessage = faultMessage
        self.httpStatus = httpStatus
        self.message = message
    }

    /// Whether the same call may succeed later.
    public var isRetryable: Bool { kind == .unavailable }

    public var description: String {
        var parts = ["PayFiP \(operation.rawValue)"]
        switch kind {
        case .unknownOperation(let idOp): parts.append("unknown operation \(idOp)")
        case .expired(let idOp): parts.append("operation \(idOp) expired")
        case .invalidRequest(let code, let message): parts.append("refused (\(code)): \(message)")
        case .unavailable: parts.append("unavailable")
        case .unexpectedAnswer: parts.append("unexpected answer")
        }
        if let endpoint { parts.append("endpoint \(endpoint)") }
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let faultCode { parts.append("fault \(faultCode)" + (faultMessage.map { ": \($0)" } ?? "")) }
        if let message { parts.append(message) }
        return parts.joined(separator: ", ")
    }
}
