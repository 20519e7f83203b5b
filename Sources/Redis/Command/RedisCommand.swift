/// A command as its binary-safe argument vector, sent with `redisCommandArgv`.
///
///     RedisCommand("SET", key, value, "PX", 30_000)
public struct RedisCommand: Sendable, Hashable {
    public var arguments: [[UInt8]]

    public init(_ verb: String, _ arguments: any RedisArgument...) {
        self.init(verb, arguments: arguments)
    }

    public init(_ verb: String, arguments: [any RedisArgument]) {
        self.arguments = [Array(verb.utf8)] + arguments.map(\.redisBytes)
    }

    public var verb: String { String(decoding: arguments.first ?? [], as: UTF8.self).uppercased() }

    public mutating func append(_ argument: any RedisArgument) {
        arguments.append(argument.redisBytes)
    }
}

/// A value usable as a command argument.
public protocol RedisArgument: Sendable {
    var redisBytes: [UInt8] { get }
}

extension String: RedisArgument {
    public var redisBytes: [UInt8] { Array(utf8) }
}

extension Substring: RedisArgument {
    public var redisBytes: [UInt8] { Array(utf8) }
}

extension Int: RedisArgument {
    public var redisBytes: [UInt8] { Array(String(self).utf8) }
}

extension Double: RedisArgument {
    public var redisBytes: [UInt8] { Array(String(self).utf8) }
}

extension Array: RedisArgument where Element == UInt8 {
    public var redisBytes: [UInt8] { self }
}
