/// One column of a `TableSchema`.
public struct SchemaField: Sendable, Equatable {
    public var name: String
    public var title: String?
    public var description: String?
    /// `example` (or SCDL's `examples` when it is a single value), as text.
    public var example: String?
    public var type: FieldType
    /// `format`: `default`, `any`, `email`, `uri`, `uuid`, or a `strptime` pattern such as
    /// `%d/%m/%Y` for dates and times.
    public var format: String
    public var constraints: FieldConstraints
    /// The field's own `missingValues`, overriding the schema's when set.
    public var missingValues: [String]?
    /// `decimalChar` (default `.`), `groupChar` (default none), `bareNumber` (default true).
    public var decimalChar: String?
    public var groupChar: String?
    public var bareNumber: Bool?
    /// `trueValues` / `falseValues` of a boolean field.
    public var trueValues: [String]
    public var falseValues: [String]

    public static let defaultTrueValues = ["true", "True", "TRUE", "1"]
    public static let defaultFalseValues = ["false", "False", "FALSE", "0"]

    public init(name: String, type: FieldType = .string, format: String = "default",
                constraints: FieldConstraints = FieldConstraints(), title: String? = nil,
                description: String? = nil, example: String? = nil, missingValues: [String]? = nil,
                decimalChar: String? = nil, groupChar: String? = nil, bareNumber: Bool? = nil,
                trueValues: [String] = SchemaField.defaultTrueValues,
                falseValues: [String] = SchemaField.defaultFalseValues) {
        self.name = name
        self.type = type
        self.format = format
        self.constraints = constraints
        self.title = title
        self.description = description
        self.example = example
        self.missingValues = missingValues
        self.decimalChar = decimalChar
        self.groupChar = groupChar
        self.bareNumber = bareNumber
        self.trueValues = trueValues
        self.falseValues = falseValues
    }

    /// Whether the schema sets one of the number options (Frictionless then pre-processes
    /// number cells: group characters removed, the decimal character turned into `.`).
    var hasNumberOptions: Bool { decimalChar != nil || groupChar != nil || bareNumber != nil }
}
