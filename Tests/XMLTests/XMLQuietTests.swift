#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import XML

/// Redirects the process's stderr for a moment: what other tests print meanwhile is ignored.
@Suite("libxml2 never writes to stderr")
struct XMLQuietTests {
    @Test("parse, schema and validation errors all come back as values, none on stderr")
    func quiet() throws {
        let capture = try TemporaryFile.write("", named: "stderr.txt")
        defer { TemporaryFile.remove(capture) }
        let saved = dup(STDERR_FILENO)
        let file = open(capture, O_WRONLY | O_TRUNC)
        try #require(saved >= 0 && file >= 0)
        dup2(file, STDERR_FILENO)
        close(file)

        let documents = [
            "<r>\n</s>", "<r a='1' a='2'/>", "<p:r/>", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
            "<?xml version=\"1.0\" encoding=\"X-NOPE\"?><r/>", "<r xmlns=\"relative\">&#0;</r>", "",
        ]
        var refusals = 0
        for text in documents {
            do throws(XMLError) { _ = try XMLDocument.parse(Array(text.utf8)) } catch { refusals += 1 }
        }
        _ = try? XMLDocument.parse(Array("<r>".utf8) + [0xC3, 0x28] + Array("</r>".utf8))
        let broken = try TemporaryFile.write(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"r\" type=\"nope\"/></xs:schema>",
            named: "broken.xsd")
        defer { TemporaryFile.remove(broken) }
        _ = try? XMLSchema(contentsOf: broken)
        let schemaPath = try TemporaryFile.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="r" type="xs:int"/></xs:schema>
            """, named: "int.xsd")
        defer { TemporaryFile.remove(schemaPath) }
        let issues = try XMLSchema(contentsOf: schemaPath).validate(XMLDocument.parse(Array("<r>x</r>".utf8)))

        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        #expect(refusals == documents.count)
        #expect(issues.count == 1)
        #expect(issues.first?.message.contains("'x' is not a valid value") == true)

        let written = try #require(fopen(capture, "r"))
        defer { fclose(written) }
        var captured: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while case let count = fread(&buffer, 1, buffer.count, written), count > 0 {
            captured += buffer[..<count]
        }
        // Tests running in parallel may write their progress there: look for libxml2's own
        // format ("Entity: line 2: parser error : ...", "Schemas validity error : ...").
        let text = String(decoding: captured, as: UTF8.self)
        for mark in [" error : ", " warning : ", "Schemas ", "Opening and ending tag", "/etc/passwd"] {
            #expect(!text.contains(mark), "stderr got libxml2's output: \(text)")
        }
    }
}
