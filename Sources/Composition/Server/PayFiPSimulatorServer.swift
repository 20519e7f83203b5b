import Foundation
import Logging
import PayFiPSimulator

/// `mutualis payfip-simulator`: the PayFiP simulator as a process of its own (`Ops/run`,
/// `Ops/test`, the chaos and bench scripts). It needs none of the platform's settings; only
/// `MUTUALIS_LOG_LEVEL` and `MUTUALIS_LOG_FORMAT` are read.
public enum PayFiPSimulatorServer {
    public static func run(host: String, port: Int, lifetimeSeconds: Int, environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let level = environment["MUTUALIS_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let format = environment["MUTUALIS_LOG_FORMAT"].flatMap(MutualisConfiguration.LogFormat.init(rawValue:)) ?? .text
        LogSetup.bootstrap(level: level, format: format)
        let logger = Logger(label: "payfip-simulator")
        try await PayFiPSimulator.run(
            host: host, port: port, settings: PayFiPSimulator.Settings(lifetime: .seconds(lifetimeSeconds)), logger: logger
        )
    }
}
