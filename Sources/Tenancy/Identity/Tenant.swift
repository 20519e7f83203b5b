/// A member of the consortium as the running platform knows it.
///
/// An immutable class rather than a struct: it travels in every request context, through
/// every middleware, and one reference costs less to pass along than a dozen fields.
public final class Tenant: Hashable, Sendable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case commune
        case intercommunality
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case active
        /// Kept with all its data, but not served (503).
        case suspended
    }

    public let slug: TenantSlug
    public let name: String
    public let kind: Kind
    /// INSEE commune code (code officiel géographique); none for an intercommunality.
    public let inseeCode: String?
    public let siren: String
    public let status: Status
    public let hosts: [HostName]
    public let modules: Set<PlatformModule>
    public let branding: Branding
    /// Its time zone (IANA name): the morning digest goes out at 07:30 there.
    public let timeZone: String

    public init(
        slug: TenantSlug, name: String, kind: Kind, inseeCode: String?, siren: String, status: Status,
        hosts: [HostName], modules: Set<PlatformModule>, branding: Branding, timeZone: String = Tenant.defaultTimeZone
    ) {
        self.timeZone = timeZone
        self.slug = slug
        self.name = name
        self.kind = kind
        self.inseeCode = inseeCode
        self.siren = siren
        self.status = status
        self.hosts = hosts
        self.modules = modules
        self.branding = branding
    }

    public static let defaultTimeZone = "Europe/Paris"

    public var id: TenantSlug { slug }
    public var schemaName: SchemaName { slug.schemaName }

    public static func == (lhs: Tenant, rhs: Tenant) -> Bool {
        lhs === rhs || (lhs.slug == rhs.slug && lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.inseeCode == rhs.inseeCode
            && lhs.siren == rhs.siren && lhs.status == rhs.status && lhs.hosts == rhs.hosts && lhs.modules == rhs.modules
            && lhs.branding == rhs.branding && lhs.timeZone == rhs.timeZone)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(slug)
    }
}

/// The modules a member may enable.
public enum PlatformModule: String, Sendable, Codable, CaseIterable, Comparable {
    case news
    case requests
    case billing
    case documentSafe = "document-safe"
    case parapheur
    case procurement
    case archive
    case openData = "open-data"

    public static func < (lhs: PlatformModule, rhs: PlatformModule) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a member's portal looks.
public struct Branding: Hashable, Sendable, Codable {
    /// `#rrggbb`.
    public var primaryColor: String
    public var accentColor: String
    /// A short motto or description shown under the name (French).
    public var tagline: String?
    /// Media type of the logo stored with the member (`image/svg+xml`, `image/png`).
    public var logoContentType: String?

    public init(primaryColor: String, accentColor: String, tagline: String? = nil, logoContentType: String? = nil) {
        self.primaryColor = primaryColor
        self.accentColor = accentColor
        self.tagline = tagline
        self.logoContentType = logoContentType
    }

    static func isColor(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#") && bytes.dropFirst().allSatisfy {
            isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
        }
    }
}
