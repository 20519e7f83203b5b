import Archiving
import Composition
import Foundation
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing
import XML
import ZIPFoundation

/// What archive tests share: a member with referentials, SIPs written by `SIPBuilder` or by hand.
struct ArchiveFixture {
    let platform: TestPlatform
    let slug: String
    var host: String { "\(slug).localhost" }
    var member: MemberStore { platform.services.tenantStore.member(try! TenantSlug(slug)) }

    static let specs = TestEnvironment.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/specs")
    static var specsPresent: Bool { FileManager.default.fileExists(atPath: specs.appendingPathComponent("seda-2.2/seda-2.2-main.xsd").path) }

    /// An agency and an agreement allowing it.
    func referentials() async throws {
        let referentials = ArchiveReferentials(member: member)
        try await referentials.save(ArchiveAgency(identifier: "dgs", name: "Direction générale des services"))
        try await referentials.save(ArchivalAgreement(identifier: "CONV-1", name: "Convention de test", originatingAgencies: ["dgs"], active: true))
    }

    func builder(_ version: SEDAVersion, message: String = "SIP-\(UUID().uuidString.prefix(8))") -> SIPBuilder {
        SIPBuilder(version: version, messageIdentifier: message, archivalAgreement: "CONV-1", archivalAgency: slug, transferringAgency: "dgs",
                   originatingAgency: "dgs", units: [
                       SIPBuilder.Unit(title: "Arrêtés du maire 2026", description: "Registre des délibérations et arrêtés", level: "RecordGrp",
                                       keywords: ["voirie"], startDate: "2026-01-01", endDate: "2026-12-31",
                                       appraisal: ("APP-10", "2026-01-01", "Keep"), children: [
                                           SIPBuilder.Unit(title: "Arrêté de circulation", files: [
                                               SIPBuilder.File(name: "arrete.pdf", bytes: SamplePDF.arrete, mimeType: "application/pdf"),
                                               SIPBuilder.File(name: "horaires.csv", bytes: Array("jour;heure\nlundi;8h\n".utf8), mimeType: "text/csv"),
                                           ]),
                                           SIPBuilder.Unit(title: "Plan", files: [SIPBuilder.File(name: "plan.png", bytes: PNG.tiny, mimeType: "image/png")]),
                                       ]),
                   ])
    }

    static func zip(_ entries: [(String, [UInt8])], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in entries {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
        return Array(try Data(contentsOf: url))
    }

    /// The builder's SIP with its entries stored, not deflated (staged as the upload arrives).
    static func storedSIP(_ builder: SIPBuilder) throws -> [UInt8] {
        let (manifest, files) = try parts(builder)
        return try zip([("manifest.xml", Array(manifest.utf8))] + files, compression: .none)
    }

    static func sip(_ builder: SIPBuilder) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try builder.write(to: url)
        return Array(try Data(contentsOf: url))
    }

    /// The manifest and files of a builder, to tamper with before zipping.
    static func parts(_ builder: SIPBuilder) throws -> (String, [(String, [UInt8])]) {
        let (manifest, files) = try builder.manifest()
        return (manifest.serialized(), files)
    }

    /// Rows and blobs the member holds (a refused SIP must leave these as they were).
    func stored() async throws -> (objects: Int, units: Int, documents: Int) {
        let row = try #require(try await member.read("""
            SELECT (SELECT count(*) FROM archive_objects), (SELECT count(*) FROM archive_units), (SELECT count(*) FROM documents)
            """).first)
        return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2))
    }

    /// Files under a blob root for this member, staging included (nothing may stay behind).
    func blobFiles(_ root: URL) -> [String] {
        let base = root.appendingPathComponent(slug)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return enumerator.compactMap { ($0 as? URL).flatMap { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true ? $0.path : nil } }
    }

    /// `xmllint --schema` with the shared catalog: the official check of what the platform produces.
    static func xmllint(_ xml: String, version: String) async throws -> ChildProcess.Finished {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("seda-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let folder = specs.appendingPathComponent("seda-\(version)")
        return try await ChildProcess.run(
            ["xmllint", "--noout", "--nonet", "--schema", folder.appendingPathComponent("seda-\(version)-main.xsd").path, file.path],
            environment: ["XML_CATALOG_FILES": folder.appendingPathComponent("catalog-xmllint.xml").path]
        )
    }
}

enum PNG {
    /// A 1×1 PNG.
    static let tiny: [UInt8] = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!)
}
