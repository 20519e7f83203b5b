import Foundation

/// The proxies (CIDR blocks, `MUTUALIS_TRUSTED_PROXIES`) whose forwarding headers are believed.
///
/// The client's address is the TCP peer's, unless that peer is a trusted proxy: then it is the
/// rightmost address of the forwarding chain (`Forwarded` `for=` parameters, else
/// `X-Forwarded-For`) that is not itself a trusted proxy. Addresses to the left of it were
/// written by the client and prove nothing. With no trusted proxy, headers are ignored.
public struct TrustedProxies: Sendable, Equatable {
    public struct Block: Sendable, Equatable {
        var address: [UInt8]
        var prefix: Int

        func contains(_ candidate: [UInt8]) -> Bool {
            guard candidate.count == address.count else { return false }
            var bits = prefix
            for (left, right) in zip(address, candidate) {
                if bits <= 0 { return true }
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if left & mask != right & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    public let blocks: [Block]

    public static let none = TrustedProxies(blocks: [])

    init(blocks: [Block]) {
        self.blocks = blocks
    }

    /// `10.0.0.0/8, 192.168.1.7, fd00::/8`: comma- or space-separated blocks.
    public init(parsing text: String) throws {
        var blocks: [Block] = []
        for item in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !item.isEmpty {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let address = Self.bytes(String(parts[0])) else { throw Invalid(text: String(item)) }
            let maximum = address.count * 8
            let prefix = parts.count == 2 ? Int(parts[1]) : maximum
            guard let prefix, (0...maximum).contains(prefix) else { throw Invalid(text: String(item)) }
            blocks.append(Block(address: address, prefix: prefix))
        }
        self.blocks = blocks
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var text: String
        public var description: String { "\(text) is not an IP address or CIDR block" }
    }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return blocks.contains { $0.contains(bytes) }
    }

    /// The client's address, from the peer and the request's forwarding headers.
    public func clientAddress(peer: String?, forwarded: [String], forwardedFor: [String]) -> String? {
        guard let peer, !blocks.isEmpty, trusts(peer) else { return peer }
        let chain = forwarded.isEmpty ? Self.forwardedForChain(forwardedFor) : Self.forwardedChain(forwarded)
        var client = peer
        for hop in chain.reversed() {
            // An unparsable hop (obfuscated, garbage): the last address we could verify stands.
            guard let normalised = Self.normalised(hop) else { return client }
            client = normalised
            if !trusts(normalised) { return normalised }
        }
        return client
    }

    /// `X-Forwarded-For: a, b` (several fields concatenate).
    static func forwardedForChain(_ fields: [String]) -> [String] {
        fields.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// RFC 7239 `Forwarded: for=a;proto=https, for="[2001:db8::1]:4711"`: the `for` of each element.
    static func forwardedChain(_ fields: [String]) -> [String] {
        fields.flatMap { $0.split(separator: ",") }.map { element in
            for pair in element.split(separator: ";") {
                let keyValue = pair.split(separator: "=", maxSplits: 1)
                guard keyValue.count == 2, keyValue[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" else { continue }
                return keyValue[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return ""
        }
    }

    /// An address as written in a header (`[v6]:port`, `v4:port`, bare) in canonical text.
    static func normalised(_ text: String) -> String? {
        var candidate = Substring(text)
        if candidate.hasPrefix("["), let close = candidate.firstIndex(of: "]") {
            candidate = candidate[candidate.index(after: candidate.startIndex)..<close]
        } else if candidate.filter({ $0 == ":" }).count == 1, let colon = candidate.firstIndex(of: ":") {
            candidate = candidate[..<colon]  // v4:port
        }
        guard let bytes = bytes(String(candidate)) else { return nil }
        return Self.text(of: bytes)
    }

    /// 4 bytes for IPv4 (and IPv4-mapped IPv6), 16 for IPv6.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: v4.s_addr) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }

    static func text(of bytes: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
