/// A failed submission: at which step, the server's reply code and text if it answered.
public struct SMTPError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Stage: String, Sendable {
        case configuration, connect, greeting, hello, sender, recipient, data, message, timeout, protocolError = "protocol"
    }

    public var stage: Stage
    public var code: Int?
    public var message: String

    public init(_ stage: Stage, _ message: String, code: Int? = nil) {
        self.stage = stage
        self.message = message
        self.code = code
    }

    /// A 5xx answer: trying again will not help (unknown recipient, refused sender…).
    public var isPermanent: Bool { (500..<600).contains(code ?? 0) }

    public var description: String {
        "SMTP \(stage.rawValue) failed" + (code.map { " (\($0))" } ?? "") + ": \(message)"
    }
}
