/// A failed zlib operation: which one, and zlib's own reason (its `msg`, or the return code's name).
public struct ZlibError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "zlib \(operation) failed: \(message)" }
}
