@testable import Archiving
import Foundation
import Testing
import ZIPFoundation

@Suite("ZIP layout: where stored entries' bytes lie in a package (read in place, not unpacked)")
struct ZIPLayoutTests {
    func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID()).zip")
        try Data(bytes).write(to: url)
        return url
    }

    @Test("stored entries are found at their bytes; deflated ones and garbage are left to unpacking")
    func spans() throws {
        let pdf = SamplePDF.arrete, text = Array("Procès-verbal\n".utf8), empty: [UInt8] = []
        let stored = try file(try ArchiveFixture.zip([("manifest.xml", Array("<a/>".utf8)), ("Content/é.pdf", pdf), ("vide.txt", empty), ("b.txt", text)],
                                                     compression: .none))
        let deflated = try file(try ArchiveFixture.zip([("Content/a.pdf", pdf)], compression: .deflate))
        let garbage = try file(Array("pas une archive ZIP".utf8) + [UInt8](repeating: 0x50, count: 100))
        defer { for url in [stored, deflated, garbage] { try? FileManager.default.removeItem(at: url) } }
        let bytes = [UInt8](try Data(contentsOf: stored))
        let spans = ZIPLayout.storedSpans(of: stored)
        #expect(spans.count == 4)
        for (name, content) in [("Content/é.pdf", pdf), ("b.txt", text), ("vide.txt", empty)] {
            let span = try #require(spans[name], "\(name)")
            #expect(Array(bytes[span.offset..<span.offset + span.length]) == content, "\(name)")
        }
        #expect(ZIPLayout.storedSpans(of: deflated).isEmpty)
        #expect(ZIPLayout.storedSpans(of: garbage).isEmpty)
        #expect(ZIPLayout.storedSpans(of: URL(fileURLWithPath: "/nonexistent/\(UUID())")).isEmpty)
        // A truncated package (its directory cut off) gives nothing rather than wrong spans.
        let truncated = try file(Array(bytes.prefix(bytes.count - 30)))
        defer { try? FileManager.default.removeItem(at: truncated) }
        #expect(ZIPLayout.storedSpans(of: truncated).isEmpty)
    }
}
