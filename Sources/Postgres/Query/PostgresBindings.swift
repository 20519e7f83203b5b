/// The parameters of one statement, encoded once into a single contiguous buffer so that
/// libpq receives stable pointers without a copy per value.
public struct PostgresBindings: Sendable, Hashable {
    struct Metadata: Sendable, Hashable {
        var type: PostgresType
        var format: PostgresFormat
        var offset: Int
        /// -1 for SQL NULL.
        var length: Int
    }

    private(set) var bytes: [UInt8] = []
    private(set) var metadata: [Metadata] = []

    public init() {}

    public var count: Int { metadata.count }
    public var isEmpty: Bool { metadata.isEmpty }

    /// Parameter types in order, part of a prepared statement's identity.
    public var types: [PostgresType] { metadata.map(\.type) }

    public mutating func append<Value: PostgresEncodable>(_ value: Value) {
        let offset = bytes.count
        value.encode(into: &bytes)
        let length = bytes.count - offset
        // libpq reads text-format parameters as C strings: terminate them (the length excludes it).
        if Value.postgresFormat == .text { bytes.append(0) }
        metadata.append(.init(type: Value.postgresType, format: Value.postgresFormat, offset: offset, length: length))
    }

    public mutating func append<Value: PostgresEncodable>(_ value: Value?) {
        if let value { append(value) } else { appendNull(Value.postgresType) }
    }

    public mutating func appendNull(_ type: PostgresType) {
        metadata.append(.init(type: type, format: .binary, offset: bytes.count, length: -1))
    }
}
