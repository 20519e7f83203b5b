import Foundation
import Redis
import TestSupport
import Testing

@Suite("Redis wrapper")
struct RedisTests {
    func withClient<T>(poolSize: Int = 4, _ body: (RedisClient) async throws -> T) async throws -> T {
        try await RedisClient.with(
            configuration: try RedisConfiguration(url: TestEnvironment.redisURL, poolSize: poolSize), logger: TestEnvironment.logger, body
        )
    }

    func uniqueKey(_ name: String = #function) -> String { "test:\(name):\(UUID().uuidString)" }

    @Test("arguments are binary-safe: NUL bytes, invalid UTF-8 and empty values round-trip")
    func binarySafe() async throws {
        try await withClient { client in
            let key = uniqueKey()
            let value: [UInt8] = [0, 255, 0xC3, 0x28, 10, 13, 0]
            #expect(try await client.send("SET", key, value) == .status("OK"))
            #expect(try await client.send("GET", key) == .bulk(value))
            try await client.send("SET", key, "")
            #expect(try await client.send("GET", key) == .bulk([]))
            let binaryKey: [UInt8] = Array(key.utf8) + [0, 1]
            try await client.send("SET", binaryKey, "x")
            #expect(try await client.send("GET", binaryKey).string == "x")
            try await client.send("DEL", key, binaryKey)
        }
    }

    @Test("every reply shape decodes: status, integer, bulk, null, nested arrays")
    func replyShapes() async throws {
        try await withClient { client in
            let key = uniqueKey()
            #expect(try await client.send("PING") == .status("PONG"))
            #expect(try await client.send("INCRBY", key, 41) == .integer(41))
            #expect(try await client.send("INCR", key).integer == 42)
            #expect(try await client.send("GET", "\(key):missing") == .null)
            try await client.send("RPUSH", "\(key):list", "a", "b", "c")
            #expect(try await client.send("LRANGE", "\(key):list", 0, -1) == .array([.bulk(Array("a".utf8)), .bulk(Array("b".utf8)), .bulk(Array("c".utf8))]))
            let stream = "\(key):stream"
            try await client.send("XADD", stream, "*", "field", "value")
            let entries = try await client.send("XRANGE", stream, "-", "+")
            let entry = try #require(entries.array?.first?.array)
            #expect(entry.count == 2)
            #expect(entry[1] == .array([.bulk(Array("field".utf8)), .bulk(Array("value".utf8))]))
            try await client.send("DEL", key, "\(key):list", stream)
        }
    }

    @Test("error replies are thrown with the verb only, never the arguments")
    func errorReplies() async throws {
        try await withClient { client in
            let key = uniqueKey()
            try await client.send("SET", key, "secret-session-value")
            let error = await #expect(throws: RedisError.self) { try await client.send("LPUSH", key, "x") }
            #expect(error?.code == .server)
            #expect(error?.message.hasPrefix("WRONGTYPE") == true)
            #expect(error?.command == "LPUSH")
            #expect(error?.description.contains("secret") == false)
            #expect(error?.description.contains(key) == false)
            // The connection stays usable after an error reply.
            #expect(try await client.send("GET", key).string == "secret-session-value")
            try await client.send("DEL", key)
        }
    }

    @Test("a pipeline sends many commands in one write and keeps errors in place")
    func pipeline() async throws {
        try await withClient { client in
            let key = uniqueKey()
            var commands = (0..<100).map { _ in RedisCommand("INCR", key) }
            commands.insert(RedisCommand("HGET", key, "field"), at: 50)
            let replies = try await client.pipeline(commands)
            #expect(replies.count == 101)
            #expect(replies[0] == .integer(1))
            if case .error(let message) = replies[50] { #expect(message.hasPrefix("WRONGTYPE")) } else { Issue.record("expected an error reply") }
            #expect(replies[100] == .integer(100))
            try await client.send("DEL", key)
        }
    }

    @Test("a blocking read waits for its own timeout, not the default one")
    func blockingRead() async throws {
        let configuration = try RedisConfiguration(url: TestEnvironment.redisURL, commandTimeout: .milliseconds(200))
        let client = RedisClient(configuration: configuration, logger: TestEnvironment.logger)
        let key = uniqueKey()
        let reply = try await client.withConnection { connection in
            try await connection.send(RedisCommand("BLPOP", key, "0.5"), timeout: .seconds(2))
        }
        #expect(reply == .null)
        await client.shutdown()
    }

    @Test("malformed URLs are refused", arguments: ["http://localhost", "redis://", "redis://host/notanumber", "not a url"])
    func malformedURL(_ url: String) {
        #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
    }

    @Test("reconnects after the server restarts: the outage fails fast, then service resumes")
    func reconnection() async throws {
        let server = try TemporaryRedis()
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url, poolSize: 2), logger: TestEnvironment.logger)
        try await client.send("SET", "k", "before")
        server.stop()
        let error = await #expect(throws: RedisError.self) { try await client.send("GET", "k") }
        #expect(error?.isUnavailable == true)
        try server.start()
        // The restarted server is empty (no persistence); the pooled connection was replaced.
        #expect(try await client.send("GET", "k") == .null)
        try await client.send("SET", "k", "after")
        // A restart while connections sit idle in the pool is noticed before use.
        try server.restart()
        #expect(try await client.send("GET", "k") == .null)
        await client.shutdown()
        server.stop()
    }
}
