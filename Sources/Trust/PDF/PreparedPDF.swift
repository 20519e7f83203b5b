/// A PDF with its signature update appended and `/Contents` still zeros: compute the CMS over
/// `signedBytes`, then `embedding(_:)` gives the signed file.
public struct PreparedPDF: Sendable {
    /// The original bytes, unchanged, then the incremental update.
    public let bytes: [UInt8]
    /// `[0, a, b, c]`: the file minus the `/Contents` hex string (its `<` and `>` included).
    public let byteRange: [Int]

    init(bytes: [UInt8], byteRange: [Int]) {
        self.bytes = bytes
        self.byteRange = byteRange
    }

    /// The bytes the signature covers: `bytes[0..<a] + bytes[b..<b+c]`.
    public var signedBytes: [UInt8] {
        Array(bytes[0..<byteRange[1]]) + bytes[byteRange[2]..<(byteRange[2] + byteRange[3])]
    }

    /// The bytes reserved for the DER signature.
    public var contentsCapacity: Int { (byteRange[2] - byteRange[1] - 2) / 2 }

    /// The signed file: `der` in hex at the start of the placeholder, the rest left as zeros,
    /// so the length and the byte range do not move.
    public func embedding(_ der: [UInt8]) throws(PDFSignatureError) -> [UInt8] {
        guard !der.isEmpty else { throw .malformed("signature CMS vide") }
        guard der.count <= contentsCapacity else {
            throw .contentsTooLarge(needed: der.count, capacity: contentsCapacity)
        }
        var output = bytes
        var index = byteRange[1] + 1
        for byte in der {
            let digits = PDFSerializer.hexDigits(byte)
            output[index] = digits[0]
            output[index + 1] = digits[1]
            index += 2
        }
        return output
    }
}
