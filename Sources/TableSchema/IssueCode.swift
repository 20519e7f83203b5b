/// What kind of problem a `TableIssue` is: Frictionless's error `type`, so reports compare.
public enum IssueCode: String, Sendable, Hashable, CaseIterable {
    /// The file has no header and no row.
    case sourceError = "source-error"
    /// Header: an empty column name.
    case blankLabel = "blank-label"
    /// Header: a column name already given.
    case duplicateLabel = "duplicate-label"
    /// Header: fewer columns than the schema has fields (the last fields are missing).
    case missingLabel = "missing-label"
    /// Header: more columns than the schema has fields.
    case extraLabel = "extra-label"
    /// Header: a column whose name is not the field expected at that position.
    case incorrectLabel = "incorrect-label"
    /// A row longer than the header.
    case extraCell = "extra-cell"
    /// A row shorter than the header.
    case missingCell = "missing-cell"
    /// A row whose every cell is empty (or a missing value).
    case blankRow = "blank-row"
    /// A cell that is not of its field's type (or format).
    case typeError = "type-error"
    /// A cell that breaks one of its field's constraints.
    case constraintError = "constraint-error"
    /// A value already seen in a `unique` field.
    case uniqueError = "unique-error"
    /// A primary key already seen, or entirely empty.
    case primaryKeyError = "primary-key"
}
