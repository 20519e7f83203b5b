/// Who answers which host: an immutable snapshot of the members, looked up on every request.
public struct TenantDirectory: Sendable {
    /// Result of resolving a `Host` header.
    public enum Resolution: Sendable, Equatable {
        case tenant(Tenant)
        /// The consortium's console host (`admin.<base domain>`).
        case console
        /// A well-formed host nobody declared.
        case unknown(HostName)
        /// Not a host name at all (or one that tries to be something else).
        case malformed
    }

    public let baseDomain: HostName
    public let consoleHost: HostName
    private let bySlug: [TenantSlug: Tenant]
    private let byHost: [HostName: TenantSlug]

    public init(tenants: [Tenant], baseDomain: HostName) {
        self.baseDomain = baseDomain
        self.consoleHost = try! HostName("admin.\(baseDomain.rawValue)")
        var bySlug: [TenantSlug: Tenant] = [:]
        var byHost: [HostName: TenantSlug] = [:]
        for tenant in tenants {
            bySlug[tenant.slug] = tenant
            // `<slug>.<base domain>` first, so that a declared host can never shadow it...
            if let implicit = try? HostName("\(tenant.slug.rawValue).\(baseDomain.rawValue)") { byHost[implicit] = tenant.slug }
        }
        for tenant in tenants {
            // ...and declared hosts only where no slug host exists.
            for host in tenant.hosts where byHost[host] == nil { byHost[host] = tenant.slug }
        }
        self.bySlug = bySlug
        self.byHost = byHost
    }

    public var tenants: [Tenant] { bySlug.values.sorted { $0.slug < $1.slug } }
    public var activeTenants: [Tenant] { tenants.filter { $0.status == .active } }

    public func tenant(_ slug: TenantSlug) -> Tenant? { bySlug[slug] }

    /// Resolves a raw `Host` header: a declared host first, then `<slug>.<base domain>`.
    public func resolve(hostHeader: String?) -> Resolution {
        guard let hostHeader, let host = try? HostName(header: hostHeader) else { return .malformed }
        return resolve(host)
    }

    /// One dictionary lookup: `<slug>.<base domain>` and declared hosts are all precomputed.
    public func resolve(_ host: HostName) -> Resolution {
        if host == consoleHost { return .console }
        if let slug = byHost[host], let tenant = bySlug[slug] { return .tenant(tenant) }
        return .unknown(host)
    }

    /// The address of a member's portal, e.g. `http://amiens.localhost:8080`.
    public func defaultHost(of slug: TenantSlug) -> String { "\(slug.rawValue).\(baseDomain.rawValue)" }
}

/// Where the web layer reads the current members from (live in the server, fixed in tests).
public protocol TenantDirectorySource: Sendable {
    var current: TenantDirectory { get }
}

/// A directory that never changes.
public struct StaticTenantDirectory: TenantDirectorySource {
    public let current: TenantDirectory
    public init(_ directory: TenantDirectory) { current = directory }
}
