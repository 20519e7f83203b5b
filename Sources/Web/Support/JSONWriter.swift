import Foundation
import HTTPTypes
import Hummingbird
import Postgres

/// Writes JSON straight into bytes, for the API's hot responses (Foundation's `JSONEncoder`
/// costs several microseconds per small object). Commas are placed automatically.
///
///     var json = JSONWriter()
///     json.beginObject()
///     json.field("id", 3)
///     json.field("title", "Conseil municipal")
///     json.endObject()
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Per open container: whether a value has been written in it yet.
    private var hasValue: [Bool] = []

    public init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { prepareValue(); bytes.append(UInt8(ascii: "{")); hasValue.append(false) }
    public mutating func endObject() { hasValue.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { prepareValue(); bytes.append(UInt8(ascii: "[")); hasValue.append(false) }
    public mutating func endArray() { hasValue.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes a key; the next value written is its value.
    public mutating func key(_ key: String) {
        prepareValue()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        // The value that follows must not add a comma.
        hasValue[hasValue.count - 1] = false
        pendingKey = true
    }

    private var pendingKey = false

    public mutating func value(_ text: String) { prepareValue(); writeString(text) }
    public mutating func value(_ number: Int) { prepareValue(); bytes.append(contentsOf: String(number).utf8) }
    public mutating func value(_ flag: Bool) { prepareValue(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
    public mutating func null() { prepareValue(); bytes.append(contentsOf: "null".utf8) }
    mutating func appendRaw(_ json: [UInt8]) { prepareValue(); bytes.append(contentsOf: json) }
    /// A number given as text, written as a JSON number when it is one (`-12.50`, `3e5`), else
    /// as a string: a decimal keeps its digits, no `Double` rounding.
    public mutating func number(_ text: String) {
        if Self.isJSONNumber(text) { appendRaw(Array(text.utf8)) } else { value(text) }
    }

    /// RFC 8259's number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    public static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 48 && $0 <= 57 }.count
            bytes.removeFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        guard let first = bytes.first, first >= 48 && first <= 57 else { return false }
        if first == UInt8(ascii: "0") { bytes.removeFirst() } else { _ = digits() }
        if bytes.first == UInt8(ascii: ".") {
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
    /// An RFC 3339 UTC timestamp, to the second (`2026-11-25T08:00:00Z`).
    public mutating func value(_ date: Date) { prepareValue(); writeTimestamp(date) }

    public mutating func field(_ name: String, _ text: String) { key(name); value(text) }
    public mutating func field(_ name: String, _ text: String?) { key(name); if let text { value(text) } else { null() } }
    public mutating func field(_ name: String, _ number: Int) { key(name); value(number) }
    public mutating func field(_ name: String, _ flag: Bool) { key(name); value(flag) }
    public mutating func field(_ name: String, _ date: Date) { key(name); value(date) }

    /// The bytes as a JSON response.
    public func response(status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private mutating func prepareValue() {
        if pendingKey {
            pendingKey = false
            if !hasValue.isEmpty { hasValue[hasValue.count - 1] = true }
            return
        }
        guard !hasValue.isEmpty else { return }
        if hasValue[hasValue.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasValue[hasValue.count - 1] = true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// RFC 8259 string escaping: quotes, backslashes and control characters.
    /// Copies runs of bytes that need no escaping in one go (most text has none).
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                writeEscape(byte)
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        }
    }

    static func timestamp(_ date: Date) -> String {
        var writer = JSONWriter(capacity: 24)
        writer.writeTimestamp(date)
        return String(decoding: writer.bytes.dropFirst().dropLast(), as: UTF8.self)
    }

    private mutating func writeTimestamp(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let calendarDate = PostgresDate(daysSince1970: days)
        let (year, month, day) = (min(9999, max(0, calendarDate.year)), calendarDate.month, calendarDate.day)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        bytes.append(UInt8(ascii: "\""))
        digits(year, 4); bytes.append(UInt8(ascii: "-")); digits(month, 2); bytes.append(UInt8(ascii: "-")); digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2); bytes.append(UInt8(ascii: ":")); digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":")); digits(secondOfDay % 60, 2)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter {
    /// A value already serialised as JSON (a `jsonb` column's text), written as it is.
    public mutating func raw(_ json: [UInt8]) {
        appendRaw(json)
    }
}
