import Archiving
import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TenantStore
import TestSupport
import Testing
import XML
import ZIPFoundation

@Suite("Archive ingest refusals: each malicious or faulty SIP is refused with its reason and leaves nothing stored", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveRefusalTests {
    /// A builder's manifest and files, changed by `edit`, zipped with `extra` entries.
    static func tampered(_ builder: SIPBuilder, manifest edit: (String) -> String = { $0 }, files change: ([(String, [UInt8])]) -> [(String, [UInt8])] = { $0 },
                         extra: [(String, [UInt8])] = []) throws -> [UInt8] {
        let (manifest, files) = try ArchiveFixture.parts(builder)
        return try ArchiveFixture.zip([("manifest.xml", Array(edit(manifest).utf8))] + change(files) + extra)
    }

    static func symlinkZip(_ manifest: String) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        let data = Data(manifest.utf8)
        try archive.addEntry(with: "manifest.xml", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
        }
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "content/passwd", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in
            target.subdata(in: Data.Index(position)..<Data.Index(position) + size)
        }
        return Array(try Data(contentsOf: url))
    }

    /// A stored local entry that no central directory lists (the package's offsets are all off).
    static let hiddenEntry: [UInt8] = {
        let name = Array("content/cache.bin".utf8)
        let data = [UInt8](repeating: 0x41, count: 5000)
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16) }
        return [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le32(0) + le32(0) + le32(data.count) + le32(data.count)
            + le16(name.count) + le16(0) + name + data
    }()

    @Test("zip slip, absolute paths, links, zip bombs, DTDs and entities, schema errors, wrong digests and sizes, formats, agreements and agencies")
    func refusals() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "boves")
            try await fixture.referentials()
            let builder = fixture.builder(.v22)
            let (manifest, files) = try ArchiveFixture.parts(builder)
            let laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <ArchiveTransfer xmlns="fr:gouv:culture:archivesdefrance:seda:v2.2"><Comment>&lol2;</Comment></ArchiveTransfer>
                """
            let entity = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><ArchiveTransfer xmlns="fr:gouv:culture:archivesdefrance:seda:v2.2"><Comment>&x;</Comment></ArchiveTransfer>"#
            var wrongPDF = builder
            wrongPDF.units[0].children[1].files[0] = SIPBuilder.File(name: "plan.pdf", bytes: PNG.tiny, mimeType: "application/pdf")
            var unknownAgreement = builder
            unknownAgreement.archivalAgreement = "CONV-INCONNUE"
            var foreignAgency = builder
            foreignAgency.originatingAgency = "urbanisme"
            let cases: [(String, [UInt8], IngestRefusal.Code)] = [
                ("not a zip", Array("ceci n'est pas un zip".utf8), .notZip),
                ("zip slip", try Self.tampered(builder, extra: [("../../evil.txt", Array("x".utf8))]), .unsafePath),
                ("absolute path", try Self.tampered(builder, extra: [("/tmp/evil.txt", Array("x".utf8))]), .unsafePath),
                ("symbolic link", try Self.symlinkZip(manifest), .link),
                ("zip bomb", try Self.tampered(builder, extra: [("content/bomb.bin", [UInt8](repeating: 0, count: 24 << 20))]), .compressionRatio),
                ("no manifest", try ArchiveFixture.zip(files), .missingManifest),
                ("billion laughs", try ArchiveFixture.zip([("manifest.xml", Array(laughs.utf8))] + files), .xmlUnsafe),
                ("external entity", try ArchiveFixture.zip([("manifest.xml", Array(entity.utf8))] + files), .xmlUnsafe),
                ("malformed", try Self.tampered(builder, manifest: { $0.replacingOccurrences(of: "</Title>", with: "</Titre>") }), .xmlMalformed),
                ("schema", try Self.tampered(builder, manifest: { $0.replacingOccurrences(of: "<CodeListVersions/>", with: "<CodeListVersions/><Intrus/>") }), .schema),
                ("wrong digest", try Self.tampered(builder, files: { $0.map { ($0.0, $0.1.reversed()) } }), .digest),
                // Stored entries are staged as the package arrives: refused, they must go too.
                ("wrong digest, stored", try ArchiveFixture.zip([("manifest.xml", Array(manifest.utf8))] + files.map { ($0.0, Array($0.1.reversed())) },
                                                                compression: .none), .digest),
                ("a stored entry hidden before the package", Self.hiddenEntry + (try ArchiveFixture.zip([("manifest.xml", Array(manifest.utf8))] + files,
                                                                                                       compression: .none)), .missingManifest),
                ("wrong size", try Self.tampered(builder, manifest: { $0.replacingOccurrences(of: "<Size>\(PNG.tiny.count)</Size>", with: "<Size>\(PNG.tiny.count + 1)</Size>") }), .size),
                ("missing object", try Self.tampered(builder, files: { Array($0.dropLast()) }), .missingObject),
                ("PNG declared PDF", try ArchiveFixture.sip(wrongPDF), .format),
                ("unknown agreement", try ArchiveFixture.sip(unknownAgreement), .agreement),
                ("agency not allowed", try ArchiveFixture.sip(foreignAgency), .agency),
                ("unlisted file", try Self.tampered(builder, extra: [("content/intrus.txt", Array("x".utf8))]), .unlistedFile),
            ]
            let unknownAgreementSIP = try ArchiveFixture.sip(unknownAgreement)
            let before = try await fixture.stored()
            let firstBefore = fixture.blobFiles(platform.services.configuration.blobRoot)
            let secondBefore = fixture.blobFiles(platform.services.configuration.archiveSecondRoot)
            let token = try await platform.clientToken("boves")
            try await platform.test { client in
                for (name, sip, code) in cases {
                    let response = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: token)
                    #expect(response.status == .unprocessableContent, "\(name): \(response.status) \(response.text.prefix(300))")
                    let json = try response.json()
                    #expect(json["reply_code"] as? String == "KO", "\(name)")
                    let events = json["events"] as? [[String: Any]] ?? []
                    #expect(events.contains { $0["detail"] as? String == code.rawValue }, "\(name): \(events)")
                    #expect(events.allSatisfy { ($0["message"] as? String ?? "").count > 10 }, "\(name): a French reason")
                }
                // A KO reply in XML validates too (xmllint).
                let response = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: unknownAgreementSIP,
                                                          contentType: "application/zip", bearer: token, accept: "application/xml")
                #expect(response.status == .unprocessableContent)
                let lint = try await ArchiveFixture.xmllint(response.text, version: "2.2")
                #expect(lint.status == 0, "\(lint.output)")
            }
            let after = try await fixture.stored()
            #expect(after.objects == before.objects)
            #expect(after.units == before.units)
            #expect(after.documents == before.documents)
            #expect(fixture.blobFiles(platform.services.configuration.blobRoot) == firstBefore, "a refused SIP leaves no blob, staged or not")
            #expect(fixture.blobFiles(platform.services.configuration.archiveSecondRoot) == secondBefore)
            let refused = try await fixture.member.read("SELECT count(*) FROM archive_transfers WHERE status = 'refused'").first?.decode(Int.self, at: 0)
            #expect(refused == cases.count + 1, "each refusal is recorded with its reply")
        }
    }
}
