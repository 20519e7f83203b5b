import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The CKAN action API as CKAN harvesters drive it: ckanext-harvest's gather stage
/// (`package_search` with `fq`, `rows`, `start`, `sort=id asc`, paging until an empty page) and
/// data.gouv.fr's CKAN harvester (`package_list`, then `package_show` for each, with its
/// `Content-Type: application/json`, and POST in its "fix" mode), organisations, and errors as
/// CKAN answers them.
@Suite("Open data harvesting: CKAN API")
struct CKANAPITests {
    static func call(_ client: any TestClientProtocol, _ host: String, _ path: String, status: HTTPResponse.Status = .ok) async throws -> [String: Any] {
        let response = try await client.send(.get, path, host: host, headers: [.contentType: "application/json"])
        #expect(response.status == status, "\(path): \(response.status) \(response.text.prefix(300))")
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(path)")
        let json = try response.json()
        #expect(json["success"] as? Bool == (status == .ok), "\(path): \(json)")
        return json
    }

    /// The keys data.gouv.fr's harvester requires (its voluptuous schema has `required=True`).
    static let packageKeys = ["id", "name", "title", "notes", "license_id", "license_title", "tags", "metadata_created", "metadata_modified",
                              "organization", "resources", "private", "type", "author", "author_email", "maintainer", "maintainer_email", "state"]
    static let resourceKeys = ["id", "position", "name", "description", "format", "mimetype", "size", "hash", "created", "last_modified", "url", "resource_type"]

    static func checkPackage(_ package: [String: Any]) {
        for key in packageKeys { #expect(package.keys.contains(key), "package \(package["name"] ?? "?") lacks \(key)") }
        #expect(package["type"] as? String == "dataset")
        #expect(package["state"] as? String == "active")
        #expect(UUID(uuidString: package["id"] as? String ?? "") != nil)
        let organization = package["organization"] as? [String: Any]
        #expect(organization?["is_organization"] as? Bool == true)
        #expect(package["owner_org"] as? String == organization?["id"] as? String)
        let resources = package["resources"] as? [[String: Any]] ?? []
        #expect(!resources.isEmpty && package["num_resources"] as? Int == resources.count)
        for resource in resources {
            for key in resourceKeys { #expect(resource.keys.contains(key), "resource lacks \(key)") }
            #expect(UUID(uuidString: resource["id"] as? String ?? "") != nil)
            #expect((resource["url"] as? String)?.hasPrefix("http") == true)
            #expect((resource["hash"] as? String)?.count == 64)
        }
        #expect((package["tags"] as? [[String: Any]])?.allSatisfy { $0["name"] is String } == true)
    }

    @Test("ckanext-harvest's gather: package_search paged with fq, rows, start and sort, then each package")
    func ckanextHarvest() async throws {
        try await TestPlatform.with { platform in
            let expected = try await platform.datasets(of: "camon").count
            try await platform.test { client in
                let since = "metadata_modified:[2000-01-01T10:00:00.123456Z TO *]".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                    .replacingOccurrences(of: "%20", with: "+")
                var ids: [String] = []
                var start = 0
                var previous: [String] = []
                while start < 100 {
                    let json = try await Self.call(client, "camon.localhost", "/api/3/action/package_search?fq=\(since)&rows=2&start=\(start)&sort=id+asc")
                    let result = json["result"] as? [String: Any] ?? [:]
                    #expect(result["count"] as? Int == expected)
                    let page = (result["results"] as? [[String: Any]] ?? [])
                    page.forEach(Self.checkPackage)
                    let pageIDs = page.compactMap { $0["id"] as? String }
                    #expect(pageIDs != previous || pageIDs.isEmpty, "the same page twice")
                    if pageIDs.isEmpty { break }
                    ids += pageIDs
                    previous = pageIDs
                    start += 2
                }
                #expect(ids.count == expected && Set(ids).count == expected)
                #expect(ids == ids.sorted())
                for id in ids {
                    let shown = try await Self.call(client, "camon.localhost", "/api/3/action/package_show?id=\(id)")
                    #expect((shown["result"] as? [String: Any])?["id"] as? String == id)
                }
                // Nothing changed since tomorrow; the member's organisation holds them all, another none.
                let tomorrow = CKANDatesForTests.tomorrow
                let none = try await Self.call(client, "camon.localhost", "/api/3/action/package_search?fq=metadata_modified:%5B\(tomorrow)Z+TO+*%5D")
                #expect((none["result"] as? [String: Any])?["count"] as? Int == 0)
                let own = try await Self.call(client, "camon.localhost", "/api/3/action/package_search?fq=organization:camon&rows=100")
                #expect((own["result"] as? [String: Any])?["count"] as? Int == expected)
                let excluded = try await Self.call(client, "camon.localhost", "/api/3/action/package_search?fq=-organization:camon")
                #expect((excluded["result"] as? [String: Any])?["count"] as? Int == 0)
                let text = try await Self.call(client, "camon.localhost", "/api/3/action/package_search?q=budget")
                #expect((text["result"] as? [String: Any])?["count"] as? Int == 1)
                let organization = try await Self.call(client, "camon.localhost", "/api/3/action/organization_show?id=camon&include_datasets=true")
                let shown = organization["result"] as? [String: Any] ?? [:]
                #expect(shown["name"] as? String == "camon" && shown["package_count"] as? Int == expected)
                #expect((shown["packages"] as? [Any])?.count == expected)
            }
        }
    }

    @Test("data.gouv.fr's CKAN harvester: package_list, then package_show by name, GET or POST, organisations")
    func datagouv() async throws {
        try await TestPlatform.with { platform in
            let memberCount = platform.openDataMembers.count
            try await platform.test { client in
                let list = try await Self.call(client, "boves.localhost", "/api/3/action/package_list")
                let names = list["result"] as? [String] ?? []
                #expect(names == names.sorted() && names.contains("deliberations"))
                #expect((list["help"] as? String)?.contains("help_show") == true)
                for name in names {
                    let shown = try await Self.call(client, "boves.localhost", "/api/3/action/package_show?id=\(name)")
                    Self.checkPackage(shown["result"] as? [String: Any] ?? [:])
                }
                let posted = try await client.send(.post, "/api/3/action/package_show", host: "boves.localhost", json: ["id": "budget"])
                #expect(posted.status == .ok)
                #expect(((try posted.json())["result"] as? [String: Any])?["name"] as? String == "budget")
                let fix = try await client.send(.post, "/api/3/action/package_list?limit=2", host: "boves.localhost", body: "{}", contentType: "application/json")
                #expect(((try fix.json())["result"] as? [String])?.count == 2)
                let organizations = try await Self.call(client, "boves.localhost", "/api/3/action/organization_list?all_fields=true")
                let all = organizations["result"] as? [[String: Any]] ?? []
                #expect(all.count == 1 && all.first?["name"] as? String == "boves" && all.first?["package_count"] as? Int == names.count)
                // The consortium: every member, names qualified by the member.
                let members = try await Self.call(client, "admin.localhost", "/console/donnees/api/3/action/organization_list")
                #expect((members["result"] as? [String])?.count == memberCount)
                let search = try await Self.call(client, "admin.localhost", "/console/donnees/api/3/action/package_search?rows=1000")
                let results = (search["result"] as? [String: Any])?["results"] as? [[String: Any]] ?? []
                #expect(results.count > 40 && results.contains { $0["name"] as? String == "boves_budget" })
                let one = try await Self.call(client, "admin.localhost", "/console/donnees/api/3/action/package_show?id=boves_budget")
                #expect(((one["result"] as? [String: Any])?["organization"] as? [String: Any])?["name"] as? String == "boves")
            }
        }
    }

    @Test("errors as CKAN answers them: 404 Not Found Error, 409 Validation Error, 400 Bad Request; never a 500")
    func errors() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let host = "camon.localhost"
                let missing = try await Self.call(client, host, "/api/3/action/package_show?id=nothing-here", status: .notFound)
                #expect((missing["error"] as? [String: Any])?["__type"] as? String == "Not Found Error")
                _ = try await Self.call(client, host, "/api/3/action/organization_show?id=amiens", status: .notFound)
                _ = try await Self.call(client, "admin.localhost", "/console/donnees/api/3/action/package_show?id=camon_nothing", status: .notFound)
                for path in ["package_search?rows=-1", "package_search?start=abc", "package_search?sort=bogus+asc", "package_search?fq=nofield:x",
                             "package_search?fq=metadata_modified:%5Byesterday+TO+*%5D", "package_show", "package_list?limit=x",
                             "organization_show?id=camon&include_datasets=maybe", "organization_list?sort=size"] {
                    let json = try await Self.call(client, host, "/api/3/action/\(path)", status: .conflict)
                    #expect((json["error"] as? [String: Any])?["__type"] as? String == "Validation Error", "\(path)")
                }
                let rows = try await Self.call(client, host, "/api/3/action/package_search?rows=-1", status: .conflict)
                #expect((rows["error"] as? [String: Any])?["rows"] as? [String] == ["Must be a natural number"])
                _ = try await Self.call(client, host, "/api/3/action/package_create", status: .badRequest)
                let body = try await client.send(.post, "/api/3/action/package_show", host: host, body: "[1, 2", contentType: "application/json")
                #expect(body.status == .badRequest)
                #expect(((try body.json())["error"] as? [String: Any])?["__type"] as? String == "Bad Request")
            }
        }
    }
}

enum CKANDatesForTests {
    /// Tomorrow, as a harvester writes a date (`isoformat()`).
    static var tomorrow: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS"
        return formatter.string(from: Date().addingTimeInterval(86_400))
    }
}
