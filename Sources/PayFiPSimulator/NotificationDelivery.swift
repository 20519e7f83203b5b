import Foundation
import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Sends operations' notifications the way PayFiP does: a form POST of `idop=<idOp>` to
/// `urlnotif`, from a task of its own, never retried (PayFiP does not promise delivery). The
/// behaviour set for the operation (or globally) may delay, repeat or drop it.
final class NotificationDelivery: Sendable {
    private let store: OperationStore
    private let logger: Logger
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let counter = Mutex(0)

    init(store: OperationStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    func notify(_ operation: SimulatedOperation) {
        let (count, delay) = store.behaviour(for: operation.idOp).plan
        guard count > 0 else {
            logger.info("notification dropped", metadata: ["idop": "\(operation.idOp)"])
            return
        }
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let task = Task { [store, logger] in
            if delay > .zero { try? await Task.sleep(for: delay) }
            for _ in 0..<count where !Task.isCancelled {
                let delivered = await Self.post(idOp: operation.idOp, to: operation.urlnotif, logger: logger)
                store.recordDelivery(operation.idOp, delivered: delivered)
            }
            _ = self.tasks.withLock { $0.removeValue(forKey: number) }
        }
        tasks.withLock { $0[number] = task }
    }

    /// Stops deliveries still waiting (the simulator is shutting down).
    func cancelAll() {
        let pending = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return Array(tasks.values)
        }
        for task in pending { task.cancel() }
    }

    private static func post(idOp: String, to url: String, logger: Logger) async -> Bool {
        var (target, host) = (url, nil as String?)
        // `*.localhost` is the loopback (RFC 6761), as browsers resolve it; this machine's resolver may not.
        if var components = URLComponents(string: url), let name = components.host?.lowercased(), name == "localhost" || name.hasSuffix(".localhost") {
            host = name + (components.port.map { ":\($0)" } ?? "")
            components.host = "127.0.0.1"
            target = components.string ?? url
        }
        var request = HTTPClientRequest(url: target)
        if let host { request.headers.add(name: "Host", value: host) }
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "User-Agent", value: "PayFiP-Simulateur/1")
        request.body = .bytes(ByteBuffer(string: "idop=" + FormEncoding.encode(idOp)))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let delivered = (200..<300).contains(Int(response.status.code))
            logger.info("notification sent", metadata: ["idop": "\(idOp)", "status": "\(response.status.code)"])
            return delivered
        } catch {
            logger.notice("notification failed", metadata: ["idop": "\(idOp)", "error": "\(error)"])
            return false
        }
    }
}
