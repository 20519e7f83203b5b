import Foundation
import Payments

/// A simulator running in this process (tests): its addresses, and `shutdown()`.
public final class RunningPayFiPSimulator: Sendable {
    public let host: String
    public let port: Int
    private let stop: @Sendable () async -> Void

    init(host: String, port: Int, stop: @escaping @Sendable () async -> Void) {
        self.host = host
        self.port = port
        self.stop = stop
    }

    public var baseURL: URL { URL(string: "http://\(host):\(port)")! }
    /// `MUTUALIS_PAYFIP_ENDPOINT` for this simulator.
    public var endpoint: URL { URL(string: "http://\(host):\(port)\(PayFiPProtocol.servicePath)")! }
    /// `MUTUALIS_PAYFIP_PAGE` for this simulator.
    public var paymentPage: URL { URL(string: "http://\(host):\(port)\(PayFiPProtocol.pagePath)")! }

    /// Stops listening; notifications not yet sent are dropped.
    public func shutdown() async {
        await stop()
    }
}
