/// Protects spreadsheet users from CSV formula injection (OWASP): a cell that a spreadsheet
/// would run as a formula gets a leading single quote.
///
/// The rule: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
/// with `'`, **unless** it is a plain number — an optional sign, digits, an optional decimal
/// part (`.` or `,`), an optional exponent (`-12.5`, `+33`, `-1,5e3`) — or, when its field is
/// given, a valid value of a `number` or `integer` field (so `-1 234,5` with `groupChar " "`
/// and `decimalChar ","` stays). Spreadsheets read such cells as numbers, never as formulas,
/// so negative amounts survive untouched; `-1+2`, `=SUM(A1)`, `@cmd` or `+33 3 22` do not.
public enum FormulaNeutralizer {
    private static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether `cell` would be changed by `neutralize`.
    public static func isDangerous(_ cell: String, field: SchemaField? = nil) -> Bool {
        guard let first = cell.unicodeScalars.first, triggers.contains(first) else { return false }
        if isPlainNumber(cell) { return false }
        if let field, field.type.isNumeric, ValueReader(field: field).read(cell) != nil,
           first != "\t", first != "\r" {
            return false
        }
        return true
    }

    /// `cell`, prefixed with `'` when a spreadsheet would run it as a formula.
    public static func neutralize(_ cell: String, field: SchemaField? = nil) -> String {
        isDangerous(cell, field: field) ? "'" + cell : cell
    }

    /// `[+-]digits[(.|,)digits][(e|E)[+-]digits]`, ASCII digits only.
    static func isPlainNumber(_ cell: String) -> Bool {
        var bytes = Array(cell.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes.removeFirst() }
        func digits() -> Int {
            let count = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            bytes.removeFirst(count)
            return count
        }
        guard digits() > 0 else { return false }
        if let separator = bytes.first, separator == UInt8(ascii: ".") || separator == UInt8(ascii: ",") {
            bytes.removeFirst()
            guard digits() > 0 else { return false }
        }
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            bytes.removeFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
