import Foundation

/// A Swift value that can be sent as a statement parameter.
public protocol PostgresEncodable: Sendable {
    static var postgresType: PostgresType { get }
    static var postgresFormat: PostgresFormat { get }
    /// Appends the value's wire form (in `postgresFormat`) to `buffer`.
    func encode(into buffer: inout [UInt8])
}

extension PostgresEncodable {
    public static var postgresFormat: PostgresFormat { .binary }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

extension String: PostgresEncodable {
    public static var postgresType: PostgresType { .text }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
}

extension Substring: PostgresEncodable {
    public static var postgresType: PostgresType { .text }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
}

extension Int: PostgresEncodable {
    public static var postgresType: PostgresType { .int8 }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(Int64(self)) }
}

extension Int64: PostgresEncodable {
    public static var postgresType: PostgresType { .int8 }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
}

extension Int32: PostgresEncodable {
    public static var postgresType: PostgresType { .int4 }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
}

extension Int16: PostgresEncodable {
    public static var postgresType: PostgresType { .int2 }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
}

extension Double: PostgresEncodable {
    public static var postgresType: PostgresType { .float8 }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(bitPattern) }
}

extension Bool: PostgresEncodable {
    public static var postgresType: PostgresType { .bool }
    public func encode(into buffer: inout [UInt8]) { buffer.append(self ? 1 : 0) }
}

extension UUID: PostgresEncodable {
    public static var postgresType: PostgresType { .uuid }
    public func encode(into buffer: inout [UInt8]) {
        Swift.withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) }
    }
}

/// Microseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01 (UTC).
let postgresEpochOffsetMicroseconds: Int64 = 946_684_800_000_000

extension Date: PostgresEncodable {
    public static var postgresType: PostgresType { .timestamptz }
    /// A date beyond what 64-bit microseconds hold (or NaN) is sent as PostgreSQL's
    /// `infinity`/`-infinity` rather than trapping; callers validate ranges they care about.
    public func encode(into buffer: inout [UInt8]) {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded(.toNearestOrEven) - Double(postgresEpochOffsetMicroseconds)
        guard micros.isFinite, micros > -9.2e18, micros < 9.2e18 else {
            buffer.appendBigEndian(micros < 0 ? Int64.min : Int64.max)
            return
        }
        buffer.appendBigEndian(Int64(micros))
    }
}

extension Decimal: PostgresEncodable {
    public static var postgresType: PostgresType { .numeric }
    public static var postgresFormat: PostgresFormat { .text }
    public func encode(into buffer: inout [UInt8]) {
        // `description` is locale-independent ("12.5", "-0.001").
        buffer.append(contentsOf: description.utf8)
    }
}

/// Binary data, sent and received as `bytea`.
extension Array: PostgresEncodable where Element == UInt8 {
    public static var postgresType: PostgresType { .bytea }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: self) }
}

extension Data: PostgresEncodable {
    public static var postgresType: PostgresType { .bytea }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: self) }
}

/// A JSON document (`jsonb`) given as its UTF-8 text.
public struct PostgresJSON: PostgresEncodable, Hashable {
    public var text: String
    public init(text: String) { self.text = text }

    /// Encodes an `Encodable` value with `JSONEncoder` (sorted keys, so equal values compare equal).
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static var postgresType: PostgresType { .jsonb }
    public static var postgresFormat: PostgresFormat { .text }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: text.utf8) }
}

/// `text[]` in PostgreSQL's binary array format (one dimension, lower bound 1).
/// A wrapper, because `[UInt8]` already binds as `bytea` and an array type can conform only once.
public struct PostgresTextArray: PostgresEncodable, Hashable {
    public var elements: [String?]
    public init(_ elements: [String?]) { self.elements = elements }
    public init(_ elements: [String]) { self.elements = elements }

    public static var postgresType: PostgresType { .textArray }
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(Int32(1))  // dimensions
        buffer.appendBigEndian(Int32(elements.contains(nil) ? 1 : 0))  // has nulls
        buffer.appendBigEndian(PostgresType.text.rawValue)
        buffer.appendBigEndian(Int32(elements.count))
        buffer.appendBigEndian(Int32(1))  // lower bound
        for element in elements {
            if let element {
                let utf8 = Array(element.utf8)
                buffer.appendBigEndian(Int32(utf8.count))
                buffer.append(contentsOf: utf8)
            } else {
                buffer.appendBigEndian(Int32(-1))
            }
        }
    }
}

/// `int8[]` in binary array format, for `WHERE id = ANY($1)` over many rows at once.
public struct PostgresInt8Array: PostgresEncodable, Hashable {
    public var elements: [Int]
    public init(_ elements: [Int]) { self.elements = elements }

    public static var postgresType: PostgresType { .int8Array }
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(Int32(1))
        buffer.appendBigEndian(Int32(0))
        buffer.appendBigEndian(PostgresType.int8.rawValue)
        buffer.appendBigEndian(Int32(elements.count))
        buffer.appendBigEndian(Int32(1))
        for element in elements {
            buffer.appendBigEndian(Int32(8))
            buffer.appendBigEndian(Int64(element))
        }
    }
}
