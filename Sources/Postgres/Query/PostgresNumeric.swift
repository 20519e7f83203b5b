import Foundation

/// `numeric` in binary form: base-10000 digits, a weight, a sign and a display scale.
/// Decoded through its exact decimal text, never through floating point.
enum PostgresNumeric {
    static func text(from bytes: UnsafeRawBufferPointer) throws -> String {
        let count = Int(try bytes.bigEndian(Int16.self, at: 0))
        let weight = Int(try bytes.bigEndian(Int16.self, at: 2))
        let sign = try bytes.bigEndian(UInt16.self, at: 4)
        let scale = Int(try bytes.bigEndian(UInt16.self, at: 6))
        switch sign {
        case 0x0000, 0x4000: break
        case 0xC000: throw PostgresDecodingFailure("numeric NaN")
        default: throw PostgresDecodingFailure("infinite numeric")
        }
        guard count >= 0, bytes.count == 8 + 2 * count else { throw PostgresDecodingFailure("malformed numeric") }
        var digits: [Int] = []
        digits.reserveCapacity(count)
        for index in 0..<count {
            digits.append(Int(try bytes.bigEndian(Int16.self, at: 8 + 2 * index)))
        }
        func digit(_ index: Int) -> Int { index >= 0 && index < count ? digits[index] : 0 }
        func padded(_ value: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: 4 - text.count) + text
        }

        var text = sign == 0x4000 ? "-" : ""
        if weight < 0 {
            text += "0"
        } else {
            text += String(digit(0))
            if weight >= 1 {
                for index in 1...weight { text += padded(digit(index)) }
            }
        }
        if scale > 0 {
            var fraction = ""
            var index = weight + 1
            while fraction.count < scale {
                fraction += padded(digit(index))
                index += 1
            }
            text += "." + fraction.prefix(scale)
        }
        return text
    }
}

extension Decimal: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Decimal {
        switch type {
        case .numeric:
            let text = try PostgresNumeric.text(from: bytes)
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw PostgresDecodingFailure("numeric \(text) does not fit Decimal")
            }
            return value
        case .int2, .int4, .int8:
            return Decimal(try Int.decode(from: bytes, type: type))
        default:
            throw PostgresDecodingFailure.type(type)
        }
    }
}
