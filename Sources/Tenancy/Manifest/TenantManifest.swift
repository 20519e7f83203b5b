import Foundation

/// A member as declared in `Tenants/<slug>.yaml`, validated.
public struct TenantManifest: Sendable, Equatable {
    public var tenant: Tenant
    /// The logo file's bytes, if the member has one.
    public var logo: [UInt8]?
    /// Content seeded into a demo installation (`mutualis tenants sync --demo-content`), per module.
    public var demo: DemoContent
    /// Fingerprint of the declaration (YAML + logo): a change means the member must be updated.
    public var checksum: String

    public init(tenant: Tenant, logo: [UInt8]?, demo: DemoContent = .empty, checksum: String) {
        self.tenant = tenant
        self.logo = logo
        self.demo = demo
        self.checksum = checksum
    }
}

/// The YAML shape of `Tenants/<slug>.yaml` (keys in snake_case), before validation.
public struct TenantManifestFile: Codable, Sendable {
    public struct BrandingFile: Codable, Sendable {
        public var primaryColor: String
        public var accentColor: String
        public var tagline: String?
        /// Path of the logo, relative to the folder of the declarations.
        public var logo: String?

        public init(primaryColor: String, accentColor: String, tagline: String? = nil, logo: String? = nil) {
            self.primaryColor = primaryColor
            self.accentColor = accentColor
            self.tagline = tagline
            self.logo = logo
        }

        enum CodingKeys: String, CodingKey {
            case primaryColor = "primary_color"
            case accentColor = "accent_color"
            case tagline
            case logo
        }
    }

    public var slug: String
    public var name: String
    public var kind: String
    public var insee: String?
    public var siren: String
    public var hosts: [String]?
    public var modules: [String]
    public var branding: BrandingFile
    /// IANA name; Europe/Paris when absent.
    public var timeZone: String?

    public init(
        slug: String, name: String, kind: String, insee: String?, siren: String, hosts: [String],
        modules: [String], branding: BrandingFile
    ) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.insee = insee
        self.siren = siren
        self.hosts = hosts
        self.modules = modules
        self.branding = branding
    }

    enum CodingKeys: String, CodingKey {
        // `demo` is read apart, section by section (`DemoContent`).
        case slug, name, kind, insee, siren, hosts, modules, branding
        case timeZone = "time_zone"
    }

    static let topLevelKeys: Set<String> = ["slug", "name", "kind", "insee", "siren", "hosts", "modules", "branding", "time_zone", "demo"]
    static let brandingKeys: Set<String> = ["primary_color", "accent_color", "tagline", "logo"]
}
