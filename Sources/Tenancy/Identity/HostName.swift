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
        var text = name.lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        guard Self.isValid(text) else { throw .invalidHost(String(name.prefix(80))) }
        rawValue = text
    }

    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63,
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    /// The first label (`amiens` in `amiens.localhost`) and the rest, if any.
    public var firstLabelAndParent: (label: String, parent: String)? {
        guard let dot = rawValue.firstIndex(of: ".") else { return nil }
        return (String(rawValue[..<dot]), String(rawValue[rawValue.index(after: dot)...]))
    }

    public var description: String { rawValue }
}
