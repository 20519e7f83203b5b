import Cryptography
import HTTPTypes
import Hummingbird
import Synchronization
import Tenancy
import TenantStore

/// `/assets/logo`: the member's logo from `platform.tenants`, cached in memory and by clients.
public final class LogoRoutes: Sendable {
    struct Entry: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var etag: String
        var loadedAt: ContinuousClock.Instant
    }

    private let registry: TenantRegistry
    private let cache = Mutex<[TenantSlug: Entry]>([:])
    private let lifetime: Duration = .seconds(60)

    public init(registry: TenantRegistry) {
        self.registry = registry
    }

    public func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/assets/logo", .public) { [self] request, context in
            guard let entry = try await entry(for: context.tenant.slug) else { throw WebError.notFound("Cette commune n'a pas de logo.") }
            if request.headers[.ifNoneMatch] == entry.etag {
                return Response(status: .notModified, headers: [.eTag: entry.etag])
            }
            return Response(
                status: .ok,
                headers: [.contentType: entry.contentType, .eTag: entry.etag, .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: entry.bytes))
            )
        }
    }

    private func entry(for slug: TenantSlug) async throws -> Entry? {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0[slug] }), now - cached.loadedAt < lifetime { return cached }
        guard let logo = try await registry.logo(slug) else { return nil }
        let etag = "\"" + Hex.encode(try Digest.sha256(logo.bytes).prefix(16)) + "\""
        let entry = Entry(bytes: logo.bytes, contentType: logo.contentType, etag: etag, loadedAt: now)
        cache.withLock { $0[slug] = entry }
        return entry
    }
}
