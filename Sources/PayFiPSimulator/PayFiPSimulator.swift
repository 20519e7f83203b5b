import Foundation
import Hummingbird
import Logging
import NIOCore
import Payments
import ServiceLifecycle
import UnixSignals

/// A stand-in for the DGFiP's PayFiP web service, for development, tests and the chaos and
/// bench scripts: `PaiementSecuriseService` at `/tpa/services/securite`, the payment page at
/// `/tpa/paiementws.web?idop=…`, the controls under `/_simulateur/`. Operations live in memory.
public enum PayFiPSimulator {
    public struct Settings: Sendable {
        /// How long an operation may be paid (PayFiP: 15 minutes).
        public var lifetime: Duration
        /// Unfinished operations this long after creation are forgotten (PayFiP: the next night).
        public var purgeAfter: Duration

        public init(lifetime: Duration = PayFiPProtocol.operationLifetime, purgeAfter: Duration = .seconds(24 * 3600)) {
            self.lifetime = lifetime
            self.purgeAfter = purgeAfter
        }
    }

    /// Starts the simulator in this process on `host:port`; returns once it listens.
    public static func start(
        host: String = "127.0.0.1", port: Int, settings: Settings = Settings(), logger: Logger = Logger(label: "payfip-simulator")
    ) async throws -> RunningPayFiPSimulator {
        let (application, delivery) = make(host: host, port: port, settings: settings, logger: logger) { channel, listening in
            listening.yield(channel.localAddress?.port ?? port)
        }
        let group = ServiceGroup(configuration: .init(services: [application.service], logger: logger))
        let running = Task {
            // A server that cannot bind never runs: the wait below must end all the same.
            defer { application.finishListening() }
            try await group.run()
        }
        let bound = await application.listening.first { _ in true }
        guard let bound else {
            running.cancel()
            _ = try? await running.value
            throw SimulatorStartError(host: host, port: port)
        }
        return RunningPayFiPSimulator(host: host, port: bound, stop: {
            delivery.cancelAll()
            await group.triggerGracefulShutdown()
            _ = try? await running.value
        })
    }

    /// Runs the simulator until SIGTERM or SIGINT (`mutualis payfip-simulator`).
    public static func run(host: String, port: Int, settings: Settings = Settings(), logger: Logger) async throws {
        let (application, delivery) = make(host: host, port: port, settings: settings, logger: logger) { _, _ in
            logger.info("PayFiP simulator listening", metadata: [
                "service": "http://\(host):\(port)\(PayFiPProtocol.servicePath)",
                "page": "http://\(host):\(port)\(PayFiPProtocol.pagePath)",
                "controls": "http://\(host):\(port)/_simulateur/operations",
            ])
        }
        let group = ServiceGroup(configuration: .init(
            services: [application.service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        try await group.run()
        delivery.cancelAll()
    }

    struct Made {
        var service: Application<RouterResponder<BasicRequestContext>>
        var listening: AsyncStream<Int>
        var finishListening: @Sendable () -> Void
    }

    static func make(
        host: String, port: Int, settings: Settings, logger: Logger,
        onRunning: @escaping @Sendable (any Channel, AsyncStream<Int>.Continuation) -> Void
    ) -> (Made, NotificationDelivery) {
        let store = OperationStore(lifetime: settings.lifetime, purgeAfter: settings.purgeAfter)
        let delivery = NotificationDelivery(store: store, logger: logger)
        let router = Router(context: BasicRequestContext.self)
        SimulatorRoutes(store: store, delivery: delivery, logger: logger).register(on: router)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "payfip-simulator"),
            onServerRunning: { channel in
                onRunning(channel, continuation)
                continuation.finish()
            },
            logger: logger
        )
        return (Made(service: application, listening: stream, finishListening: { continuation.finish() }), delivery)
    }
}

/// The simulator could not listen (the port is taken?).
public struct SimulatorStartError: Error, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { "the PayFiP simulator could not listen on \(host):\(port)" }
}
