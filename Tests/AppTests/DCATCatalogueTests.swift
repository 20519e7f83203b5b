import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Tenancy
import TestSupport
import Testing

/// The DCAT-AP catalogues as data.gouv.fr's harvester takes them: every page of a member's and
/// of the consortium's, in JSON-LD and Turtle, parsed by rdflib and checked by
/// `Tests/OpenData/check_dcat.py` (mandatory classes and properties, the SCDL schema as
/// `dct:conformsTo`, Hydra paging consistent across pages).
@Suite("Open data harvesting: DCAT-AP catalogues")
struct DCATCatalogueTests {
    struct Catalogue {
        var name: String
        var host: String
        var path: String
        var total: Int
    }

    /// Every page of a catalogue, in order, until the page past the last (404).
    static func pages(_ client: any TestClientProtocol, _ catalogue: Catalogue, format: String) async throws -> [String] {
        var pages: [String] = []
        for number in 1...20 {
            let response = try await client.get("\(catalogue.path).\(format)?page=\(number)", host: catalogue.host)
            if response.status == .notFound, number > 1 { break }
            #expect(response.status == .ok, "\(catalogue.name) page \(number): \(response.status) \(response.text.prefix(300))")
            #expect(response.headers[.contentType] == (format == "ttl" ? "text/turtle; charset=utf-8" : "application/ld+json"))
            pages.append(response.text)
        }
        return pages
    }

    @Test("a member's and the consortium's catalogues, JSON-LD and Turtle, every page: rdflib reads them and DCAT-AP's classes and properties are there")
    func catalogues() async throws {
        try await TestPlatform.with { platform in
            // 22 datasets at Amiens: two pages of 20.
            try await platform.addDatasets(17, to: "amiens")
            let amiens = try await platform.datasets(of: "amiens").count
            var consortium = 0
            for member in platform.openDataMembers { consortium += try await platform.datasets(of: member.slug.rawValue).count }
            #expect(amiens == 22)
            #expect(consortium > 40, "the demo members' datasets: \(consortium)")
            let catalogues = [
                Catalogue(name: "amiens", host: "amiens.localhost", path: "/catalogue", total: amiens),
                Catalogue(name: "consortium", host: "admin.localhost", path: "/console/donnees/catalogue", total: consortium),
            ]
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let schemas = try platform.schemaURLs()
            // (name, rdflib format, page files, expected total)
            let fetched: [(String, String, [String], Int)] = try await platform.test { client in
                var fetched: [(String, String, [String], Int)] = []
                for catalogue in catalogues {
                    for (format, rdflibFormat) in [("jsonld", "json-ld"), ("ttl", "turtle")] {
                        let pages = try await Self.pages(client, catalogue, format: format)
                        #expect(pages.count == (catalogue.total + 19) / 20, "\(catalogue.name).\(format): \(pages.count) pages")
                        var files: [String] = []
                        for (index, page) in pages.enumerated() {
                            let file = directory.appendingPathComponent("\(catalogue.name)-\(index + 1).\(format)")
                            try Data(page.utf8).write(to: file)
                            files.append(file.path)
                        }
                        fetched.append(("\(catalogue.name).\(format)", rdflibFormat, files, catalogue.total))
                    }
                }
                return fetched
            }
            let manifest: [[String: Any]] = fetched.map { ["name": $0.0, "format": $0.1, "pages": $0.2, "total": $0.3, "schemas": schemas] }
            let file = directory.appendingPathComponent("manifest.json")
            try JSONSerialization.data(withJSONObject: manifest).write(to: file)
            let run = try await ChildProcess.run([TestEnvironment.python, "Tests/OpenData/check_dcat.py", file.path], directory: TestEnvironment.repositoryRoot)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("dcat ok"), "\(run.output)")
            // Every page was read: both catalogues, both serialisations, every dataset once.
            for (name, pages, total) in [("amiens", 2, amiens), ("consortium", (consortium + 19) / 20, consortium)] {
                for format in ["jsonld", "ttl"] {
                    #expect(run.output.contains("{\"name\": \"\(name).\(format)\", \"pages\": \(pages), \"datasets\": \(total)}"), "\(run.output)")
                }
            }
        }
    }

    @Test("the first page is the default; a page that is not a number is a 400, one past the last a 404; HEAD answers as GET")
    func paging() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let first = try await client.get("/catalogue.ttl", host: "camon.localhost")
                #expect(first.status == .ok)
                #expect(first.text.contains("a hydra:PartialCollectionView"))
                #expect(first.text.contains("?page=1>"))
                #expect(!first.text.contains("hydra:next"))
                #expect(first.text.contains("<https://schema.data.gouv.fr/schemas/scdl/deliberations/"))
                for bad in ["0", "-1", "abc", "1.5", "99999999999"] {
                    #expect(try await client.get("/catalogue.jsonld?page=\(bad)", host: "camon.localhost").status == .badRequest, "page=\(bad)")
                }
                #expect(try await client.get("/catalogue.jsonld?page=2", host: "camon.localhost").status == .notFound)
                #expect(try await client.get("/console/donnees/catalogue.ttl?page=x", host: "admin.localhost").status == .badRequest)
                let head = try await client.execute(uri: "/catalogue.jsonld", method: .head, headers: [HTTPField.Name("Host")!: "camon.localhost"])
                #expect(head.status == .ok)
                #expect(head.headers[.contentType] == "application/ld+json")
                // The consortium's page links its catalogue.
                let page = try await client.get("/console/donnees", host: "admin.localhost")
                #expect(page.text.contains("href=\"/console/donnees/catalogue.jsonld\""))
            }
        }
    }
}
