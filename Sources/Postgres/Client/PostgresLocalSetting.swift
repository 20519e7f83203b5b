/// A setting that lasts until the end of the current transaction (`SET LOCAL`).
public struct PostgresLocalSetting: Sendable, Hashable {
    /// A fixed server parameter name (never caller text).
    public let name: String
    /// The value as the server parses it.
    public let value: String
    /// `name` and `value` encoded once, as the parameters of `set_config($1, $2, true)`.
    let encoded: PostgresBindings

    private init(name: String, value: String) {
        self.name = name
        self.value = value
        var bindings = PostgresBindings()
        bindings.append(name)
        bindings.append(value)
        self.encoded = bindings
    }

    /// `search_path` limited to the given schemas, each quoted.
    public static func searchPath(_ schemas: [PostgresIdentifier]) -> PostgresLocalSetting {
        PostgresLocalSetting(name: "search_path", value: schemas.map(\.quoted).joined(separator: ", "))
    }

    /// `search_path` limited to one schema.
    public static func searchPath(_ schema: PostgresIdentifier) -> PostgresLocalSetting {
        PostgresLocalSetting(name: "search_path", value: schema.quoted)
    }

    /// `statement_timeout` in milliseconds.
    public static func statementTimeout(milliseconds: Int) -> PostgresLocalSetting {
        PostgresLocalSetting(name: "statement_timeout", value: String(max(0, milliseconds)))
    }

    /// The `SET LOCAL` statement. Names come from the constructors above and values are quoted
    /// identifiers or integers, so the text never carries caller input.
    var statement: String { "SET LOCAL \(name) TO \(value)" }
}
