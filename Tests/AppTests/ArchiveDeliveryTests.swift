import Archiving
import Composition
import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOFoundationEssentialsCompat
import Postgres
import TenantStore
import TestSupport
import Testing
import ZIPFoundation

@Suite("Archive deliveries (DIP): communicable units only, a valid ArchiveDeliveryRequestReply, the objects' bytes", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveDeliveryTests {
    @Test("a partner gets communicable units, not the others; an archivist gets both, journaled; bad requests are 4xx")
    func deliveries() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "saleux")
            try await fixture.referentials()
            let referentials = ArchiveReferentials(member: fixture.member)
            try await referentials.save(ArchiveRule(identifier: "ACC-25", kind: "AccessRule", name: "Vie privée", duration: 25, measurement: "year", finalAction: nil))
            try await referentials.save(ArchiveRule(identifier: "ACC-0", kind: "AccessRule", name: "Immédiat", duration: 0, measurement: "year", finalAction: nil))
            let open = Array("Délibération publique \(UUID())\n".utf8), closed = Array("Dossier de personnel \(UUID())\n".utf8)
            let sip = try ArchiveFixture.sip(SIPBuilder(
                version: .v21, messageIdentifier: "DIP-1", archivalAgreement: "CONV-1", archivalAgency: "saleux", transferringAgency: "dgs",
                originatingAgency: "dgs", units: [
                    SIPBuilder.Unit(title: "Délibération publique", access: ("ACC-0", "2026-01-01"),
                                    files: [SIPBuilder.File(name: "deliberation.txt", bytes: open, mimeType: "text/plain")]),
                    SIPBuilder.Unit(title: "Dossier de personnel", access: ("ACC-25", "2020-01-01"),
                                    files: [SIPBuilder.File(name: "personnel.txt", bytes: closed, mimeType: "text/plain")]),
                ]))
            let token = try await platform.clientToken("saleux")
            _ = try await platform.account("saleux", "archiviste@saleux.fr", roles: [.tenantAdmin])
            try await platform.test { client in
                let ingested = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: token)
                #expect(ingested.status == .created, "\(ingested.text)")
                func unit(_ title: String) async throws -> String {
                    try #require(try await fixture.member.read("SELECT id FROM archive_units WHERE title = \(title)").first?.decode(UUID.self, at: 0)).uuidString.lowercased()
                }
                let public_ = try await unit("Délibération publique"), personal = try await unit("Dossier de personnel")
                func deliver(_ units: [String], bearer: String? = nil, cookie: String? = nil) async throws -> TestResponse {
                    let body = Array(try JSONSerialization.data(withJSONObject: ["units": units]))
                    return try await client.sendBytes(.post, "/api/v1/archive/deliveries", host: fixture.host, body: body, contentType: "application/json",
                                                      cookie: cookie, bearer: bearer)
                }
                let dip = try await deliver([public_], bearer: token)
                #expect(dip.status == .ok)
                #expect(dip.headers[.contentType] == "application/zip")
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("dip-\(UUID()).zip")
                defer { try? FileManager.default.removeItem(at: url) }
                try Data(buffer: dip.body).write(to: url)
                let archive = try Archive(url: url, accessMode: .read)
                var entries: [String: Data] = [:]
                for entry in archive {
                    var data = Data()
                    _ = try archive.extract(entry) { data.append($0) }
                    entries[entry.path] = data
                }
                let manifest = String(decoding: try #require(entries["manifest.xml"]), as: UTF8.self)
                let lint = try await ArchiveFixture.xmllint(manifest, version: "2.2")
                #expect(lint.status == 0, "\(lint.output)")
                #expect(manifest.contains(SHA.hex(.sha512, open)))
                #expect(entries.values.contains(Data(open)), "the object's bytes are in the DIP")
                #expect(!entries.values.contains(Data(closed)))

                let refused = try await deliver([public_, personal], bearer: token)
                #expect(refused.status == .forbidden && refused.text.contains("pas encore communicable") && refused.text.contains("2045"))
                #expect(try await deliver([], bearer: token).status == .unprocessableContent)
                #expect(try await deliver([UUID().uuidString], bearer: token).status == .notFound)
                #expect(try await deliver(["pas-un-uuid"], bearer: token).status == .badRequest)

                // An archivist may read what is not yet communicable; the journal says so.
                let archivist = try await client.signIn(fixture.host, "archiviste@saleux.fr")
                let privileged = try await deliver([personal], cookie: archivist)
                #expect(privileged.status == .ok)
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_saleux.audit_journal WHERE action = 'archive.delivery' AND details LIKE '%"privileged":"true"%'
                    """) == 1)
            }
            // Nothing of the deliveries stays in the work folder.
            let work = platform.services.configuration.workDirectory.appendingPathComponent("archive")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []
            #expect(left.filter { $0.hasPrefix("dip-") }.isEmpty, "\(left)")
        }
    }
}
