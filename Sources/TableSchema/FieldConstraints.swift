/// A field's `constraints`. Bounds and enumerations are kept as written in the schema (text)
/// and read with the field's own type when the schema is loaded.
public struct FieldConstraints: Sendable, Equatable {
    public var required: Bool
    public var unique: Bool
    /// A regular expression the whole cell must match (Frictionless anchors it as `^…$`).
    public var pattern: String?
    /// Allowed values, as the schema writes them (strings, numbers or booleans as text).
    public var enumeration: [String]?
    public var minimum: String?
    public var maximum: String?
    public var exclusiveMinimum: String?
    public var exclusiveMaximum: String?
    public var minLength: Int?
    public var maxLength: Int?

    public init(required: Bool = false, unique: Bool = false, pattern: String? = nil,
                enumeration: [String]? = nil, minimum: String? = nil, maximum: String? = nil,
                exclusiveMinimum: String? = nil, exclusiveMaximum: String? = nil,
                minLength: Int? = nil, maxLength: Int? = nil) {
        self.required = required
        self.unique = unique
        self.pattern = pattern
        self.enumeration = enumeration
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.minLength = minLength
        self.maxLength = maxLength
    }
}
