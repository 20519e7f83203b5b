/// Finds a name given twice in one JSON object (`{"title": "a", "title": "b"}`).
///
/// RFC 8259 leaves the meaning of such an object to each parser; Foundation keeps the last
/// value silently, so a proxy or a log that reads the first would disagree with what the
/// platform stored. The API refuses them instead. Names are compared after unescaping
/// (`"\u0074itle"` is `"title"`) as Swift strings, that is up to canonical equivalence, as the
/// decoder's keys are. The text must already be valid JSON (decoded first).
enum JSONDuplicateKeys {
    private struct Level {
        var isObject: Bool
        var names: Set<String> = []
        var expectsName: Bool
    }

    static func first(in bytes: [UInt8]) -> String? {
        var levels: [Level] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                levels.append(Level(isObject: true, expectsName: true))
            case UInt8(ascii: "["):
                levels.append(Level(isObject: false, expectsName: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !levels.isEmpty { levels.removeLast() }
            case UInt8(ascii: ","):
                if let last = levels.indices.last, levels[last].isObject { levels[last].expectsName = true }
            case UInt8(ascii: "\""):
                let (text, end) = string(in: bytes, at: index)
                if let last = levels.indices.last, levels[last].isObject, levels[last].expectsName {
                    guard levels[last].names.insert(text).inserted else { return text }
                    levels[last].expectsName = false
                }
                index = end
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The string starting at the quote at `start`, unescaped, and the index after its closing quote.
    private static func string(in bytes: [UInt8], at start: Int) -> (String, Int) {
        var utf8: [UInt8] = []
        var scalars = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        var index = start + 1
        func flushUTF8() {
            if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8.removeAll() }
        }
        func append(_ value: UInt32) {
            flushUTF8()
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                if let high = pendingHigh { append(high); pendingHigh = nil }
                utf8.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            if escaped == UInt8(ascii: "u"), index + 5 < bytes.count,
               let code = UInt32(String(decoding: bytes[(index + 2)...(index + 5)], as: UTF8.self), radix: 16) {
                index += 6
                if (0xD800...0xDBFF).contains(code) {
                    if let high = pendingHigh { append(high) }
                    pendingHigh = code
                } else if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                    append(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                    pendingHigh = nil
                } else {
                    if let high = pendingHigh { append(high); pendingHigh = nil }
                    append(code)
                }
                continue
            }
            if let high = pendingHigh { append(high); pendingHigh = nil }
            switch escaped {
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            default: utf8.append(escaped)  // \" \\ \/
            }
            index += 2
        }
        if let high = pendingHigh { append(high) }
        flushUTF8()
        return (String(scalars), index + 1)
    }
}
