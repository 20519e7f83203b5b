/// The name of a member's PostgreSQL schema, derived by one function from its slug.
/// Only lowercase letters, digits and underscores, starting with a letter: safe to quote.
public struct SchemaName: Hashable, Sendable, CustomStringConvertible {
    public static let prefix = "tenant_"
    /// The consortium-wide schema.
    public static let platform = SchemaName(checked: "platform")

    public let rawValue: String
    /// `"tenant_amiens"`, for SQL written by the platform (never built from request text).
    public let quoted: String

    /// From a slug already validated by `TenantSlug`.
    init(slug: String) {
        rawValue = Self.prefix + String(decoding: slug.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
        quoted = "\"\(rawValue)\""
        precondition(Self.isValid(rawValue), "derived schema name must be a valid identifier")
    }

    private init(checked: String) {
        rawValue = checked
        quoted = "\"\(checked)\""
    }

    static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, isLowercaseLetter(first), bytes.count <= 63 else { return false }
        return bytes.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    public var description: String { rawValue }
}
