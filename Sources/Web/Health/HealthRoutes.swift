import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// One readiness condition: nil when fine, else what is wrong.
public struct ReadinessCheck: Sendable {
    public var name: String
    public var run: @Sendable () async -> String?

    public init(name: String, run: @escaping @Sendable () async -> String?) {
        self.name = name
        self.run = run
    }
}

/// `/livez`, `/readyz` and `/metrics`: answered whatever the `Host` (probes use the pod's IP).
public enum HealthRoutes {
    public static func register(on router: Router<AppRequestContext>, checks: [ReadinessCheck], metrics: PrometheusCollectorRegistry) {
        router.get("/livez") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/readyz") { _, _ in
            let results = await withTaskGroup(of: (String, String?).self) { group in
                for check in checks { group.addTask { (check.name, await check.run()) } }
                return await group.reduce(into: [String: String?]()) { $0[$1.0] = $1.1 }
            }
            let ready = results.values.allSatisfy { $0 == nil }
            let body = ReadinessReport(
                status: ready ? "ready" : "not-ready",
                checks: results.mapValues { $0 ?? "ok" }
            )
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
