/// One problem found in a CSV, placed as Frictionless places it: `rowNumber` counts records
/// from the header (1; the first data row is 2; header issues are on row 1), `fieldNumber` is
/// the 1-based column. `message` is in French, for the person who sent the file.
public struct TableIssue: Sendable, Equatable, CustomStringConvertible {
    public var code: IssueCode
    /// `nil` for `source-error` only.
    public var rowNumber: Int?
    /// `nil` for row-wide issues (`blank-row`, `primary-key`, `source-error`).
    public var fieldNumber: Int?
    /// The schema field's name; for `extra-label` the unexpected label; `nil` for extra cells.
    public var fieldName: String?
    /// The offending cell or label as read.
    public var cell: String?
    /// The constraint broken, for `constraint-error`.
    public var constraint: ConstraintKind?
    public var message: String

    public init(code: IssueCode, rowNumber: Int?, fieldNumber: Int? = nil, fieldName: String? = nil,
                cell: String? = nil, constraint: ConstraintKind? = nil, message: String) {
        self.code = code
        self.rowNumber = rowNumber
        self.fieldNumber = fieldNumber
        self.fieldName = fieldName
        self.cell = cell
        self.constraint = constraint
        self.message = message
    }

    public var description: String { "[\(code.rawValue)] \(message)" }
}
