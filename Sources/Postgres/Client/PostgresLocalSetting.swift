/// A setting that lasts until the end of the current transaction (`SET LOCAL`).
public struct PostgresLocalSetting: Sendable, Hashable {
    /// A fixed server parameter name (never caller text).
    public let name: String
    /// The value as the server parses it.
    public let value: String

    /// `search_path` limited to the given schemas, each quoted.
    public static func searchPath(_ schemas: [PostgresIdentifier]) -> PostgresLocalSetting {
        PostgresLocalSetting(name: "search_path", value: schemas.map(\.quoted).joined(separator: ", "))
    }

    /// `statement_timeout` in milliseconds.
    public static func statementTimeout(milliseconds: Int) -> PostgresLocalSetting {
        PostgresLocalSetting(name: "statement_timeout", value: String(max(0, milliseconds)))
    }

    /// The `SET LOCAL` statement. Names come from the constructors above and values are quoted
    /// identifiers or integers, so the text never carries caller input.
    var statement: String { "SET LOCAL \(name) TO \(value)" }
}
