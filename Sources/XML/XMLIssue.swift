/// One schema validation error: libxml2's message (which names the element and what was
/// expected) and the line of the offending node (0 when libxml2 gives none).
public struct XMLIssue: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
