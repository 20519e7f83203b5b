import Foundation

/// The name of a member's PostgreSQL schema, derived by one function from its slug.
/// Only lowercase letters, digits and underscores, starting with a letter: safe to quote.
public struct SchemaName: Hashable, Sendable, CustomStringConvertible {
    public static let prefix = "tenant_"
    /// The consortium-wide schema.
    public static let platform = SchemaName(checked: "platform")

    public let rawValue: String

    init(slug: TenantSlug) {
        rawValue = Self.prefix + slug.rawValue.replacingOccurrences(of: "-", with: "_")
        precondition(Self.isValid(rawValue), "derived schema name must be a valid identifier")
    }

    private init(checked: String) {
        rawValue = checked
    }

    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isLowercaseLetter(first), bytes.count <= 63 else { return false }
        return bytes.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `"tenant_amiens"`, for SQL written by the platform (never built from request text).
    public var quoted: String { "\"\(rawValue)\"" }
    public var description: String { rawValue }
}
