/// The absolute addresses the platform writes into mail and redirects: built from the
/// configuration (`MUTUALIS_PUBLIC_SCHEME`, `MUTUALIS_PUBLIC_PORT`, the base domain), never from
/// a request's `Host` header, which a client chooses.
public struct PublicAddresses: Sendable, Equatable {
    public var scheme: String
    /// Omitted from links when nil (the scheme's default port).
    public var port: Int?
    public var baseDomain: HostName

    public init(scheme: String, port: Int?, baseDomain: HostName) {
        self.scheme = scheme
        self.port = port
        self.baseDomain = baseDomain
    }

    private var portSuffix: String { port.map { ":\($0)" } ?? "" }

    /// `https://amiens.<base domain>`: a member's portal (its platform host name, which the
    /// wildcard certificate always covers).
    public func portal(_ slug: TenantSlug) -> String {
        "\(scheme)://\(slug.rawValue).\(baseDomain.rawValue)\(portSuffix)"
    }

    /// `https://admin.<base domain>`: the consortium's console.
    public var console: String {
        "\(scheme)://admin.\(baseDomain.rawValue)\(portSuffix)"
    }
}
