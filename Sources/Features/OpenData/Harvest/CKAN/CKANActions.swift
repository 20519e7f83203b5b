import Foundation
import Hummingbird
import Tenancy
import Web

/// The read-only CKAN action API subset harvesters use: `package_list`, `package_show`,
/// `package_search`, `organization_list`, `organization_show`, answered
/// `{"help", "success": true, "result"}`, or `{"success": false, "error"}` (`CKANError`).
struct CKANActions: Sendable {
    static let actions = ["package_list", "package_show", "package_search", "organization_list", "organization_show"]

    let source: HarvestSource
    /// Where the API lives (`…/api/3/action`), for `help`.
    let base: String

    func response(_ request: Request, action: String) async throws -> Response {
        let help = "\(base)/help_show?name=\(action.prefix(60).filter { $0.isLetter || $0 == "_" })"
        do {
            guard Self.actions.contains(action) else {
                throw CKANError.badRequest("Action name not known: \(action.prefix(60))")
            }
            let parameters = try await CKANParameters.read(request)
            var json = JSONWriter(capacity: 8 * 1024)
            json.beginObject()
            json.field("help", help)
            json.field("success", true)
            json.key("result")
            switch action {
            case "package_list": try await packageList(parameters, into: &json)
            case "package_show": try await packageShow(parameters, into: &json)
            case "package_search": try await CKANSearch(actions: self).search(parameters, into: &json)
            case "organization_list": try await organizationList(parameters, into: &json)
            default: try await organizationShow(parameters, into: &json)
            }
            json.endObject()
            return json.response(headers: [.cacheControl: "public, max-age=60"])
        } catch let error as CKANError {
            return error.response(help: help)
        }
    }

    /// The members as organisations, each with its datasets' count and first creation.
    func organizations(_ entries: [HarvestSource.Entry]) -> [CKANOrganization] {
        source.members.map { member in
            let own = entries.filter { $0.member.tenant.slug == member.tenant.slug }
            return CKANOrganization(member: member, packageCount: own.count,
                                    created: own.map(\.dataset.createdAt).min() ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// The packages of `entries`, with their published files (`all`: every entry of the source).
    func packages(_ entries: [HarvestSource.Entry], among all: [HarvestSource.Entry]) async throws -> [CKANPackage] {
        let organizations = organizations(all)
        var packages: [CKANPackage] = []
        for entry in entries {
            guard let organization = organizations.first(where: { $0.name == entry.member.tenant.slug.rawValue }) else { continue }
            packages.append(CKANPackage(entry: entry, resources: try await source.resources(of: entry), organization: organization,
                                        schemaURL: source.schemaURL(entry.dataset), qualified: source.isConsortium))
        }
        return packages
    }

    /// A package's name without loading its files.
    func name(_ entry: HarvestSource.Entry) -> String {
        source.isConsortium ? "\(entry.member.tenant.slug.rawValue)_\(entry.dataset.id)" : entry.dataset.id
    }

    func packageList(_ parameters: CKANParameters, into json: inout JSONWriter) async throws {
        let limit = try parameters.natural("limit", default: Int(Int32.max))
        let offset = try parameters.natural("offset", default: 0)
        let names = try await source.entries().map(name).sorted()
        json.beginArray()
        for name in names.dropFirst(offset).prefix(limit) { json.value(name) }
        json.endArray()
    }

    func packageShow(_ parameters: CKANParameters, into json: inout JSONWriter) async throws {
        guard let id = parameters.text("id") ?? parameters.text("name_or_id") else { throw CKANError.validation("id", "Missing value") }
        let entries = try await source.entries()
        guard let entry = entries.first(where: { name($0) == id || CKANOrganization.uuid($0.landingPage) == id }),
              let package = try await packages([entry], among: entries).first else {
            throw CKANError.notFound()
        }
        package.write(into: &json)
    }

    func organizationList(_ parameters: CKANParameters, into json: inout JSONWriter) async throws {
        let allFields = try parameters.flag("all_fields")
        let limit = try parameters.natural("limit", default: 1000, maximum: 1000)
        let offset = try parameters.natural("offset", default: 0)
        var organizations = organizations(try await source.entries())
        if let wanted = parameters.text("organizations") {
            let names = Set(wanted.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            organizations = organizations.filter { names.contains($0.name) }
        }
        switch parameters.text("sort") ?? "name asc" {
        case "name asc", "name": organizations.sort { $0.name < $1.name }
        case "name desc": organizations.sort { $0.name > $1.name }
        case "title asc", "title": organizations.sort { $0.member.tenant.name < $1.member.tenant.name }
        case "title desc": organizations.sort { $0.member.tenant.name > $1.member.tenant.name }
        case "package_count desc", "package_count": organizations.sort { ($0.packageCount, $1.name) > ($1.packageCount, $0.name) }
        case "package_count asc": organizations.sort { ($0.packageCount, $0.name) < ($1.packageCount, $1.name) }
        default: throw CKANError.validation("sort", "Invalid sort: name, title or package_count, asc or desc")
        }
        json.beginArray()
        for organization in organizations.dropFirst(offset).prefix(limit) {
            if allFields { organization.write(into: &json) } else { json.value(organization.name) }
        }
        json.endArray()
    }

    func organizationShow(_ parameters: CKANParameters, into json: inout JSONWriter) async throws {
        guard let id = parameters.text("id") else { throw CKANError.validation("id", "Missing value") }
        let includeDatasets = try parameters.flag("include_datasets")
        let entries = try await source.entries()
        guard let organization = organizations(entries).first(where: { $0.matches(id) }) else { throw CKANError.notFound() }
        // With its packages, as CKAN gives them (at most 1000).
        let own = includeDatasets ? Array(entries.filter { $0.member.tenant.slug.rawValue == organization.name }.prefix(1000)) : []
        organization.write(into: &json, packages: includeDatasets ? try await packages(own, among: entries) : nil)
    }
}
