/// A DNS host name as it arrives in a `Host` header, normalised: lowercase, no port, no
/// trailing dot. Anything that is not a plausible host name (quotes, spaces, `;`, `/`, more
/// than 253 bytes, empty labels) is refused, so it can never reach a query or a path.
public struct HostName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Parses a `Host` header value (`amiens.localhost:8080`).
    public init(header: String) throws(TenancyError) {
        var text = Substring(header)
        if let colon = text.lastIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            guard !port.isEmpty, port.count <= 5, port.utf8.allSatisfy(isDigit), Int(port)! <= 65535 else {
                throw .invalidHost(String(header.prefix(80)))
            }
            text = text[..<colon]
        }
        try self.init(String(text))
    }

    /// Validates a bare host name (no port).
    public init(_ name: String) throws(TenancyError) {
        var text = name
        if text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) { text = text.lowercased() }
        if text.utf8.last == UInt8(ascii: ".") { text.removeLast() }
        guard Self.isValid(text) else { throw .invalidHost(String(name.prefix(80))) }
        rawValue = text
    }

    /// Labels of 1 to 63 characters of `[a-z0-9-]`, not starting or ending with `-`, joined by
    /// dots, 253 characters at most. Checked in one pass, without allocating.
    static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labelLength = 0
            } else {
                guard isLowercaseLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") else { return false }
                if labelLength == 0 && byte == UInt8(ascii: "-") { return false }
                labelLength += 1
                guard labelLength <= 63 else { return false }
            }
            previous = byte
        }
        return labelLength > 0 && previous != UInt8(ascii: "-")
    }

    public var description: String { rawValue }
}
