import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The `PaymentProvider` of PayFiP's web service (`PaiementSecuriseService`, SOAP 1.1): the
/// envelopes of `PayFiPEnvelope`, the answers read by `PayFiPAnswer`, one HTTP POST per call
/// through AsyncHTTPClient's shared client (no redirect followed, bounded time, bounded answer).
public struct PayFiPWebService: PaymentProvider {
    public let endpoint: URL
    public let paymentPage: URL
    public let timeout: Duration
    let logger: Logger

    /// The DGFiP's addresses.
    public static let productionEndpoint = URL(string: "https://www.payfip.gouv.fr/tpa/services/securite")!
    public static let productionPaymentPage = URL(string: "https://www.payfip.gouv.fr/tpa/paiementws.web")!
    /// The largest answer read.
    static let answerLimit = 256 * 1024

    public init(endpoint: URL, paymentPage: URL, timeout: Duration = .seconds(20), logger: Logger) {
        self.endpoint = endpoint
        self.paymentPage = paymentPage
        self.timeout = timeout
        self.logger = logger
    }

    public func create(_ creation: PaymentCreation) async throws(PaymentProviderError) -> PaymentSession {
        if let problem = creation.problem {
            throw PaymentProviderError(kind: .invalidRequest(code: "local", message: problem), operation: .create, endpoint: nil)
        }
        let answer = try await call(.create, envelope: PayFiPEnvelope.create(creation))
        let idOp = try read(PayFiPAnswer.idOp(answer.body), answer: answer, operation: .create, idOp: nil)
        logger.info("payfip operation created", metadata: ["idop": "\(idOp)", "refdet": "\(creation.refdet)", "numcli": "\(creation.numcli)"])
        return PaymentSession(idOp: idOp, redirectURL: pageURL(idOp), createdAt: Date())
    }

    public func result(of idOp: String) async throws(PaymentProviderError) -> PaymentResult {
        let answer = try await call(.result, envelope: PayFiPEnvelope.result(of: idOp))
        let detail: PayFiPDetail
        do {
            detail = try read(PayFiPAnswer.detail(answer.body), answer: answer, operation: .result, idOp: idOp)
        } catch where error.faultCode == PayFiPProtocol.noResultYetCode {
            return .pending(idOp)
        }
        switch detail.result() {
        case .success(let result):
            return result
        case .failure(let problem):
            throw PaymentProviderError(kind: .unexpectedAnswer, operation: .result, endpoint: endpoint.absoluteString,
                                       httpStatus: answer.status, message: problem.reason)
        }
    }

    /// The payment page of an operation: `paymentPage?idop=<idOp>`.
    public func pageURL(_ idOp: String) -> URL {
        var components = URLComponents(url: paymentPage, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "idop", value: idOp)]
        return components.url!
    }

    // MARK: The choke point: a call's outcome, and what becomes of problems.

    struct Answer {
        var status: Int
        var body: [UInt8]
    }

    /// POSTs the envelope; any transport problem is `unavailable`.
    func call(_ operation: PaymentProviderError.Operation, envelope: String) async throws(PaymentProviderError) -> Answer {
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
        request.headers.add(name: "SOAPAction", value: "\"\"")
        request.headers.add(name: "User-Agent", value: "Mutualis-Payments/1")
        request.body = .bytes(ByteBuffer(string: envelope))
        let start = ContinuousClock.now
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            let body = try await response.body.collect(upTo: Self.answerLimit)
            logger.debug("payfip call", metadata: [
                "operation": "\(operation.rawValue)", "status": "\(response.status.code)", "latency": "\(ContinuousClock.now - start)",
            ])
            return Answer(status: Int(response.status.code), body: Array(buffer: body))
        } catch {
            let failure = PaymentProviderError(kind: .unavailable, operation: operation, endpoint: endpoint.absoluteString,
                                               message: "\(error)")
            logger.warning("payfip unreachable", metadata: ["operation": "\(operation.rawValue)", "error": "\(failure)"])
            throw failure
        }
    }

    /// The answer's value, or the error its fault, its status or its unreadable body make.
    func read<T>(_ parsed: Result<T, PayFiPAnswer.Problem>, answer: Answer, operation: PaymentProviderError.Operation,
                 idOp: String?) throws(PaymentProviderError) -> T {
        let endpoint = endpoint.absoluteString
        switch parsed {
        case .success(let value) where answer.status == 200:
            return value
        case .success:
            throw PaymentProviderError(kind: .unexpectedAnswer, operation: operation, endpoint: endpoint, httpStatus: answer.status,
                                       message: "an answer with HTTP status \(answer.status)")
        case .failure(.fault(let fault)):
            let kind: PaymentProviderError.Kind
            if fault.isFunctional, fault.code == PayFiPProtocol.unknownOperationCode, let idOp {
                kind = .unknownOperation(idOp: idOp)
            } else if fault.isTechnical {
                kind = .unavailable
            } else {
                kind = .invalidRequest(code: fault.code ?? fault.faultCode, message: fault.message)
            }
            let error = PaymentProviderError(kind: kind, operation: operation, endpoint: endpoint, faultCode: fault.code ?? fault.faultCode,
                                             faultMessage: fault.message, httpStatus: answer.status)
            if fault.code != PayFiPProtocol.noResultYetCode {
                logger.notice("payfip fault", metadata: ["error": "\(error)", "idop": "\(idOp ?? "")"])
            }
            throw error
        case .failure(.unreadable(let reason)):
            // A gateway's error page, a truncated answer: the service is not answering properly.
            let kind: PaymentProviderError.Kind = answer.status >= 500 || answer.status == 429 || answer.status == 408
                ? .unavailable : .unexpectedAnswer
            let error = PaymentProviderError(kind: kind, operation: operation, endpoint: endpoint, httpStatus: answer.status, message: reason)
            logger.warning("payfip answer unreadable", metadata: ["error": "\(error)"])
            throw error
        }
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
