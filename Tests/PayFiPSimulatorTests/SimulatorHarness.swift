import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PayFiPSimulator
import Payments
import TestSupport

/// A simulator in this process on a free port below 32768, the adapter pointed at it, and a
/// plain HTTP client (redirects not followed) for the page and the controls.
struct SimulatorHarness {
    let simulator: RunningPayFiPSimulator
    let provider: PayFiPWebService
    let http: HTTPClient

    static func with<T>(settings: PayFiPSimulator.Settings = .init(), _ body: (SimulatorHarness) async throws -> T) async throws -> T {
        var logger = Logger(label: "payfip-test")
        logger.logLevel = .warning
        var simulator: RunningPayFiPSimulator?
        for _ in 0..<5 where simulator == nil {
            simulator = try? await PayFiPSimulator.start(port: try FreePort.find(), settings: settings, logger: logger)
        }
        guard let simulator else { throw SimulatorStartError(host: "127.0.0.1", port: 0) }
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let harness = SimulatorHarness(
            simulator: simulator,
            provider: PayFiPWebService(endpoint: simulator.endpoint, paymentPage: simulator.paymentPage, timeout: .seconds(5), logger: logger),
            http: http
        )
        do {
            let value = try await body(harness)
            try await http.shutdown()
            await simulator.shutdown()
            return value
        } catch {
            try? await http.shutdown()
            await simulator.shutdown()
            throw error
        }
    }

    static func creation(refdet: String = "FAC" + String(Int.random(in: 100_000...999_999)), notify: String) -> PaymentCreation {
        PaymentCreation(numcli: "012345", exer: 2026, refdet: refdet, objet: "Cantine scolaire de février", amountCents: 4_250,
                        payerEmail: "camille.martin@example.org", notificationURL: notify,
                        returnURL: "https://mairie.example.org/paiements/retour?facture=12", mode: .test)
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    func request(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String = "application/json") async throws -> Answer {
        var request = HTTPClientRequest(url: simulator.baseURL.absoluteString + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code),
                      headers: Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }),
                      body: String(buffer: bytes))
    }

    /// The operation as `GET /_simulateur/operations/{idOp}` lists it.
    func operation(_ idOp: String) async throws -> SimulatedOperation {
        let answer = try await request(.GET, "/_simulateur/operations/\(idOp)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SimulatedOperation.self, from: Data(answer.body.utf8))
    }

    func pay(_ idOp: String, _ outcome: String) async throws -> Answer {
        try await request(.POST, "/_simulateur/operations/\(idOp)/outcome", body: #"{"outcome": "\#(outcome)", "redirect": false}"#)
    }
}
