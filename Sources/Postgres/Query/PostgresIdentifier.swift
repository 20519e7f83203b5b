/// A validated SQL identifier (schema, table, role), always emitted double-quoted.
///
/// Only lowercase ASCII letters, digits and underscores, starting with a letter, at most 63
/// bytes: anything else is refused rather than escaped, so no request text can shape SQL.
public struct PostgresIdentifier: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// The identifier as it appears in SQL: `"name"`.
    public let quoted: String

    public init(_ name: String) throws {
        guard Self.isValid(name) else {
            throw PostgresError(.invalidArgument, "invalid SQL identifier \(String(reflecting: String(name.prefix(80))))")
        }
        self.name = name
        self.quoted = "\"\(name)\""
    }

    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= 63, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }

    public var description: String { quoted }
}
