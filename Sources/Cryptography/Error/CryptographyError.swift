/// A failed OpenSSL operation: which one, and OpenSSL's own reason from its error queue.
public struct CryptographyError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "OpenSSL \(operation) failed: \(message)" }
}
