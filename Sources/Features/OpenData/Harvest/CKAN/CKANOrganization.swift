import Cryptography
import Foundation
import Tenancy
import Web

/// A member as a CKAN organisation (what `organization_list`, `organization_show` and each
/// package's `organization` give): its slug as `name`, a stable UUID as `id`.
struct CKANOrganization: Sendable {
    let member: HarvestSource.Member
    let packageCount: Int
    /// Its first dataset's creation (CKAN dates every object).
    let created: Date

    var id: String { CKANOrganization.uuid(member.portal) }
    var name: String { member.tenant.slug.rawValue }

    func matches(_ text: String) -> Bool { text == id || text == name }

    func write(into json: inout JSONWriter, withCount: Bool = true, packages: [CKANPackage]? = nil) {
        json.beginObject()
        json.field("id", id)
        json.field("name", name)
        json.field("title", member.tenant.name)
        json.field("display_name", member.tenant.name)
        json.field("description", member.tenant.branding.tagline ?? "Données ouvertes de \(member.tenant.name)")
        json.field("created", CKANDates.format(created))
        json.field("revision_timestamp", CKANDates.format(created))
        json.field("revision_id", id)
        json.field("image_url", "\(member.portal)/assets/logo")
        json.field("image_display_url", "\(member.portal)/assets/logo")
        json.field("is_organization", true)
        json.field("state", "active")
        json.field("type", "organization")
        json.field("approval_status", "approved")
        if withCount { json.field("package_count", packageCount) }
        if let packages {
            json.key("packages")
            json.beginArray()
            for package in packages { package.write(into: &json) }
            json.endArray()
        }
        json.endObject()
    }

    /// A stable UUID for a name (SHA-256 of it, with the version bits of RFC 9562's version 8).
    static func uuid(_ name: String) -> String {
        var bytes = Array(((try? Digest.sha256(Array(name.utf8))) ?? Array(repeating: 0, count: 32)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}
