import Foundation

/// A member as declared in `Tenants/<slug>.yaml`, validated.
public struct TenantManifest: Sendable, Equatable {
    public var tenant: Tenant
    /// The logo file's bytes, if the member has one.
    public var logo: [UInt8]?
    /// Content seeded into a demo installation (`mutualis tenants sync --demo-content`).
    public var demoNews: [DemoNewsItem]
    /// Fingerprint of the declaration (YAML + logo): a change means the member must be updated.
    public var checksum: String

    public init(tenant: Tenant, logo: [UInt8]?, demoNews: [DemoNewsItem], checksum: String) {
        self.tenant = tenant
        self.logo = logo
        self.demoNews = demoNews
        self.checksum = checksum
    }
}

/// A news item shipped with a demo member.
public struct DemoNewsItem: Sendable, Equatable, Codable {
    public var title: String
    public var summary: String
    public var body: String
    /// `YYYY-MM-DD`.
    public var published: String
}

/// The YAML shape of `Tenants/<slug>.yaml` (keys in snake_case).
struct TenantManifestFile: Codable {
    struct BrandingFile: Codable {
        var primaryColor: String
        var accentColor: String
        var tagline: String?
        var logo: String?

        enum CodingKeys: String, CodingKey {
            case primaryColor = "primary_color"
            case accentColor = "accent_color"
            case tagline
            case logo
        }
    }

    struct DemoFile: Codable {
        var news: [DemoNewsItem]?
    }

    var slug: String
    var name: String
    var kind: String
    var insee: String?
    var siren: String
    var hosts: [String]?
    var modules: [String]
    var branding: BrandingFile
    var demo: DemoFile?

    static let topLevelKeys: Set<String> = ["slug", "name", "kind", "insee", "siren", "hosts", "modules", "branding", "demo"]
    static let brandingKeys: Set<String> = ["primary_color", "accent_color", "tagline", "logo"]
}
