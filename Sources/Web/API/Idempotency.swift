import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import NIOCore
import Redis

/// `Idempotency-Key` on the API's `POST`s: the first answer (a success or a client error) is kept
/// 24 hours per caller and key, and replayed for a retry with the same body; the same key with
/// another body is a 422, and while the first is still running, a 409. The body's fingerprint is
/// its SHA-256, computed as the handler reads it (an upload too), so nothing is held in memory.
public struct IdempotencyStore: Sendable {
    let redis: RedisClient
    public static let lifetime: Duration = .seconds(86_400)
    /// How long a key stays "in progress" if its process died midway.
    static let inProgress: Duration = .seconds(600)
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    public init(redis: RedisClient) {
        self.redis = redis
    }

    struct Stored: Codable {
        var fingerprint: String
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    /// Runs `handler` once per key: replays, refuses or records.
    func run(
        _ request: Request, member: String, caller: String,
        _ handler: (Request) async throws -> Response
    ) async throws -> Response {
        guard let key = request.headers[Self.header] else { return try await handler(request) }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw WebError.invalidParameter("Idempotency-Key", "La clé d'idempotence fait de 1 à 255 caractères ASCII visibles.")
        }
        let slot = "mutualis:idempotency:\(member):\(SessionStore.hash(caller)):\(SessionStore.hash(key))"
        let hashing = HashingBody(request.body)
        var request = request
        request.body = RequestBody(asyncSequence: hashing)
        let claimed = try await redis.send(RedisCommand("SET", slot, "in-progress", "NX", "PX", Self.inProgress.milliseconds))
        guard claimed.string == "OK" else {
            guard let bytes = try await redis.send("GET", slot).bytes, let stored = try? JSONDecoder().decode(Stored.self, from: Data(bytes)) else {
                throw WebError(.conflict, kind: "idempotency-in-progress", title: "Requête en cours",
                               detail: "Une requête avec cette clé d'idempotence est en cours : attendez sa réponse.")
            }
            try await hashing.drain()
            guard stored.fingerprint == hashing.fingerprint else {
                throw WebError(.unprocessableContent, kind: "idempotency-key-reused", title: "Clé d'idempotence déjà utilisée",
                               detail: "Cette clé d'idempotence a déjà servi pour une autre requête : choisissez-en une nouvelle.")
            }
            var headers = HTTPFields()
            for (name, value) in stored.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
            headers[Self.replayed] = "true"
            return Response(status: .init(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
        }
        let response: Response
        do {
            response = try await HashingBody.$current.withValue(hashing) { try await handler(request) }
            try await hashing.drain()
        } catch {
            // Nothing happened that a retry could not redo: let the key go.
            _ = try? await redis.send("DEL", slot)
            throw error
        }
        var kept = response
        // Small answers only (the API's POSTs answer JSON); a larger one is not kept.
        if let collected = try? await Self.collect(response) {
            kept.body = .init(byteBuffer: collected)
            let stored = Stored(
                fingerprint: hashing.fingerprint, status: Int(response.status.code),
                headers: Dictionary(response.headers.filter { $0.name != .setCookie }.map { ($0.name.rawName, $0.value) }, uniquingKeysWith: { first, _ in first }),
                body: Array(collected.readableBytesView)
            )
            _ = try? await redis.send(RedisCommand("SET", slot, Array(try JSONEncoder().encode(stored)), "PX", Self.lifetime.milliseconds))
        } else {
            _ = try? await redis.send("DEL", slot)
        }
        return kept
    }

    /// The body of a response built from one buffer (what the API's POSTs answer).
    static func collect(_ response: Response) async throws -> ByteBuffer {
        let sink = BodyCollector.Sink()
        try await response.body.write(BodyCollector(sink: sink))
        return sink.buffer
    }

    struct CollectFailed: Error {}
}

/// Writes a response body into one buffer.
struct BodyCollector: ResponseBodyWriter {
    final class Sink: @unchecked Sendable {
        var buffer = ByteBuffer()
    }
    let sink: Sink
    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        sink.buffer.writeBuffer(&buffer)
        if sink.buffer.readableBytes > 1 << 20 { throw IdempotencyStore.CollectFailed() }
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
