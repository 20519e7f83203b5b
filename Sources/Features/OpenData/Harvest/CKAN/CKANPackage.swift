import Foundation
import Tenancy
import Web

/// A dataset as a CKAN package dict (`package_show`, `package_search`), with every key the CKAN
/// harvesters read (ckanext-harvest's, and data.gouv.fr's, which requires them all): stable
/// UUIDs for the package and its resources, the member as organisation, keywords as tags,
/// frequency, temporal and spatial coverage and the schema as extras, one resource per
/// published file.
struct CKANPackage: Sendable {
    let entry: HarvestSource.Entry
    /// Its published files.
    let resources: [DatasetResource]
    let organization: CKANOrganization
    let schemaURL: String?
    /// On the console host names carry the member (`amiens_deliberations`): unique across members.
    let qualified: Bool

    init(entry: HarvestSource.Entry, resources: [DatasetResource], organization: CKANOrganization, schemaURL: String?, qualified: Bool) {
        self.entry = entry
        self.resources = resources.filter { $0.current != nil }
        self.organization = organization
        self.schemaURL = schemaURL
        self.qualified = qualified
    }

    var dataset: Dataset { entry.dataset }
    var id: String { CKANOrganization.uuid(entry.landingPage) }
    var name: String { qualified ? "\(organization.name)_\(dataset.id)" : dataset.id }
    var organizationName: String { organization.name }
    var organizationID: String { organization.id }
    var searchText: String { ([dataset.title, dataset.description] + dataset.keywords).joined(separator: " ") }

    func matches(_ text: String) -> Bool { text == id || text == name }

    func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("name", name)
        json.field("title", dataset.title)
        json.field("notes", dataset.description)
        json.field("url", entry.landingPage)
        json.field("type", "dataset")
        json.field("state", "active")
        json.field("private", false)
        json.field("isopen", true)
        json.field("license_id", dataset.licence.ckanID)
        json.field("license_title", dataset.licence.label)
        json.field("license_url", dataset.licence.url)
        json.field("metadata_created", CKANDates.format(dataset.createdAt))
        json.field("metadata_modified", CKANDates.format(entry.modified))
        json.field("author", dataset.producer)
        json.field("author_email", dataset.contactEmail.isEmpty ? nil : dataset.contactEmail)
        json.field("maintainer", dataset.producer)
        json.field("maintainer_email", dataset.contactEmail.isEmpty ? nil : dataset.contactEmail)
        json.key("version")
        json.null()
        json.field("owner_org", organization.id)
        json.key("organization")
        organization.write(into: &json, withCount: false)
        json.key("groups")
        json.beginArray()
        json.endArray()
        let tags = dataset.keywords.filter { !$0.isEmpty }
        json.field("num_tags", tags.count)
        json.key("tags")
        json.beginArray()
        for tag in tags {
            json.beginObject()
            json.field("id", CKANOrganization.uuid("tag:" + tag))
            json.field("name", tag)
            json.field("display_name", tag)
            json.field("state", "active")
            json.key("vocabulary_id")
            json.null()
            json.endObject()
        }
        json.endArray()
        json.key("extras")
        json.beginArray()
        for (key, value) in extras {
            json.beginObject()
            json.field("key", key)
            json.field("value", value)
            json.endObject()
        }
        json.endArray()
        json.field("num_resources", resources.count)
        json.key("resources")
        json.beginArray()
        for (position, resource) in resources.enumerated() { write(resource, position: position, into: &json) }
        json.endArray()
        json.endObject()
    }

    /// What has no CKAN core field, as udata's and DCAT's extras name it.
    var extras: [(String, String)] {
        var extras: [(String, String)] = [("frequency", dataset.frequency.euURI), ("spatial-text", dataset.spatialName),
                                          ("spatial-code", dataset.spatialCode), ("theme", dataset.theme),
                                          ("publisher_name", entry.member.tenant.name), ("uri", entry.landingPage)]
        if let start = dataset.temporalStart { extras.append(("temporal_start", start)) }
        if let end = dataset.temporalEnd { extras.append(("temporal_end", end)) }
        if let schemaURL { extras.append(("conforms_to", schemaURL)) }
        return extras
    }

    private func write(_ resource: DatasetResource, position: Int, into json: inout JSONWriter) {
        guard let current = resource.current else { return }
        let url = "\(entry.landingPage)/\(resource.id)"
        json.beginObject()
        json.field("id", CKANOrganization.uuid(url))
        json.field("package_id", id)
        json.field("position", position)
        json.field("name", resource.title)
        json.field("description", "Version \(current.version), publiée le \(FrenchDate.long(current.publishedAt)).")
        json.field("url", url)
        json.field("format", resource.format.label)
        json.field("mimetype", resource.format.mediaType.split(separator: ";").first.map(String.init) ?? resource.format.mediaType)
        json.field("size", current.size)
        json.field("hash", current.sha256)
        json.field("created", CKANDates.format(resource.versions.last?.publishedAt ?? current.publishedAt))
        json.field("last_modified", CKANDates.format(current.publishedAt))
        json.field("metadata_modified", CKANDates.format(current.publishedAt))
        json.field("resource_type", "file")
        json.field("state", "active")
        json.key("url_type")
        json.null()
        if resource.format == .csv, let schemaURL { json.field("schema", schemaURL) }
        json.endObject()
    }
}
