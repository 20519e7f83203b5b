import Synchronization

/// A Lua script that Redis runs atomically, sent once (`SCRIPT LOAD`) and then called by its
/// SHA-1 (`EVALSHA`): one round trip per call, loaded again after Redis lost its scripts.
public final class RedisScript: Sendable {
    public let source: String
    private let sha = Mutex<String?>(nil)

    public init(_ source: String) {
        self.source = source
    }

    func loaded(by client: RedisClient) async throws -> String {
        if let known = sha.withLock({ $0 }) { return known }
        guard let digest = try await client.send("SCRIPT", "LOAD", source).string else {
            throw RedisError(.unexpectedReply, "SCRIPT LOAD returned no digest", command: "SCRIPT")
        }
        sha.withLock { $0 = digest }
        return digest
    }

    func forget() { sha.withLock { $0 = nil } }
}

extension RedisClient {
    /// Runs `script` with its keys and arguments (through the shared pipeline thread).
    @discardableResult
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [any RedisArgument] = []) async throws -> RedisReply {
        for attempt in 0..<2 {
            let digest = try await script.loaded(by: self)
            do {
                return try await pipelined(RedisCommand("EVALSHA", arguments: [digest, keys.count] + keys + arguments))
            } catch let error as RedisError where error.code == .server && error.message.hasPrefix("NOSCRIPT") && attempt == 0 {
                script.forget()  // Redis restarted or flushed its scripts
            }
        }
        throw RedisError(.unexpectedReply, "the script could not be loaded", command: "EVALSHA")
    }
}
