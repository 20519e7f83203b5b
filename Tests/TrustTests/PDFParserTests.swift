import Foundation
import Testing
@testable import Trust
import Zlib

@Suite("PDF lexer, parser and cross-reference reader")
struct PDFParserTests {
    static func parse(_ text: String) throws -> PDFObject {
        var parser = PDFParser(Array(text.utf8))
        return try parser.parseObject()
    }

    @Test("objects: strings with escapes, hex strings, names with #xx, references, reals, nesting")
    func objects() throws {
        #expect(try Self.parse("(a\\(b\\) (nested) \\101\\n\\\r\nend)") == .string(Array("a(b) (nested) A\nend".utf8), hex: false))
        #expect(try Self.parse("<48 65 6C 6C 6F 7>") == .string(Array("Hellop".utf8), hex: true))
        #expect(try Self.parse("/A#20B#2f") == .name("A B/"))
        #expect(try Self.parse("[1 0 R 2 -3.5 +.5 (x) 7]") == .array([
            .reference(PDFReference(1)), .integer(2), .real("-3.5"), .real("+.5"), .string([0x78], hex: false), .integer(7),
        ]))
        let dictionary = try #require(try Self.parse("<< /Type /Page /Kids [3 0 R] /Null null /Flag true % comment\n /Sub << /X 1 >> >>").dictionary)
        #expect(dictionary.keys == ["Type", "Kids", "Flag", "Sub"])
        #expect(dictionary["Sub"]?.dictionary?["X"] == .integer(1))
        #expect(throws: PDFSignatureError.self) { try Self.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
        #expect(throws: PDFSignatureError.self) { try Self.parse("<< /A (unterminated >>") }
        #expect(throws: PDFSignatureError.self) { try Self.parse("<4G>") }
    }

    @Test("serialising then parsing gives the same object")
    func roundTrip() throws {
        let object = PDFObject.dictionary(PDFDictionary([
            "Name": .name("With Space#(x)"), "Text": .string(Array("par(en)s \\ \r\u{7}é".utf8), hex: false),
            "Hex": .string([0xFE, 0xFF, 0, 0x41], hex: true), "Array": .array([.integer(-1), .real("0.25"), .boolean(false), .null]),
            "Ref": .reference(PDFReference(12, 3)), "Rect": .array([.number(12.5), .number(-0.00001), .number(1e6)]),
        ]))
        var parser = PDFParser(PDFSerializer.bytes(object))
        #expect(try parser.parseObject() == object)
        #expect(PDFSample.string(PDFSerializer.bytes(.array([.number(12.5), .number(-0.00001), .number(1e6)]))) == "[12.5 0 1000000]")
    }

    @Test("streams: a wrong /Length falls back to endstream; an indirect /Length is resolved")
    func streams() throws {
        var wrong = PDFParser(Array("7 0 obj << /Length 99 >>\nstream\r\nabc\r\nendstream endobj".utf8))
        #expect(try wrong.parseIndirectObject().1.stream?.data == Array("abc".utf8))
        var indirect = PDFParser(Array("7 0 obj << /Length 8 0 R >>\nstream\nab\nendstream\nc\nendstream endobj".utf8)) { reference in
            reference.number == 8 ? 14 : nil
        }
        #expect(try indirect.parseIndirectObject().1.stream?.data == Array("ab\nendstream\nc".utf8))
    }

    @Test("zlib: round trip, a size limit, corrupt and truncated input refused")
    func zlib() throws {
        let text = Array(String(repeating: "Délibération du conseil municipal. ", count: 200).utf8)
        let packed = try Zlib.deflate(text)
        #expect(packed.count < text.count / 10)
        #expect(try Zlib.inflate(packed, limit: text.count) == text)
        #expect(try Zlib.inflate(packed[...] + [0x0A], limit: text.count) == text)
        #expect(throws: ZlibError.self) { try Zlib.inflate(packed, limit: text.count - 1) }
        #expect(throws: ZlibError.self) { try Zlib.inflate(packed.dropLast(10), limit: 1 << 20) }
        do {
            _ = try Zlib.inflate([0x78, 0x9C, 0xFF, 0xFF, 0xFF], limit: 100)
            Issue.record("corrupt input inflated")
        } catch {
            #expect(error.operation == "inflate" && !error.message.isEmpty)
        }
        #expect(try Zlib.inflate(try Zlib.deflate([]), limit: 0) == [])
    }

    @Test("PNG predictors: None, Sub, Up, Average, Paeth rows decode; TIFF 2 too")
    func predictors() throws {
        let rows: [[UInt8]] = [[10, 20, 30, 40], [11, 22, 33, 44], [200, 100, 50, 25], [0, 255, 0, 255], [7, 7, 7, 7]]
        var encoded: [UInt8] = []
        var previous: [UInt8] = [0, 0, 0, 0]
        for (type, row) in rows.enumerated() {
            encoded.append(UInt8(type))
            for column in 0..<4 {
                let left = column > 0 ? row[column - 1] : 0, up = previous[column], upLeft = column > 0 ? previous[column - 1] : 0
                let prediction: UInt8 = switch type {
                case 1: left
                case 2: up
                case 3: UInt8((Int(left) + Int(up)) / 2)
                case 4: {
                    let p = Int(left) + Int(up) - Int(upLeft)
                    let (pa, pb, pc) = (abs(p - Int(left)), abs(p - Int(up)), abs(p - Int(upLeft)))
                    return pa <= pb && pa <= pc ? left : (pb <= pc ? up : upLeft)
                }()
                default: 0
                }
                encoded.append(row[column] &- prediction)
            }
            previous = row
        }
        let parameters = PDFDictionary(["Predictor": .integer(12), "Columns": .integer(4)])
        #expect(try PDFPredictor.decode(encoded, parameters: parameters) == rows.flatMap { $0 })
        #expect(throws: PDFSignatureError.self) { try PDFPredictor.decode([9, 1, 2, 3, 4], parameters: parameters) }
        let tiff = PDFDictionary(["Predictor": .integer(2), "Columns": .integer(2), "Colors": .integer(2)])
        #expect(try PDFPredictor.decode([1, 2, 3, 4], parameters: tiff) == [1, 2, 4, 6])
    }

    @Test("/Prev chains: the newest definition wins, free entries hide older ones, trailers merge")
    func prevChain() throws {
        let base = PDFSample.document()
        let text = "BT /F1 18 Tf 72 700 Td (Revised) Tj ET"
        var update = Array("4 0 obj\n<< /Title (Second) >>\nendobj\n".utf8)
        let infoOffset = base.count
        let contentOffset = base.count + update.count
        update += Array("11 0 obj\n<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream\nendobj\n".utf8)
        let xref = base.count + update.count
        update += Array(String(format: "xref\n3 2\n0000000000 00001 f\r\n%010d 00000 n\r\n11 1\n%010d 00000 n\r\n", infoOffset, contentOffset).utf8)
        update += Array("trailer\n<< /Size 12 /Prev \(try PDFCrossReference.startxref(base)) /Info 4 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        let file = try PDFFile(base + update)
        #expect(try file.dictionary(file.trailer["Info"])?["Title"] == .literal("Second"))
        #expect(try file.object(PDFReference(11)).stream?.data == Array(text.utf8))
        #expect(try file.object(PDFReference(3)) == .null)
        #expect(file.trailer["Root"] == .reference(PDFReference(1)))
        #expect(file.crossReference.startxref == xref)
    }

    @Test("sloppy tables: 19-byte entries, one-byte end-of-lines, no space before <<, no final newline")
    func sloppyTables() throws {
        var bytes = Array("%PDF-1.4\n".utf8)
        let catalog = bytes.count
        bytes += Array("1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n".utf8)
        let pages = bytes.count
        bytes += Array("2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n".utf8)
        let page = bytes.count
        bytes += Array("3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n".utf8)
        let xref = bytes.count
        bytes += Array(String(format: "xref\n0 4\n0000000000 65535 f\n%010d 00000 n\n%010d 00000 n\n%010d 00000 n\n", catalog, pages, page).utf8)
        bytes += Array("trailer<</Size 4/Root 1 0 R>>startxref\n\(xref)\n%%EOF".utf8)
        let summary = try PDFIncrementalSigner.summary(bytes)
        #expect(summary.pageCount == 1 && summary.pdfVersion == "1.4")
        let prepared = try PDFIncrementalSigner.prepare(bytes, field: PDFSignatureField(contentsCapacity: 64))
        #expect(try PDFIncrementalSigner.summary(prepared.bytes).signatureFieldNames == ["Signature 1"])
    }

    @Test("the fixture written by pikepdf (qpdf): object streams, /W [1 2 1], Predictor 12")
    func pikepdfFixture() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pikepdf-objstm.pdf")
        let file = try PDFFile(try [UInt8](Data(contentsOf: url)))
        #expect(file.crossReference.newestIsStream)
        #expect(file.crossReference.entries.values.contains { if case .compressed = $0 { true } else { false } })
        let (_, catalog) = try file.catalog()
        let pages = try PDFPageTree.pages(in: file, catalog: catalog)
        #expect(pages.map(\.rotation) == [0, 90])
        #expect(try file.dictionary(file.trailer["Info"])?["Title"]?.stringBytes.map(PDFText.decode) == "Délibération (fixture pikepdf)")
    }

    @Test("damaged files throw, never trap: random byte changes and truncations of each layout (MUTUALIS_PDF_FUZZ_ROUNDS)",
          arguments: [PDFSample.Layout.classic, .xrefStream, .hybrid, .officeHybrid])
    func damaged(layout: PDFSample.Layout) {
        let original = PDFSample.document(pages: 2, layout: layout, catalogExtra: "/AcroForm << /Fields [20 0 R] >> ",
                                          extraObjects: [PDFSample.Object(20, "<< /FT /Sig /T (Visa) /Kids [] >>")])
        var generator = SplitMix64(seed: 0x5EED)
        let field = PDFSignatureField(visibleText: ["Signé"], contentsCapacity: 64)
        let rounds = ProcessInfo.processInfo.environment["MUTUALIS_PDF_FUZZ_ROUNDS"].flatMap { Int($0) } ?? 400
        for round in 0..<rounds {
            var bytes = original
            if round % 5 == 0 {
                bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
            } else if round % 5 == 1 {
                let tokens = ["999999999999999999", "-1", " 0 R ", "[[[[", "<<", " 1 0 obj ", "endstream", "/Kids [10 0 R]", "1e400"]
                let at = Int(generator.next() % UInt64(bytes.count))
                let replaced = min(bytes.count - at, Int(generator.next() % 6))
                bytes.replaceSubrange(at..<(at + replaced), with: Array(tokens[Int(generator.next() % UInt64(tokens.count))].utf8))
            } else {
                for _ in 0..<(1 + round % 4) {
                    let bytePosition = Int(generator.next() % UInt64(bytes.count))
                    bytes[bytePosition] = [0x00, 0x20, 0x30, 0x39, 0x2F, 0x3C, 0x3E, 0x5B, 0x5D, 0x28, 0xFF][Int(generator.next() % 11)]
                }
            }
            _ = try? PDFIncrementalSigner.summary(bytes)
            if let prepared = try? PDFIncrementalSigner.prepare(bytes, field: field) {
                #expect(prepared.bytes.starts(with: bytes))
            }
        }
    }
}

/// A small deterministic generator, so a damaged case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
