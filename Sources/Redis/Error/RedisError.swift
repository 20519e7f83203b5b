/// Every failure the Redis wrapper reports. Commands are named by their verb only: keys and
/// values (session ids, tokens) never reach an error message or a log.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case connectionFailed
        case connectionLost
        /// Redis answered with an error reply (`WRONGTYPE`, `NOGROUP`, …).
        case server
        case poolTimeout
        case shutDown
        case invalidArgument
        /// A reply of another shape than the caller expected.
        case unexpectedReply
    }

    public var code: Code
    public var message: String
    /// The command's verb, e.g. `XREADGROUP`.
    public var command: String?

    public init(_ code: Code, _ message: String, command: String? = nil) {
        self.code = code
        self.message = message
        self.command = command
    }

    public var isUnavailable: Bool {
        [.connectionFailed, .connectionLost, .poolTimeout, .shutDown].contains(code)
            || (code == .server && (message.hasPrefix("LOADING") || message.hasPrefix("MASTERDOWN")))
    }

    public var description: String {
        "Redis \(code.rawValue)\(command.map { " (\($0))" } ?? ""): \(message)"
    }
}
