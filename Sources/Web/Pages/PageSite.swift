import Tenancy

/// What the layout shows of the site a page belongs to: a member's branding, or the
/// platform's neutral one (unknown hosts, console).
public struct PageSite: Sendable {
    public var name: String
    public var tagline: String
    public var primaryColor: String
    public var accentColor: String
    public var hasLogo: Bool

    public init(tenant: Tenant) {
        name = tenant.name
        tagline = tenant.branding.tagline ?? ""
        primaryColor = tenant.branding.primaryColor
        accentColor = tenant.branding.accentColor
        hasLogo = tenant.branding.logoContentType != nil
    }

    init(name: String, tagline: String, primaryColor: String, accentColor: String) {
        self.name = name
        self.tagline = tagline
        self.primaryColor = primaryColor
        self.accentColor = accentColor
        hasLogo = false
    }

    public static let platform = PageSite(
        name: "Mutualis", tagline: "Plate-forme mutualisée de services", primaryColor: "#2b3a55", accentColor: "#e6b450"
    )

    /// The values templates read as `site.*`.
    var templateValues: [String: Any] {
        ["name": name, "tagline": tagline, "primary": primaryColor, "accent": accentColor, "hasLogo": hasLogo]
    }
}
