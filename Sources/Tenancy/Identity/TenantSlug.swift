/// A member's identifier: `^[a-z][a-z0-9-]{1,40}$`. Everything about a member (its schema,
/// its default host) derives from it, so it is validated once, here.
public struct TenantSlug: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    /// The PostgreSQL schema holding this member's data: `tenant_` + the slug with `-` as `_`.
    /// Injective, because slugs cannot contain `_`. Derived once, here.
    public let schemaName: SchemaName

    public init(_ rawValue: String) throws(TenancyError) {
        guard Self.isValid(rawValue) else { throw .invalidSlug(String(rawValue.prefix(60))) }
        self.rawValue = rawValue
        self.schemaName = SchemaName(slug: rawValue)
    }

    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= 2, bytes.count <= 41, let first = bytes.first, isLowercaseLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    public static func == (lhs: TenantSlug, rhs: TenantSlug) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public var description: String { rawValue }
    public static func < (lhs: TenantSlug, rhs: TenantSlug) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

@inline(__always) func isLowercaseLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
