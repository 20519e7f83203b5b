/// A statement and its parameters.
///
/// Built by string interpolation: every interpolated value becomes a `$n` parameter, so SQL
/// is never assembled from values. Identifiers go through `\(identifier:)`, which takes only a
/// validated `PostgresIdentifier`.
///
///     let query: PostgresQuery = "SELECT title FROM news WHERE id = \(id)"
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation {
    public var sql: String
    public var bindings: PostgresBindings

    /// SQL assembled at run time, with `$n` placeholders matching `bindings`. Unsafe: nothing
    /// checks that no caller-supplied text reached `sql`; prefer a literal with interpolated
    /// values (`"… WHERE id = \(id)"`), which can only bind them.
    public init(unsafeSQL sql: String, bindings: PostgresBindings = PostgresBindings()) {
        self.sql = sql
        self.bindings = bindings
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, bindings: stringInterpolation.bindings)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var bindings = PostgresBindings()

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        public mutating func appendInterpolation(identifier: PostgresIdentifier) {
            sql += identifier.quoted
        }

        /// A fragment of SQL fixed at compile time (a shared SELECT list, say): a
        /// `StaticString` cannot carry a runtime value.
        public mutating func appendInterpolation(literal fragment: StaticString) {
            sql += fragment.description
        }
    }
}
