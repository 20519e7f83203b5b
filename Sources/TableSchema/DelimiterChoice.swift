/// The cell separator of the CSV to validate.
public enum DelimiterChoice: Sendable, Equatable {
    /// A comma, as SCDL files are published.
    case comma
    /// A semicolon, as French spreadsheets save CSVs.
    case semicolon
    /// The header line's: a semicolon when it has more semicolons than commas outside quotes,
    /// else a comma (Frictionless sniffs the separator too, among `,` `;` tab and `|`).
    case automatic
}
