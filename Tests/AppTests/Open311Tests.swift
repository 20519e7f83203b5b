import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import TestSupport
import Testing

/// Open311 GeoReport v2 on a commune's host: services and their definitions, filing by a
/// partner (bearer token or `api_key`), the public status of requests, in JSON and XML; every
/// answer checked against the shared specification by `Tests/Requests/check_open311.py`.
@Suite("Open311 GeoReport v2: services, definitions, filing, public status (JSON and XML)",
       .enabled(if: FileManager.default.fileExists(atPath: TestEnvironment.repositoryRoot.appendingPathComponent("../shared/specs/open311/georeport_v2-1.yaml").path),
                "../shared/specs/open311 is absent"))
struct Open311Tests {
    static let spec = TestEnvironment.repositoryRoot.appendingPathComponent("../shared/specs/open311/georeport_v2-1.yaml")
    static let host = "camon.localhost"

    static func encoded(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    @Test("services, definition, filing and status answer as the specification says; no personal data in what anyone may read")
    func georeport() async throws {
        try await TestPlatform.with { platform in
            let token = try await platform.clientToken("camon", scopes: ["requests.file"])
            let reader = try await platform.clientToken("camon", scopes: ["requests.read"])
            let folder = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (manifest, publicBodies) = try await platform.test { client in
                var manifest: [[String: String]] = []
                var publicBodies: [String] = []
                func keep(_ response: TestResponse, _ kind: String, _ format: String, public: Bool = true) throws {
                    let file = folder.appendingPathComponent("\(manifest.count)-\(kind).\(format)")
                    try Data(response.text.utf8).write(to: file)
                    manifest.append(["kind": kind, "format": format, "file": file.path])
                    if `public` { publicBodies.append(response.text) }
                }
                func post(_ pairs: [(String, String)], format: String = "json", bearer: String? = nil) async throws -> TestResponse {
                    try await client.send(.post, "/open311/v2/requests.\(format)", host: Self.host,
                                          headers: bearer.map { [.authorization: "Bearer \($0)"] } ?? [:], body: Self.encoded(pairs))
                }
                for format in ["json", "xml"] {
                    let services = try await client.send(.get, "/open311/v2/services.\(format)?jurisdiction_id=camon.localhost", host: Self.host)
                    #expect(services.status == .ok)
                    #expect(services.headers[.contentType]?.hasPrefix(format == "json" ? "application/json" : "text/xml") == true)
                    try keep(services, "services", format)
                    let definition = try await client.send(.get, "/open311/v2/services/depots-sauvages.\(format)", host: Self.host)
                    #expect(definition.status == .ok)
                    try keep(definition, "definition", format)
                }
                let services = try JSONSerialization.jsonObject(with: Data(publicBodies[0].utf8)) as? [[String: Any]] ?? []
                #expect(Set(services.compactMap { $0["service_code"] as? String }).isSuperset(of: ["depots-sauvages", "eclairage-public"]))
                #expect(services.first { $0["service_code"] as? String == "depots-sauvages" }?["group"] as? String == "Propreté")
                let definition = try JSONSerialization.jsonObject(with: Data(publicBodies[1].utf8)) as? [String: Any] ?? [:]
                let codes = (definition["attributes"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(codes == ["nature", "nature_autre", "description", "date_constat", "recontact", "email", "telephone"], "\(codes)")

                // Filing: bearer token (JSON), api_key (XML); the citizen's contact is kept, never shown.
                let filed = try await post([
                    ("jurisdiction_id", "camon.localhost"), ("service_code", "depots-sauvages"), ("lat", "49.8870"), ("long", "2.3440"),
                    ("address_string", "Rue Roger Salengro, Camon"), ("email", "jean.discret@example.org"), ("first_name", "Jean"),
                    ("last_name", "Discret"), ("phone", "06 98 76 54 32"), ("description", "Un frigo <abandonné> & rouillé"),
                    ("attribute[nature]", "encombrants"), ("attribute[recontact]", "oui"),
                ], bearer: token)
                #expect(filed.status == .ok, "\(filed.text)")
                try keep(filed, "post", "json", public: false)
                let number = try #require((try JSONSerialization.jsonObject(with: Data(filed.text.utf8)) as? [[String: Any]])?.first?["service_request_id"] as? String)
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_amiens_metropole.requests WHERE number = '\(number)' AND channel = 'open311' AND filing_member = 'camon'
                      AND answers->'telephone' IS NOT NULL AND answers->'email' IS NOT NULL
                    """) == 1)
                let lighting = try await post([("service_code", "eclairage-public"), ("lat", "49.8900"), ("long", "2.3500"), ("email", "nuit@example.org"),
                                               ("attribute[panne]", "eteint"), ("attribute[danger]", "non"), ("api_key", token)], format: "xml")
                #expect(lighting.status == .ok, "\(lighting.text)")
                #expect(lighting.text.contains("<service_request_id>ECLAIRAGE-PUBLIC-"))
                try keep(lighting, "post", "xml", public: false)

                // Refusals in Open311's format, with their status.
                let refusals: [(TestResponse, HTTPResponse.Status)] = [
                    (try await post([("service_code", "eclairage-public"), ("address_string", "Ici"), ("email", "a@example.org")]), .unauthorized),
                    (try await post([("service_code", "eclairage-public"), ("address_string", "Ici"), ("email", "a@example.org")], bearer: reader), .forbidden),
                    (try await post([("service_code", "piscine"), ("address_string", "Ici"), ("email", "a@example.org")], bearer: token), .notFound),
                    (try await post([("service_code", "eclairage-public"), ("address_string", "Ici"), ("email", "a@example.org"),
                                     ("attribute[panne]", "explose"), ("attribute[danger]", "non")], format: "xml", bearer: token), .badRequest),
                    (try await post([("service_code", "eclairage-public"), ("email", "a@example.org")], bearer: token), .badRequest),
                    (try await post([("service_code", "eclairage-public"), ("address_string", "Ici"), ("email", "a@example.org"),
                                     ("attribute[inconnu]", "x")], bearer: token), .badRequest),
                    (try await client.send(.get, "/open311/v2/services.json?jurisdiction_id=boves.localhost", host: Self.host), .notFound),
                    (try await client.send(.get, "/open311/v2/services/piscine.xml", host: Self.host), .notFound),
                    (try await client.send(.get, "/open311/v2/requests.json?start_date=hier", host: Self.host), .badRequest),
                    (try await client.send(.get, "/open311/v2/requests/PAS-2026-000001.xml", host: Self.host), .notFound),
                ]
                for (response, status) in refusals {
                    #expect(response.status == status, "\(response.status) \(response.text)")
                    try keep(response, "error", response.text.hasPrefix("<?xml") ? "xml" : "json")
                }
                #expect(try await client.send(.get, "/open311/v2/services.csv", host: Self.host).status == .notFound)

                // The public status, alone and in lists (camon's own and Amiens Métropole's filed here).
                for format in ["json", "xml"] {
                    for path in ["/open311/v2/requests/\(number).\(format)", "/open311/v2/request/\(number).\(format)"] {
                        let one = try await client.send(.get, path, host: Self.host)
                        #expect(one.status == .ok, "\(path): \(one.text)")
                        try keep(one, "request", format)
                    }
                    let all = try await client.send(.get, "/open311/v2/requests.\(format)?status=open", host: Self.host)
                    #expect(all.status == .ok && all.text.contains(number) && all.text.contains("ECLAIRAGE-PUBLIC-"))
                    try keep(all, "requests", format)
                    let filtered = try await client.send(.get, "/open311/v2/requests.\(format)?service_code=eclairage-public&status=closed", host: Self.host)
                    #expect(filtered.status == .ok && !filtered.text.contains(number))
                    try keep(filtered, "requests", format)
                }
                let one = try await client.send(.get, "/open311/v2/requests/\(number).json", host: Self.host).json()
                #expect(one["agency_responsible"] as? String == "Amiens Métropole", "\(one)")
                #expect(one["description"] as? String == "Un frigo <abandonné> & rouillé")
                #expect(one["lat"] as? Double == 49.887)
                return (manifest, publicBodies)
            }
            for body in publicBodies {
                for secret in ["jean.discret", "Discret", "98 76", "698765432", "nuit@example.org", "Jean"] {
                    #expect(!body.contains(secret), "personal data \(secret) in \(body.prefix(300))")
                }
            }
            let file = folder.appendingPathComponent("manifest.json")
            try JSONSerialization.data(withJSONObject: manifest).write(to: file)
            let run = try await ChildProcess.run([TestEnvironment.python, "Tests/Requests/check_open311.py", Self.spec.path, file.path],
                                                 directory: TestEnvironment.repositoryRoot)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("open311 ok"), "\(run.output)")
        }
    }
}
