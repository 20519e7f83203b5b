/// Tells the type of a content from its bytes, fed as they arrive: magic numbers in the first
/// 64 KiB (PDF, PNG, JPEG, TIFF, ZIP and the office formats inside it), and for text, UTF-8
/// validity without NUL over the whole content (CSV when its first lines share a separator,
/// XML, JSON).
public struct MediaSniffer: Sendable {
    static let prefixLimit = 64 * 1024
    private(set) var prefix: [UInt8] = []
    /// UTF-8 decoding state over everything fed: still valid, and the constraints on the next byte.
    private var text = true
    private var pending = 0
    private var nextLow: UInt8 = 0x80
    private var nextHigh: UInt8 = 0xBF

    public init() {}

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        if prefix.count < Self.prefixLimit {
            prefix.append(contentsOf: bytes.prefix(Self.prefixLimit - prefix.count))
        }
        guard text else { return }
        for byte in bytes {
            if pending == 0 {
                switch byte {
                case 0x00: text = false
                case 0x01...0x7F: continue
                case 0xC2...0xDF: pending = 1; (nextLow, nextHigh) = (0x80, 0xBF)
                case 0xE0: pending = 2; (nextLow, nextHigh) = (0xA0, 0xBF)
                case 0xED: pending = 2; (nextLow, nextHigh) = (0x80, 0x9F)
                case 0xE1...0xEF: pending = 2; (nextLow, nextHigh) = (0x80, 0xBF)
                case 0xF0: pending = 3; (nextLow, nextHigh) = (0x90, 0xBF)
                case 0xF4: pending = 3; (nextLow, nextHigh) = (0x80, 0x8F)
                case 0xF1...0xF3: pending = 3; (nextLow, nextHigh) = (0x80, 0xBF)
                default: text = false
                }
            } else {
                guard byte >= nextLow, byte <= nextHigh else { text = false; break }
                pending -= 1
                (nextLow, nextHigh) = (0x80, 0xBF)
            }
            if !text { break }
        }
    }

    /// The type, once everything was fed; nil for an empty content.
    public func result() -> MediaType? {
        let bytes = prefix
        guard !bytes.isEmpty else { return nil }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return Self.zipFamily(bytes) }
        if bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        guard text, pending == 0 else { return .binary }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let start = body.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if start.starts(with: Array("<?xml".utf8)) || (start.first == UInt8(ascii: "<") && start.dropFirst().first.map(Self.isNameStart) == true) {
            return .xml
        }
        if let first = start.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .json }
        return Self.looksLikeCSV(body) ? .csv : .text
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "!") || byte >= 0x80
    }

    /// At least two lines, all (but a last partial one) with the same number (≥ 1) of `;`, `,` or tabs.
    static func looksLikeCSV(_ bytes: ArraySlice<UInt8>) -> Bool {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(20).map { $0.last == 0x0D ? $0.dropLast() : $0 }
        if bytes.count == prefixLimit, lines.count > 1 { lines.removeLast() }
        guard lines.count >= 2 else { return false }
        for separator in [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09] {
            let counts = lines.map { line in line.reduce(0) { $0 + ($1 == separator ? 1 : 0) } }
            if let first = counts.first, first > 0, counts.allSatisfy({ $0 == first }) { return true }
        }
        return false
    }

    /// A ZIP's entries tell an office document: OOXML by its parts (`word/`, `xl/`, `ppt/`
    /// beside `[Content_Types].xml`), ODF by its first entry `mimetype`.
    static func zipFamily(_ bytes: [UInt8]) -> MediaType {
        var names: [String] = []
        var odfType: String?
        var index = 0
        let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        while index + 30 <= bytes.count {
            guard bytes[index..<index + 4].elementsEqual(signature) else { index += 1; continue }
            let method = Int(bytes[index + 8]) | Int(bytes[index + 9]) << 8
            let compressed = Int(bytes[index + 18]) | Int(bytes[index + 19]) << 8 | Int(bytes[index + 20]) << 16 | Int(bytes[index + 21]) << 24
            let nameLength = Int(bytes[index + 26]) | Int(bytes[index + 27]) << 8
            let extraLength = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
            let nameEnd = index + 30 + nameLength
            guard nameEnd <= bytes.count else { break }
            let name = String(decoding: bytes[(index + 30)..<nameEnd], as: UTF8.self)
            if names.isEmpty, name == "mimetype", method == 0 {
                let dataStart = nameEnd + extraLength
                if dataStart + compressed <= bytes.count, compressed < 200 {
                    odfType = String(decoding: bytes[dataStart..<(dataStart + compressed)], as: UTF8.self)
                }
            }
            names.append(name)
            index = nameEnd
        }
        switch odfType {
        case MediaType.odt.rawValue?: return .odt
        case MediaType.ods.rawValue?: return .ods
        case MediaType.odp.rawValue?: return .odp
        default: break
        }
        if names.contains("[Content_Types].xml") {
            if names.contains(where: { $0.hasPrefix("word/") }) { return .docx }
            if names.contains(where: { $0.hasPrefix("xl/") }) { return .xlsx }
            if names.contains(where: { $0.hasPrefix("ppt/") }) { return .pptx }
        }
        return .zip
    }
}
