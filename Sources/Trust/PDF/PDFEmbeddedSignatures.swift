/// The CMS (or timestamp tokens) embedded in a PDF's signature dictionaries, read from the gap
/// each `/ByteRange` leaves (the `/Contents` hex string), in file order.
public enum PDFEmbeddedSignatures {
    public static func contents(of pdf: [UInt8]) -> [[UInt8]] {
        let marker = Array("/ByteRange".utf8)
        var results: [[UInt8]] = []
        var index = 0
        while index + marker.count < pdf.count {
            guard pdf[index] == marker[0], Array(pdf[index..<(index + marker.count)]) == marker else {
                index += 1
                continue
            }
            index += marker.count
            // [a b c d]
            var numbers: [Int] = []
            var current: Int?
            while index < pdf.count, numbers.count < 4 {
                let byte = pdf[index]
                if byte >= 48 && byte <= 57 {
                    current = (current ?? 0) * 10 + Int(byte - 48)
                } else if let value = current {
                    numbers.append(value)
                    current = nil
                }
                if byte == UInt8(ascii: "]") { break }
                index += 1
            }
            guard numbers.count == 4, numbers[1] < numbers[2], numbers[2] <= pdf.count, numbers[1] >= 0 else { continue }
            let hex = pdf[numbers[1]..<numbers[2]].filter { $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(hex.count / 2)
            var iterator = hex.makeIterator()
            while let high = iterator.next(), let low = iterator.next() {
                guard let h = nibble(high), let l = nibble(low) else { break }
                bytes.append(h << 4 | l)
            }
            // Trailing zeros of the placeholder are padding.
            results.append(trimmed(bytes))
        }
        return results
    }

    static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    /// The DER value's own length (the placeholder is zero-padded after it).
    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x30 else { return bytes }
        let first = Int(bytes[1])
        if first < 0x80 { return Array(bytes.prefix(2 + first)) }
        let count = first & 0x7f
        guard count <= 4, bytes.count >= 2 + count else { return bytes }
        let length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
        return Array(bytes.prefix(min(bytes.count, 2 + count + length)))
    }
}
