/// A JSON Schema (2020-12, as OpenAPI 3.1 uses it), written as a value.
public indirect enum JSONSchema: Sendable {
    case object(properties: [(String, JSONSchema)], required: [String], additional: Bool = false, description: String? = nil)
    case array(JSONSchema, description: String? = nil)
    case string(format: String? = nil, pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, values: [String]? = nil, description: String? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil, description: String? = nil)
    case boolean(description: String? = nil)
    case binary
    case nullable(JSONSchema)
    case reference(String)
    /// Any JSON value.
    case any(description: String? = nil)

    public static var string: JSONSchema { .string() }
    public static var integer: JSONSchema { .integer() }
    public static var boolean: JSONSchema { .boolean() }
    public static var dateTime: JSONSchema { .string(format: "date-time") }
    public static var uuid: JSONSchema { .string(format: "uuid") }
}
