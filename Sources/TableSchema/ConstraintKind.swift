/// A constraint a cell failed, named as the schema names it.
public enum ConstraintKind: String, Sendable, Hashable {
    case required, minLength, maxLength, pattern
    case enumeration = "enum"
    case minimum, maximum, exclusiveMinimum, exclusiveMaximum
}
