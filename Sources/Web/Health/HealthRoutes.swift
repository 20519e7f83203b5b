import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Prometheus

/// One readiness condition: nil when fine, else what is wrong (for the logs only).
public struct ReadinessCheck: Sendable {
    public var name: String
    public var run: @Sendable () async -> String?

    public init(name: String, run: @escaping @Sendable () async -> String?) {
        self.name = name
        self.run = run
    }
}

/// `/livez`, `/readyz` and `/metrics`, for probes and Prometheus. `/readyz` and `/metrics` are
/// served only by an internal listener (`MUTUALIS_INTERNAL_PORT` of `serve`, the worker's
/// health port), which the chart exposes to the kubelet and the metrics scraper and never to
/// the ingress; the public listener answers `/livez` alone. `/readyz` names the failing checks
/// and logs their details: a dependency's own error text is not shown.
public enum HealthRoutes {
    /// The public listener's share: whether the process is alive.
    public static func registerLiveness<Context: RequestContext>(on router: Router<Context>) {
        router.get("/livez") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
    }

    /// Every health route, for an internal listener.
    public static func registerInternal<Context: RequestContext>(
        on router: Router<Context>, checks: [ReadinessCheck], metrics: PrometheusCollectorRegistry, logger: Logger
    ) {
        registerLiveness(on: router)
        router.get("/readyz") { _, _ in
            let results = await withTaskGroup(of: (String, String?).self) { group in
                for check in checks { group.addTask { (check.name, await check.run()) } }
                return await group.reduce(into: [String: String?]()) { $0[$1.0] = $1.1 }
            }
            for (name, problem) in results.sorted(by: { $0.key < $1.key }) {
                if let problem { logger.warning("not ready", metadata: ["check": "\(name)", "problem": "\(problem)"]) }
            }
            let ready = results.values.allSatisfy { $0 == nil }
            let body = ReadinessReport(status: ready ? "ready" : "not-ready", checks: results.mapValues { $0 == nil ? "ok" : "failing" })
            return try JSONResponse.make(body, status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
    }

    struct ReadinessReport: Encodable {
        var status: String
        var checks: [String: String]
    }
}
