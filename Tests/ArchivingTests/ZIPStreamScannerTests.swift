import Foundation
import Testing
@testable import Archiving

@Suite("ZIP stream scanner: stored entries found as the package arrives, in any chunking")
struct ZIPStreamScannerTests {
    /// Feeds `bytes` in chunks of `size`; the stored spans found (offset → length) and the parts
    /// in order, checked to cover every byte once.
    static func scan(_ bytes: [UInt8], chunk size: Int, maxEntries: Int = 100) -> (spans: [Int: Int], names: [Int: String]) {
        var scanner = ZIPStreamScanner(maxEntries: maxEntries)
        var spans: [Int: Int] = [:]
        var names: [Int: String] = [:]
        var covered = 0
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            let segments = bytes[offset..<end].withUnsafeBytes { scanner.scan($0, at: offset) }
            for segment in segments {
                #expect(offset + segment.range.lowerBound == covered, "parts in order, without gaps or overlaps")
                covered = offset + segment.range.upperBound
                if case .stored(let entry, _) = segment.part {
                    #expect(offset + segment.range.lowerBound >= entry.dataOffset)
                    spans[entry.dataOffset, default: 0] += segment.range.count
                    names[entry.dataOffset] = entry.name
                }
            }
            offset = end
        }
        #expect(covered == bytes.count)
        return (spans, names)
    }

    /// A ZIP written by Python's zipfile: stored and deflated entries, sizes in the local headers.
    static func pythonZIP() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-\(UUID().uuidString).zip")
        let script = """
        import os, sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w") as z:
            z.writestr(zipfile.ZipInfo("manifest.xml"), b"<ArchiveTransfer/>" * 50, compress_type=zipfile.ZIP_DEFLATED)
            z.writestr(zipfile.ZipInfo("content/a.pdf"), b"%PDF-1.4\\n" + os.urandom(300000), compress_type=zipfile.ZIP_STORED)
            z.writestr(zipfile.ZipInfo("content/b.txt"), b"texte " * 5000, compress_type=zipfile.ZIP_DEFLATED)
            z.writestr(zipfile.ZipInfo("content/vide.bin"), b"", compress_type=zipfile.ZIP_STORED)
            z.writestr(zipfile.ZipInfo("content/c.bin"), b"12345", compress_type=zipfile.ZIP_STORED)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, url.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return url
    }

    @Test("a real ZIP: each stored entry with bytes is found where its central directory puts it", arguments: [1, 7, 30, 4096, 65536, 1 << 22])
    func realPackage(chunk: Int) throws {
        let url = try Self.pythonZIP()
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = [UInt8](try Data(contentsOf: url))
        let (spans, names) = Self.scan(bytes, chunk: chunk)
        let layout = ZIPLayout.storedSpans(of: url)
        #expect(Set(names.values) == ["content/a.pdf", "content/c.bin"])
        for (offset, length) in spans {
            let name = try #require(names[offset])
            #expect(layout[name] == ZIPLayout.Span(offset: offset, length: length))
        }
        #expect(layout["content/a.pdf"]?.length == 300_009)
    }

    /// A local header (APPNOTE 4.3.7) with its name and extra field.
    static func header(_ name: String, method: UInt16 = 0, flags: UInt16 = 0, size: UInt32, extra: [UInt8] = []) -> [UInt8] {
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
        let name = Array(name.utf8)
        return [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(flags) + le16(method) + le32(0) + le32(0) + le32(size) + le32(size)
            + le16(UInt16(name.count)) + le16(UInt16(extra.count)) + name + extra
    }

    @Test("sizes in a data descriptor, encryption, or anything that is not a local header end what is followed")
    func unfollowable() {
        let data = [UInt8](repeating: 0x41, count: 100)
        let afterDescriptor = Self.header("a.bin", size: 100) + data + Self.header("b.bin", flags: 0x0008, size: 0) + data + Self.header("c.bin", size: 100) + data
        #expect(Set(Self.scan(afterDescriptor, chunk: 13).names.values) == ["a.bin"])
        let encrypted = Self.header("a.bin", flags: 0x0001, size: 100) + data + Self.header("c.bin", size: 100) + data
        #expect(Self.scan(encrypted, chunk: 64).spans.isEmpty)
        let garbage = [UInt8]("pas une archive ZIP, mais un texte assez long pour un en-tête".utf8)
        #expect(Self.scan(garbage, chunk: 5).spans.isEmpty)
        let compressed = Self.header("a.bin", method: 8, size: 100) + data + Self.header("c.bin", size: 100) + data
        let (spans, names) = Self.scan(compressed, chunk: 17)
        #expect(Array(names.values) == ["c.bin"] && spans.values.first == 100, "a compressed entry is skipped, the next one found")
    }

    @Test("ZIP64 sizes come from the extra record; past the entry bound nothing more is followed")
    func zip64AndBound() {
        let data = [UInt8](repeating: 0x42, count: 70)
        let extra: [UInt8] = [0x01, 0x00, 16, 0x00] + [70, 0, 0, 0, 0, 0, 0, 0] + [70, 0, 0, 0, 0, 0, 0, 0]
        let zip64 = Self.header("grand.bin", size: 0xFFFF_FFFF, extra: extra) + data + Self.header("suite.bin", size: 70) + data
        let (spans, names) = Self.scan(zip64, chunk: 9)
        #expect(Set(names.values) == ["grand.bin", "suite.bin"])
        #expect(spans.values.allSatisfy { $0 == 70 })
        #expect(Array(Self.scan(zip64, chunk: 9, maxEntries: 1).names.values) == ["grand.bin"])
        let noRecord = Self.header("grand.bin", size: 0xFFFF_FFFF) + data
        #expect(Self.scan(noRecord, chunk: 9).spans.isEmpty)
    }
}
