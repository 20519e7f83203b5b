import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Sends one signed delivery: to the address `WebhookTarget` checked (the host name kept for
/// `Host` and TLS), redirects not followed, bounded connect and answer times, at most 64 KiB of
/// the answer read (its first kilobyte kept for the log).
public struct WebhookClient: Sendable {
    public struct Outcome: Sendable {
        public var status: Int
        public var latency: Duration
        public var excerpt: String
    }

    /// Plain `http` and private addresses allowed (`MUTUALIS_WEBHOOKS_ALLOW_PRIVATE=1`: local tests only).
    let allowPrivate: Bool
    let connectTimeout: Duration
    let answerTimeout: Duration

    public init(allowPrivate: Bool, connectTimeout: Duration = .seconds(5), answerTimeout: Duration = .seconds(15)) {
        self.allowPrivate = allowPrivate
        self.connectTimeout = connectTimeout
        self.answerTimeout = answerTimeout
    }

    /// The target, resolved and checked now (the resolution blocks: it runs on NIO's thread pool).
    public func target(_ url: URL) async throws -> WebhookTarget {
        let allowPrivate = allowPrivate
        return try await NIOThreadPool.singleton.runIfActive { try WebhookTarget.resolve(url, allowPrivate: allowPrivate) }
    }

    public func send(to target: WebhookTarget, headers: [(String, String)], body: [UInt8]) async throws -> Outcome {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(connectTimeout.nanoseconds), read: .nanoseconds(answerTimeout.nanoseconds))
        )
        configuration.dnsOverride = [target.host: target.address]
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        do {
            let outcome = try await send(with: client, to: target, headers: headers, body: body)
            try? await client.shutdown()
            return outcome
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func send(with client: HTTPClient, to target: WebhookTarget, headers: [(String, String)], body: [UInt8]) async throws -> Outcome {
        var request = HTTPClientRequest(url: target.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Mutualis-Webhooks/1")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let start = ContinuousClock.now
        let response = try await client.execute(request, timeout: .nanoseconds(answerTimeout.nanoseconds))
        var excerpt: [UInt8] = []
        var read = 0
        for try await chunk in response.body {
            if excerpt.count < 1024 { excerpt += chunk.readableBytesView.prefix(1024 - excerpt.count) }
            read += chunk.readableBytes
            if read > 64 * 1024 { break }
        }
        return Outcome(status: Int(response.status.code), latency: ContinuousClock.now - start,
                       excerpt: String(decoding: excerpt, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: ""))
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
