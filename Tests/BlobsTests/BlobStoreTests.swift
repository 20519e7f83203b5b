import Blobs
import Cryptography
import Foundation
import NIOCore
import Tenancy
import TestSupport
import Testing

func collect(_ content: BlobContent) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    for try await chunk in content.chunks { bytes += chunk.readableBytesView }
    return bytes
}

@Suite("Blob store (filesystem)")
struct BlobStoreTests {
    let member = try! TenantSlug("amiens")

    func withStore<T>(_ body: (FileSystemBlobStore, URL) async throws -> T) async throws -> T {
        let root = try Fixtures.temporaryDirectory()
        let store = try FileSystemBlobStore(root: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let value = try await body(store, root)
        await store.shutdown()
        return value
    }

    func files(under root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path, isDirectory: &directory) && !directory.boolValue
        }
    }

    @Test("a blob is keyed by its SHA-256, with its SHA-512, size and type; visible only once committed; read whole or by range")
    func roundTrip() async throws {
        try await withStore { store, root in
            var bytes = Array("%PDF-1.4\n".utf8)
            for index in 0..<3_000_000 { bytes.append(UInt8(truncatingIfNeeded: index &* 31)) }
            let parts = stride(from: 0, to: bytes.count, by: 70_000).map { Array(bytes[$0..<min($0 + 70_000, bytes.count)]) }
            let staged = try await store.stage(member: member, from: Chunks(parts: parts), limit: 10_000_000)
            #expect(staged.key.sha256 == SHA.hex(.sha256, bytes))
            #expect(staged.sha512 == SHA.hex(.sha512, bytes))
            #expect(staged.size == bytes.count)
            #expect(staged.mediaType == .pdf)
            #expect(try await store.size(member: member, key: staged.key) == nil)
            try await store.commit(staged)
            #expect(try await store.size(member: member, key: staged.key) == bytes.count)
            #expect(files(under: root) == ["amiens/\(staged.key.sha256.prefix(2))/\(staged.key.sha256.dropFirst(2).prefix(2))/\(staged.key.sha256)"])
            #expect(try await collect(try await store.read(member: member, key: staged.key, range: nil)) == bytes)
            let part = try await store.read(member: member, key: staged.key, range: 1_000_000...1_300_000)
            #expect(try await collect(part) == Array(bytes[1_000_000...1_300_000]))
            await #expect(throws: BlobError.self) { _ = try await store.read(member: member, key: staged.key, range: 0...bytes.count) }
            // Another member's namespace does not have it.
            await #expect(throws: BlobError.self) { _ = try await store.read(member: try TenantSlug("boves"), key: staged.key, range: nil) }
        }
    }

    @Test("an interrupted, oversized or discarded upload leaves nothing behind")
    func nothingStays() async throws {
        try await withStore { store, root in
            let parts = Array(repeating: Array(repeating: UInt8(7), count: 100_000), count: 30)
            await #expect(throws: Chunks.Cut.self) { _ = try await store.stage(member: member, from: Chunks(parts: parts, failAfter: 12), limit: 10_000_000) }
            await #expect(throws: BlobError.self) { _ = try await store.stage(member: member, from: Chunks(parts: parts), limit: 1_000_000) }
            let staged = try await store.stage(member: member, from: Chunks(parts: parts), limit: 10_000_000)
            await store.discard(staged)
            #expect(files(under: root).isEmpty)
        }
    }

    @Test("the type comes from the bytes: magic numbers, office formats inside ZIP, text kinds")
    func sniffing() throws {
        func sniff(_ bytes: [UInt8]) -> MediaType? {
            var sniffer = MediaSniffer()
            bytes.withUnsafeBytes { sniffer.feed($0) }
            return sniffer.result()
        }
        #expect(sniff(Array("%PDF-1.7 …".utf8)) == .pdf)
        #expect(sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]) == .png)
        #expect(sniff([0xFF, 0xD8, 0xFF, 0xE0, 1, 2]) == .jpeg)
        #expect(sniff([0x49, 0x49, 0x2A, 0x00, 8, 0]) == .tiff)
        #expect(sniff(Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")])) == .docx)
        #expect(sniff(Self.zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<x/>")])) == .xlsx)
        #expect(sniff(Self.zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<o/>")])) == .odt)
        #expect(sniff(Self.zip([("photo.jpg", "x")])) == .zip)
        #expect(sniff(Array("\u{FEFF}<?xml version=\"1.0\"?><a/>".utf8)) == .xml)
        #expect(sniff(Array("  {\"a\": 1}".utf8)) == .json)
        #expect(sniff(Array("nom;montant\nécole;12\nmairie;7\n".utf8)) == .csv)
        #expect(sniff(Array("Bonjour,\nvoici le compte rendu.\n".utf8)) == .text)
        #expect(sniff([0x42, 0x00, 0x43]) == .binary)
        #expect(sniff([0x61, 0xC3]) == .binary)  // truncated UTF-8
        #expect(sniff([0xED, 0xA0, 0x80]) == .binary)  // a surrogate
        #expect(sniff([]) == nil)
    }

    @Test("file names: no path, no control or bidi characters, nothing Windows refuses, at most 200 bytes with the extension")
    func fileNames() {
        #expect(DocumentName.sanitized("../../etc/passwd", fallbackExtension: "txt") == "passwd")
        #expect(DocumentName.sanitized("C:\\Users\\x\\devis.pdf", fallbackExtension: "pdf") == "devis.pdf")
        #expect(DocumentName.sanitized("facture\u{202E}fdp.exe", fallbackExtension: "pdf") == "facturefdp.exe")
        #expect(DocumentName.sanitized("a\u{0}b\u{7}c<d>e|f?.pdf", fallbackExtension: "pdf") == "abc_d_e_f_.pdf")
        #expect(DocumentName.sanitized("  ", fallbackExtension: "pdf") == "document.pdf")
        #expect(DocumentName.sanitized(nil, fallbackExtension: "csv") == "document.csv")
        let long = DocumentName.sanitized(String(repeating: "é", count: 300) + ".pdf", fallbackExtension: "pdf")
        #expect(long.utf8.count <= 200 && long.hasSuffix(".pdf"))
    }

    /// A ZIP of stored entries (enough for the sniffer, which reads local headers).
    static func zip(_ entries: [(String, String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        func le16(_ value: Int) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: Int) { le16(value & 0xFFFF); le16(value >> 16 & 0xFFFF) }
        for (name, content) in entries {
            bytes += [0x50, 0x4B, 0x03, 0x04]
            le16(20); le16(0); le16(0); le16(0); le16(0); le32(0)
            le32(content.utf8.count); le32(content.utf8.count); le16(name.utf8.count); le16(0)
            bytes += Array(name.utf8) + Array(content.utf8)
        }
        return bytes
    }
}

