import Foundation
import Glibc

/// Where a webhook may be delivered: `https` (plain `http` and private addresses only when
/// allowed, for local tests), no credentials in the URL, and a host whose every address, as
/// resolved at delivery time, is public: not loopback, private, link-local, multicast,
/// unspecified, shared (CGNAT), reserved or documentation, IPv4 and IPv6 alike, including
/// IPv4 written inside IPv6 (mapped, NAT64, 6to4). The delivery then connects to the address
/// that was checked (no second resolution an attacker's DNS could answer otherwise), and
/// redirects are not followed.
public struct WebhookTarget: Sendable, Equatable {
    public var url: URL
    public var host: String
    public var port: Int
    public var secure: Bool
    /// The checked address to connect to.
    public var address: String

    /// Checks the URL's form (at subscription time).
    public static func validate(_ text: String, allowPrivate: Bool) throws -> URL {
        guard text.utf8.count <= 2000, let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, let url = components.url
        else { throw WebhookError.refusedTarget("L'adresse n'est pas une URL valable.") }
        guard scheme == "https" || (scheme == "http" && allowPrivate) else {
            throw WebhookError.refusedTarget("L'adresse doit commencer par https://.")
        }
        guard components.user == nil, components.password == nil else {
            throw WebhookError.refusedTarget("L'adresse ne doit pas contenir d'identifiants.")
        }
        guard components.fragment == nil else { throw WebhookError.refusedTarget("L'adresse ne doit pas contenir de fragment (#).") }
        // A literal address is known now (a name is checked when it is resolved, at each delivery).
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if !allowPrivate, let literal = literal(bare), !isPublic(literal) {
            throw WebhookError.refusedTarget("L'adresse \(bare) n'est pas une adresse publique.")
        }
        return url
    }

    /// Resolves and checks the target (at delivery time).
    public static func resolve(_ url: URL, allowPrivate: Bool) throws -> WebhookTarget {
        _ = try validate(url.absoluteString, allowPrivate: allowPrivate)
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false), let rawHost = components.host else {
            throw WebhookError.refusedTarget("L'adresse n'est pas une URL valable.")
        }
        let host = rawHost.hasPrefix("[") ? String(rawHost.dropFirst().dropLast()) : rawHost
        let secure = components.scheme?.lowercased() == "https"
        let port = components.port ?? (secure ? 443 : 80)
        let addresses = try addresses(of: host)
        guard let first = addresses.first else { throw WebhookError.refusedTarget("Le nom \(host) ne se résout en aucune adresse.") }
        if !allowPrivate, let refused = addresses.first(where: { !isPublic($0) }) {
            throw WebhookError.refusedTarget("L'adresse \(host) mène à \(text(of: refused)), qui n'est pas une adresse publique.")
        }
        return WebhookTarget(url: url, host: host, port: port, secure: secure, address: text(of: first))
    }

    /// Every address of a name (or the literal itself), 4 or 16 bytes each.
    static func addresses(of host: String) throws -> [[UInt8]] {
        if let literal = literal(host) { return [literal] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else {
            throw WebhookError.refusedTarget("Le nom \(host) ne se résout pas.")
        }
        defer { freeaddrinfo(first) }
        var found: [[UInt8]] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                if entry.pointee.ai_family == AF_INET {
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { found.append(withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }) }
                } else if entry.pointee.ai_family == AF_INET6 {
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { found.append(withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }) }
                }
            }
            cursor = entry.pointee.ai_next
        }
        var unique: [[UInt8]] = []
        for address in found where !unique.contains(address) { unique.append(address) }
        return unique
    }

    static func literal(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: v6) { Array($0) } }
        return nil
    }

    /// Whether an address is one of the public Internet's.
    static func isPublic(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 { return isPublicV4(bytes) }
        guard bytes.count == 16 else { return false }
        // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96).
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && ((bytes[10] == 0xFF && bytes[11] == 0xFF) || (bytes[10] == 0 && bytes[11] == 0)) {
            return isPublicV4(Array(bytes[12...]))
        }
        if bytes[0] == 0x00, bytes[1] == 0x64, bytes[2] == 0xFF, bytes[3] == 0x9B { return isPublicV4(Array(bytes[12...])) }
        // 6to4 (2002:V4ADDR::/48).
        if bytes[0] == 0x20, bytes[1] == 0x02 { return isPublicV4(Array(bytes[2..<6])) }
        if bytes[0] & 0xFE == 0xFC { return false }  // unique local fc00::/7
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return false }  // link-local fe80::/10
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0xC0 { return false }  // site-local fec0::/10
        if bytes[0] == 0xFF { return false }  // multicast
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x0D, bytes[3] == 0xB8 { return false }  // documentation
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x00, bytes[3] == 0x00 { return false }  // Teredo
        return bytes[0] & 0xE0 == 0x20  // global unicast 2000::/3
    }

    static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false  // this network, private, loopback
        case (100, 64...127): return false  // shared (CGNAT)
        case (169, 254): return false  // link-local (cloud metadata)
        case (172, 16...31): return false
        case (192, 168): return false
        case (192, 0) where b[2] == 0 || b[2] == 2: return false  // IETF, documentation
        case (198, 18...19): return false  // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return false  // documentation
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }

    static func text(of bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = bytes.withUnsafeBytes { inet_ntop(bytes.count == 4 ? AF_INET : AF_INET6, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
