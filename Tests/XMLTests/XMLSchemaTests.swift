import Testing
import XML

@Suite("XMLSchema: SEDA 2.1, 2.2 and 2.3 XSDs from ../shared/specs",
       .enabled(if: SEDASpecs.available,
                "../shared/specs/seda-2.{1,2,3} are absent (the folder beside the repository's root): SEDA validation not tested"))
struct XMLSchemaTests {
    private static let schemas = SchemaCache()

    private func document(_ text: String) throws -> XMLDocument {
        try XMLDocument.parse(Array(text.utf8))
    }

    @Test("a minimal ArchiveTransfer validates", arguments: SEDAFixtures.Version.allCases)
    func validTransfer(version: SEDAFixtures.Version) throws {
        let schema = try Self.schemas.schema(version)
        let transfer = try document(SEDAFixtures.archiveTransfer(version))
        #expect(schema.validate(transfer) == [])
        #expect(transfer.root.namespace == version.namespace)
        #expect(transfer.root[path: "DataObjectPackage", "DescriptiveMetadata", "ArchiveUnit", "Content", "Title"]?.text
            == "Délibération n° 2024-12")
        #expect(schema.validate(try document(SEDAFixtures.bareArchiveTransfer(version))) == [])
    }

    @Test("an invalid ArchiveTransfer gives an issue with its line", arguments: SEDAFixtures.Version.allCases)
    func invalidTransfer(version: SEDAFixtures.Version) throws {
        let schema = try Self.schemas.schema(version)
        let issues = schema.validate(try document(SEDAFixtures.invalidArchiveTransfer(version)))
        let issue = try #require(issues.first)
        #expect(issue.line == 3)
        #expect(issue.message.contains("MessageIdentifier"))
        #expect(issue.message.contains("not expected"))
        #expect(issue.description.hasPrefix("line 3: "))

        // Another document's namespace has no declaration in this schema.
        let other = try document("<ArchiveTransfer xmlns=\"urn:other\"/>")
        #expect(schema.validate(other).first?.message.contains("No matching global declaration") == true)
    }

    @Test("an ArchiveTransferReply written with XMLNode validates", arguments: SEDAFixtures.Version.allCases)
    func writtenReply(version: SEDAFixtures.Version) throws {
        let schema = try Self.schemas.schema(version)
        let text = SEDAFixtures.archiveTransferReply(version).serialized()
        let reply = try document(text)
        #expect(schema.validate(reply) == [])
        #expect(reply.root.name == "ArchiveTransferReply")
        #expect(reply.root.child("MessageRequestIdentifier")?.text == "SIP-0001")
    }

    @Test("one schema validates from 8 tasks at once, each with its own issues")
    func concurrentValidation() async throws {
        let version = SEDAFixtures.Version.v2_2
        let schema = try Self.schemas.schema(version)
        let shared = try document(SEDAFixtures.archiveTransfer(version))
        let results = try await withThrowingTaskGroup(of: (Int, [XMLIssue], [XMLIssue]).self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Odd tasks validate an invalid document whose error sits on a line of their own.
                    var text = SEDAFixtures.archiveTransfer(version)
                    if !task.isMultiple(of: 2) {
                        let invalid = SEDAFixtures.invalidArchiveTransfer(version)
                        let declarationEnd = invalid.firstIndex(of: "\n") ?? invalid.startIndex
                        text = invalid[..<declarationEnd] + String(repeating: "\n", count: task) + invalid[declarationEnd...]
                    }
                    let own = try XMLDocument.parse(Array(text.utf8))
                    var ownIssues: [XMLIssue] = []
                    var sharedIssues: [XMLIssue] = []
                    for _ in 0..<10 {
                        ownIssues = schema.validate(own)
                        sharedIssues = schema.validate(shared)
                    }
                    return (task, ownIssues, sharedIssues)
                }
            }
            var results: [(Int, [XMLIssue], [XMLIssue])] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 8)
        for (task, ownIssues, sharedIssues) in results {
            #expect(sharedIssues == [])
            if task.isMultiple(of: 2) {
                #expect(ownIssues == [])
            } else {
                #expect(ownIssues.count == 1)
                #expect(ownIssues.first?.line == 3 + task)
            }
        }
    }
}

@Suite("XMLSchema: loading")
struct XMLSchemaLoadingTests {
    @Test("a missing XSD is unavailable")
    func missing() {
        let error = #expect(throws: XMLError.self) { try XMLSchema(contentsOf: "/nonexistent/schema.xsd") }
        #expect(error?.kind == .schemaUnavailable)
    }

    @Test("an XSD libxml2 cannot compile is unavailable, with libxml2's message")
    func broken() throws {
        let path = try TemporaryFile.write(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"r\" type=\"nope\"/></xs:schema>",
            named: "broken.xsd")
        defer { TemporaryFile.remove(path) }
        let error = #expect(throws: XMLError.self) { try XMLSchema(contentsOf: path) }
        #expect(error?.kind == .schemaUnavailable)
        #expect(error?.message.contains("nope") == true)
    }

    @Test("an import from elsewhere than the XSD's directory is refused, never fetched")
    func foreignImports() throws {
        let directory = try TemporaryFile.directory()
        let outside = try TemporaryFile.write(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:o\"/>", named: "outside.xsd")
        defer { TemporaryFile.remove(outside) }
        for location in ["http://127.0.0.1:9/other.xsd", outside, "../\(outside.split(separator: "/").dropLast().last ?? "")/outside.xsd"] {
            let path = try TemporaryFile.write("""
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:import namespace="urn:o" schemaLocation="\(location)"/>
                  <xs:element name="r"/>
                </xs:schema>
                """, named: "main.xsd", in: directory)
            let error = #expect(throws: XMLError.self, "\(location)") { try XMLSchema(contentsOf: path) }
            #expect(error?.kind == .schemaUnavailable, "\(location)")
            #expect(error?.message.contains("external resource refused") == true, "\(location)")
        }

        // The same URL is accepted once a file of that name sits beside the XSD.
        try TemporaryFile.write("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:o\"/>",
                                named: "other.xsd", in: directory)
        let path = try TemporaryFile.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:import namespace="urn:o" schemaLocation="http://127.0.0.1:9/other.xsd"/>
              <xs:element name="r"/>
            </xs:schema>
            """, named: "main.xsd", in: directory)
        defer { TemporaryFile.remove(directory + "/other.xsd"); TemporaryFile.remove(path) }
        let schema = try XMLSchema(contentsOf: path)
        #expect(schema.validate(try XMLDocument.parse(Array("<r/>".utf8))) == [])
        #expect(schema.validate(try XMLDocument.parse(Array("<s/>".utf8))).count == 1)
    }
}
