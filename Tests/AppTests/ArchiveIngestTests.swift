import Archiving
import Blobs
import Composition
import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing
import ZIPFoundation
import XML

@Suite("Archive ingest: SEDA SIPs checked, stored twice, answered with a valid ArchiveTransferReply", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveIngestTests {
    @Test("a SIP of each SEDA version with nested units is accepted: 201, both copies stored, the reply validates with xmllint, units searchable without accents")
    func accepted() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "boves")
            try await fixture.referentials()
            let before = try await fixture.stored()
            let token = try await platform.clientToken("boves")
            try await platform.test { client in
                for version in SEDAVersion.allCases {
                    // One of them stored rather than deflated: its objects are staged as the upload arrives.
                    let builder = fixture.builder(version, message: "SIP-\(version.rawValue)")
                    let sip = version == .v22 ? try ArchiveFixture.storedSIP(builder) : try ArchiveFixture.sip(builder)
                    let response = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: token)
                    #expect(response.status == .created, "\(response.text)")
                    let json = try response.json()
                    #expect(json["reply_code"] as? String == "OK")
                    #expect(json["version"] as? String == version.rawValue)
                    #expect(json["message_request_identifier"] as? String == "SIP-\(version.rawValue)")
                    let location = try #require(response.headers[.location])
                    // The same reply as SEDA XML, valid against the version's XSD (xmllint, the shared catalog).
                    let xml = try await client.get(location, host: fixture.host, headers: [.authorization: "Bearer \(token)", .accept: "application/xml"])
                    #expect(xml.status == .ok)
                    #expect(xml.text.contains("<ReplyCode>OK</ReplyCode>"))
                    let lint = try await ArchiveFixture.xmllint(xml.text, version: version.rawValue)
                    #expect(lint.status == 0, "\(lint.output)")
                }
            }
            let stored = try await fixture.stored()
            #expect(stored.objects - before.objects == 9)
            #expect(stored.units - before.units == 9)
            // Every object is in both locations, with its SHA-512.
            let first = platform.services.blobs, second = platform.services.replicaBlobs
            let boves = try TenantSlug("boves")
            for row in try await fixture.member.read("SELECT sha256, sha512 FROM archive_objects") {
                let key = try #require(BlobKey(try row.decode(String.self, at: 0)))
                let sha512 = try row.decode(String.self, at: 1)
                let firstCopy = try await ArchiveCopies.sha512(of: key, in: first, member: boves)
                let secondCopy = try await ArchiveCopies.sha512(of: key, in: second, member: boves)
                #expect(firstCopy == sha512)
                #expect(secondCopy == sha512)
            }
            // The tree: the children's parent is the group unit.
            let children = try await fixture.member.read("""
                SELECT count(*) FROM archive_units c JOIN archive_units p ON p.id = c.parent_id WHERE p.title = 'Arrêtés du maire 2026'
                """).first?.decode(Int.self, at: 0)
            #expect(children == 6)
            _ = before
            // French full-text search ignores accents and inflections.
            let found = try await fixture.member.read("""
                SELECT count(*) FROM archive_units
                WHERE search @@ plainto_tsquery('french'::regconfig, extensions.unaccent('extensions.unaccent'::regdictionary, 'arretes deliberation'))
                """).first?.decode(Int.self, at: 0)
            #expect(found == 3, "the demo's « Arrêtés du maire — 2026 » is not a deliberation")
        }
    }

    @Test("a hand-written third-party SIP (SEDA 2.1, objects outside groups, DataObjectReferenceId, SHA-256), stored not deflated, is accepted")
    func thirdParty() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "boves")
            try await fixture.referentials()
            let pdf = SamplePDF.arrete
            let text = Array("Procès-verbal du conseil municipal.\n".utf8)
            let manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ArchiveTransfer xmlns="fr:gouv:culture:archivesdefrance:seda:v2.1" xmlns:xlink="http://www.w3.org/1999/xlink">
                  <Comment>Versement ReSIP</Comment>
                  <Date>2026-11-30T09:00:00</Date>
                  <MessageIdentifier>RESIP-2026-42</MessageIdentifier>
                  <ArchivalAgreement>CONV-1</ArchivalAgreement>
                  <CodeListVersions><ReplyCodeListVersion>ReplyCodeListVersion0</ReplyCodeListVersion></CodeListVersions>
                  <DataObjectPackage>
                    <BinaryDataObject id="ID10">
                      <DataObjectVersion>BinaryMaster_1</DataObjectVersion>
                      <Uri>Content/ID10.pdf</Uri>
                      <MessageDigest algorithm="SHA-256">\(SHA.hex(.sha256, pdf))</MessageDigest>
                      <Size>\(pdf.count)</Size>
                      <FormatIdentification><MimeType>application/pdf</MimeType><FormatId>fmt/18</FormatId></FormatIdentification>
                      <FileInfo><Filename>deliberation.pdf</Filename></FileInfo>
                    </BinaryDataObject>
                    <BinaryDataObject id="ID11">
                      <DataObjectVersion>BinaryMaster_1</DataObjectVersion>
                      <Uri>Content/ID11.txt</Uri>
                      <MessageDigest algorithm="SHA-512">\(SHA.hex(.sha512, text))</MessageDigest>
                      <Size>\(text.count)</Size>
                      <FormatIdentification><FormatId>x-fmt/111</FormatId></FormatIdentification>
                    </BinaryDataObject>
                    <DescriptiveMetadata>
                      <ArchiveUnit id="ID1">
                        <Content><DescriptionLevel>File</DescriptionLevel><Title>Conseil municipal du 30 novembre</Title>
                          <StartDate>2026-11-30</StartDate></Content>
                        <ArchiveUnit id="ID2">
                          <Content><DescriptionLevel>Item</DescriptionLevel><Title>Délibération</Title></Content>
                          <DataObjectReference><DataObjectReferenceId>ID10</DataObjectReferenceId></DataObjectReference>
                        </ArchiveUnit>
                        <ArchiveUnit id="ID3">
                          <Content><DescriptionLevel>Item</DescriptionLevel><Title>Procès-verbal</Title></Content>
                          <DataObjectReference><DataObjectReferenceId>ID11</DataObjectReferenceId></DataObjectReference>
                        </ArchiveUnit>
                      </ArchiveUnit>
                    </DescriptiveMetadata>
                    <ManagementMetadata><OriginatingAgencyIdentifier>dgs</OriginatingAgencyIdentifier></ManagementMetadata>
                  </DataObjectPackage>
                  <ArchivalAgency><Identifier>boves</Identifier></ArchivalAgency>
                  <TransferringAgency><Identifier>dgs</Identifier></TransferringAgency>
                </ArchiveTransfer>
                """
            let lint = try await ArchiveFixture.xmllint(manifest, version: "2.1")
            #expect(lint.status == 0, "the fixture itself: \(lint.output)")
            // Stored entries: their bytes are read in place in the package (ZIPLayout), not unpacked.
            let sip = try ArchiveFixture.zip([("manifest.xml", Array(manifest.utf8)), ("Content/ID10.pdf", pdf), ("Content/ID11.txt", text)], compression: .none)
            let before = try await fixture.member.read("SELECT count(*) FROM archive_unit_objects").first?.decode(Int.self, at: 0) ?? 0
            let token = try await platform.clientToken("boves")
            try await platform.test { client in
                let response = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: token)
                #expect(response.status == .created, "\(response.text)")
                #expect(try response.json()["version"] as? String == "2.1")
            }
            let links = try await fixture.member.read("SELECT count(*) FROM archive_unit_objects").first?.decode(Int.self, at: 0)
            #expect((links ?? 0) - before == 2)
            let digests = try await fixture.member.read("SELECT sha512, size FROM archive_objects WHERE seda_id IN ('ID10', 'ID11') ORDER BY seda_id")
                .map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1)) }
            #expect(digests.map(\.0) == [SHA.hex(.sha512, pdf), SHA.hex(.sha512, text)] && digests.map(\.1) == [pdf.count, text.count])
        }
    }

    @Test("a stored SIP of many small files: each staged as the upload arrives (a few at a time), all accepted in both locations")
    func manySmallStoredFiles() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "boves")
            try await fixture.referentials()
            let before = try await fixture.stored()
            var builder = fixture.builder(.v22, message: "PIECES-60")
            builder.units = [SIPBuilder.Unit(title: "Pièces du dossier", level: "File", children: (0..<60).map { index in
                SIPBuilder.Unit(title: "Pièce \(index)", files: [SIPBuilder.File(name: "piece-\(index).txt", bytes: Array("Pièce numéro \(index)\n".utf8))])
            })]
            let token = try await platform.clientToken("boves")
            let sip = try ArchiveFixture.storedSIP(builder)
            try await platform.test { client in
                let response = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip,
                                                          contentType: "application/zip", bearer: token)
                #expect(response.status == .created, "\(response.text.prefix(600))")
            }
            #expect(try await fixture.stored().objects - before.objects == 60)
            let boves = try TenantSlug("boves")
            for row in try await fixture.member.read("SELECT sha256, sha512 FROM archive_objects WHERE file_name LIKE 'piece-%'") {
                let key = try #require(BlobKey(try row.decode(String.self, at: 0)))
                let sha512 = try row.decode(String.self, at: 1)
                #expect(try await ArchiveCopies.sha512(of: key, in: platform.services.blobs, member: boves) == sha512)
                #expect(try await ArchiveCopies.sha512(of: key, in: platform.services.replicaBlobs, member: boves) == sha512)
            }
            #expect(fixture.blobFiles(platform.services.configuration.blobRoot).allSatisfy { !$0.contains(".staging") }, "nothing left staged")
        }
    }

    @Test("an Idempotency-Key on a transfer: the package's fingerprint (hashed once, by the key's check) is the SIP's SHA-256; a retry is replayed; another SIP under the key is a 422")
    func idempotentTransfer() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "camon")
            try await fixture.referentials()
            let token = try await platform.clientToken("camon")
            let run = UUID().uuidString.prefix(8)
            let sip = try ArchiveFixture.storedSIP(fixture.builder(.v22, message: "IDEM-1-\(run)"))
            let other = try ArchiveFixture.sip(fixture.builder(.v23, message: "IDEM-2-\(run)"))
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "versement-\(run)"]
            try await platform.test { client in
                func send(_ body: [UInt8], headers: HTTPFields) async throws -> TestResponse {
                    try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: body,
                                               contentType: "application/zip", bearer: token, headers: headers)
                }
                let first = try await send(sip, headers: key)
                #expect(first.status == .created, "\(first.text.prefix(600))")
                let again = try await send(sip, headers: key)
                #expect(again.status == .created)
                #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                #expect(again.headers[.location] == first.headers[.location])
                let reused = try await send(other, headers: key)
                #expect(reused.status == .unprocessableContent)
                // Without a key, the upload hashes the package itself.
                let plain = try await send(other, headers: [:])
                #expect(plain.status == .created, "\(plain.text.prefix(600))")
            }
            let recorded = try await fixture.member.read("""
                SELECT message_identifier, sip_sha256, sip_size FROM archive_transfers WHERE message_identifier LIKE \("IDEM-%-" + run) ORDER BY received_at
                """)
                .map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(Int.self, at: 2)) }
            #expect(recorded.map(\.0) == ["IDEM-1-\(run)", "IDEM-2-\(run)"], "one transfer per SIP: the retry was replayed, not ingested again")
            #expect(recorded.first.map { [$0.1, String($0.2)] } == [SHA.hex(.sha256, sip), String(sip.count)])
            #expect(recorded.last.map { [$0.1, String($0.2)] } == [SHA.hex(.sha256, other), String(other.count)])
        }
    }
}
