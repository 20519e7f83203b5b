import Foundation

/// Why a value could not be decoded; `PostgresRow` adds the column and the query.
public struct PostgresDecodingFailure: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }

    static func type(_ type: PostgresType) -> PostgresDecodingFailure {
        PostgresDecodingFailure("unsupported column type \(type)")
    }
}

/// A Swift value that can be read from a column in PostgreSQL's binary format.
public protocol PostgresDecodable {
    static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self
    /// The value for SQL NULL; only `Optional` accepts it.
    static func decodeNull() throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull() throws -> Self {
        throw PostgresDecodingFailure("unexpected NULL (decode as Optional to accept it)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Wrapped? {
        try Wrapped.decode(from: bytes, type: type)
    }
    public static func decodeNull() throws -> Wrapped? { nil }
}

extension UnsafeRawBufferPointer {
    func bigEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int = 0) throws -> T {
        guard offset + MemoryLayout<T>.size <= count else {
            throw PostgresDecodingFailure("truncated value (\(count) bytes)")
        }
        return T(bigEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

extension String: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> String {
        switch type {
        case .text, .varchar, .bpchar, .name, .json, .unspecified:
            return String(decoding: bytes, as: UTF8.self)
        case .jsonb:
            guard bytes.first == 1 else { throw PostgresDecodingFailure("unknown jsonb version") }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)
        case .uuid:
            return try UUID.decode(from: bytes, type: type).uuidString.lowercased()
        default:
            throw PostgresDecodingFailure.type(type)
        }
    }
}

extension Int: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int {
        switch type {
        case .int8: Int(try bytes.bigEndian(Int64.self))
        case .int4: Int(try bytes.bigEndian(Int32.self))
        case .int2: Int(try bytes.bigEndian(Int16.self))
        case .oid: Int(try bytes.bigEndian(UInt32.self))
        default: throw PostgresDecodingFailure.type(type)
        }
    }
}

extension Int64: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int64 {
        Int64(try Int.decode(from: bytes, type: type))
    }
}

extension Int32: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int32 {
        let value = try Int.decode(from: bytes, type: type)
        guard let narrowed = Int32(exactly: value) else { throw PostgresDecodingFailure("\(value) does not fit Int32") }
        return narrowed
    }
}

extension Double: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Double {
        switch type {
        case .float8: Double(bitPattern: try bytes.bigEndian(UInt64.self))
        case .float4: Double(Float(bitPattern: try bytes.bigEndian(UInt32.self)))
        case .int2, .int4, .int8: Double(try Int.decode(from: bytes, type: type))
        case .numeric: NSDecimalNumber(decimal: try Decimal.decode(from: bytes, type: type)).doubleValue
        default: throw PostgresDecodingFailure.type(type)
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Bool {
        guard type == .bool, bytes.count == 1 else { throw PostgresDecodingFailure.type(type) }
        return bytes[0] != 0
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> UUID {
        guard type == .uuid, bytes.count == 16 else { throw PostgresDecodingFailure.type(type) }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: bytes) }
        return UUID(uuid: uuid)
    }
}

extension Date: PostgresDecodable {
    /// `timestamptz` (and `timestamp`, read as UTC), microsecond precision.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Date {
        guard type == .timestamptz || type == .timestamp else { throw PostgresDecodingFailure.type(type) }
        let micros = try bytes.bigEndian(Int64.self)
        guard micros != .max, micros != .min else { throw PostgresDecodingFailure("infinite timestamp") }
        return Date(timeIntervalSince1970: Double(micros + postgresEpochOffsetMicroseconds) / 1_000_000)
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> [UInt8] {
        guard type == .bytea else { throw PostgresDecodingFailure.type(type) }
        return Array(bytes)
    }
}

extension Data: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Data {
        guard type == .bytea else { throw PostgresDecodingFailure.type(type) }
        return Data(bytes)
    }
}

extension PostgresJSON: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> PostgresJSON {
        guard type == .json || type == .jsonb else { throw PostgresDecodingFailure.type(type) }
        return PostgresJSON(text: try String.decode(from: bytes, type: type))
    }

    /// Decodes the document with `JSONDecoder`.
    public func decode<T: Decodable>(_: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(text.utf8))
    }
}

extension PostgresTextArray: PostgresDecodable {
    /// One-dimensional `text[]`/`varchar[]` arrays (empty arrays have zero dimensions).
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> PostgresTextArray {
        guard type == .textArray || type == .varcharArray else { throw PostgresDecodingFailure.type(type) }
        let dimensions = try bytes.bigEndian(Int32.self, at: 0)
        if dimensions == 0 { return PostgresTextArray([String]()) }
        guard dimensions == 1 else { throw PostgresDecodingFailure("\(dimensions)-dimensional array") }
        let count = Int(try bytes.bigEndian(Int32.self, at: 12))
        guard count >= 0, count <= bytes.count / 4 else { throw PostgresDecodingFailure("bad array length \(count)") }
        var elements: [String?] = []
        elements.reserveCapacity(count)
        var offset = 20
        for _ in 0..<count {
            let length = Int(try bytes.bigEndian(Int32.self, at: offset))
            offset += 4
            if length < 0 {
                elements.append(nil)
                continue
            }
            guard offset + length <= bytes.count else { throw PostgresDecodingFailure("truncated array element") }
            elements.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self))
            offset += length
        }
        return PostgresTextArray(elements)
    }

    /// The elements, failing if any is NULL.
    public func nonNull() throws -> [String] {
        try elements.map { element in
            guard let element else { throw PostgresError(.decoding, "NULL element in text array") }
            return element
        }
    }
}
