import Foundation
import HTTPTypes
import Hummingbird
import Prometheus
import Tenancy

/// One readiness condition: nil when fine, else what is wrong.
public struct ReadinessCheck: Sendable {
    public var name: String
    public var run: @Sendable () async -> String?

    public init(name: String, run: @escaping @Sendable () async -> String?) {
        self.name = name
        self.run = run
    }
}

/// `/livez`, `/readyz` and `/metrics`, for probes and Prometheus, which use the pod's address.
/// With a `directory`, `/readyz` and `/metrics` are not answered (404) on a member's or the
/// console's public host name: the Internet sees neither the platform's internals nor its
/// figures.
public enum HealthRoutes {
    public static func register(
        on router: Router<AppRequestContext>, checks: [ReadinessCheck], metrics: PrometheusCollectorRegistry,
        directory: (any TenantDirectorySource)? = nil
    ) {
        @Sendable func internalOnly(_ request: Request) throws {
            guard let directory else { return }
            switch directory.current.resolve(hostHeader: request.hostHeader) {
            case .tenant, .console: throw WebError.notFound()
            default: return
            }
        }
        router.get("/livez") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/readyz") { request, _ in
            try internalOnly(request)
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
        router.get("/metrics") { request, _ in
            try internalOnly(request)
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
