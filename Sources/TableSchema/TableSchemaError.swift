/// Why a schema could not be read. `message` is in French, for people.
public struct TableSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
