import Foundation
import Testing
@testable import Trust

@Suite("PDF incremental signature update")
struct PDFIncrementalSignerTests {
    static let time = Date(timeIntervalSince1970: 1_796_315_460) // 2026-12-03 16:31:00 UTC
    static let fakeDER: [UInt8] = [0x30, 0x82, 0x00, 0x04, 0x02, 0x01, 0x01, 0x05, 0x00]

    static func invisible(_ capacity: Int = 4096) -> PDFSignatureField {
        PDFSignatureField(signerName: "Jeanne Martin", reason: "Visa", location: "Mairie", signingTime: time, contentsCapacity: capacity)
    }

    /// Reopens a prepared or signed file and checks the update's invariants.
    @discardableResult
    static func check(_ prepared: PreparedPDF, over original: [UInt8]) throws -> PDFFile {
        let bytes = prepared.bytes
        #expect(bytes.starts(with: original))
        let range = prepared.byteRange
        #expect(range.count == 4 && range[0] == 0)
        #expect(bytes[range[1]] == UInt8(ascii: "<") && bytes[range[2] - 1] == UInt8(ascii: ">"))
        #expect(range[2] + range[3] == bytes.count)
        #expect(prepared.signedBytes.count == bytes.count - (range[2] - range[1]))
        #expect(bytes[(range[1] + 1)..<(range[2] - 1)].allSatisfy { $0 == UInt8(ascii: "0") })
        let text = PDFSample.string(Array(bytes[original.count...]))
        #expect(text.contains("/ByteRange [0 \(range[1]) \(range[2]) \(range[3])"))
        #expect(text.hasSuffix("startxref\n\(try PDFCrossReference.startxref(bytes))\n%%EOF\n"))
        let file = try PDFFile(bytes)
        #expect(file.trailer["Prev"] == nil) // merged trailers drop /Prev; the section keeps it
        #expect(text.contains("/Prev \(try PDFCrossReference.startxref(original))"))
        return file
    }

    static func signatureFields(_ file: PDFFile) throws -> [PDFDictionary] {
        let (_, catalog) = try file.catalog()
        let form = try #require(try file.dictionary(catalog["AcroForm"]))
        #expect(try file.resolve(form["SigFlags"]).integer == 3)
        let fields = try #require(try file.resolve(form["Fields"]).array)
        return try fields.compactMap { try file.dictionary($0) }.filter { $0["FT"]?.name == "Sig" }
    }

    @Test("an invisible signature on a classic-xref file: sig dict, field, widget, AcroForm, trailer")
    func invisibleClassic() throws {
        let original = PDFSample.document(pages: 2)
        let prepared = try PDFIncrementalSigner.prepare(original, field: Self.invisible())
        let file = try Self.check(prepared, over: original)
        #expect(!file.crossReference.newestIsStream)
        #expect(file.trailer["Info"] == .reference(PDFReference(4)))
        #expect(file.trailer["ID"] != nil && file.trailer["Size"] == .integer(17))

        let field = try #require(try Self.signatureFields(file).first)
        #expect(field["T"] == .literal("Signature 1"))
        #expect(field["Rect"] == .array([.integer(0), .integer(0), .integer(0), .integer(0)]))
        #expect(field["F"] == .integer(132) && field["Subtype"] == .name("Widget") && field["AP"] == nil)
        #expect(field["P"] == .reference(PDFReference(12)))
        let signature = try #require(try file.dictionary(field["V"]))
        #expect(signature["Type"] == .name("Sig") && signature["SubFilter"] == .name("ETSI.CAdES.detached"))
        #expect(signature["Filter"] == .name("Adobe.PPKLite"))
        #expect(signature["M"] == .literal("D:20261203163100+00'00'"))
        #expect(signature["Name"] == .literal("Jeanne Martin") && signature["Reason"] == .literal("Visa"))
        #expect(signature["Contents"]?.stringBytes?.count == 4096)
        #expect(signature["ByteRange"]?.array?.compactMap { $0.integer } == prepared.byteRange)

        let (_, catalog) = try file.catalog()
        #expect(catalog["Extensions"]?.dictionary?["ESIC"]?.dictionary?["ExtensionLevel"] == .integer(1))
        #expect(catalog["Version"] == nil)
        let lastPage = try #require(try file.dictionary(.reference(PDFReference(12))))
        #expect(lastPage["Annots"] == .array([.reference(PDFReference(15))]))
        #expect(try PDFPageTree.pages(in: file, catalog: catalog).count == 2)
    }

    @Test("embedding writes the DER in hex without moving a byte, and refuses what does not fit")
    func embedding() throws {
        let original = PDFSample.document()
        let prepared = try PDFIncrementalSigner.prepare(original, field: Self.invisible(16))
        let signed = try prepared.embedding(Self.fakeDER)
        #expect(signed.count == prepared.bytes.count)
        let start = prepared.byteRange[1]
        #expect(PDFSample.string(Array(signed[start..<(start + 20)])) == "<3082000402010105000")
        #expect(signed[prepared.byteRange[2] - 1] == UInt8(ascii: ">"))
        #expect(Array(signed[0..<start]) == Array(prepared.bytes[0..<start]))
        #expect(Array(signed[prepared.byteRange[2]...]) == Array(prepared.bytes[prepared.byteRange[2]...]))
        #expect(throws: PDFSignatureError.contentsTooLarge(needed: 17, capacity: 16)) {
            try prepared.embedding([UInt8](repeating: 1, count: 17))
        }
        _ = try prepared.embedding([UInt8](repeating: 0xAB, count: 16))
    }

    @Test("successive signatures: each a new update over the signed file, names and /Prev chained",
          arguments: [PDFSample.Layout.classic, .xrefStream, .hybrid, .officeHybrid])
    func successive(layout: PDFSample.Layout) throws {
        var current = PDFSample.document(pages: 3, layout: layout)
        var ranges: [[Int]] = []
        for index in 1...3 {
            let field = index == 2 ? PDFSignatureField.documentTimestamp(contentsCapacity: 2048)
                : PDFSignatureField(signerName: "Agent \(index)", signingTime: Self.time,
                                    visibleText: index == 3 ? ["Signé par Agent \(index)"] : nil, contentsCapacity: 2048)
            let prepared = try PDFIncrementalSigner.prepare(current, field: field)
            let file = try Self.check(prepared, over: current)
            #expect(file.crossReference.newestIsStream == (layout == .xrefStream))
            ranges.append(prepared.byteRange)
            current = try prepared.embedding(Self.fakeDER)
        }
        let summary = try PDFIncrementalSigner.summary(current)
        #expect(summary.signatureFieldNames == ["Signature 1", "Signature 2", "Signature 3"])
        #expect(summary.pageCount == 3)
        let file = try PDFFile(current)
        let fields = try Self.signatureFields(file)
        #expect(try fields.map { try file.dictionary($0["V"])?["Type"]?.name } == ["Sig", "DocTimeStamp", "Sig"])
        let timestamp = try #require(try file.dictionary(fields[1]["V"]))
        #expect(timestamp["SubFilter"] == .name("ETSI.RFC3161") && timestamp["M"] == nil)
        let page = try #require(try file.dictionary(.reference(PDFReference(14))))
        #expect(page["Annots"]?.array?.count == 3)
        // Each earlier signature's range ends where its own file ended.
        #expect(ranges[0][2] + ranges[0][3] < ranges[1][2] + ranges[1][3])
    }

    @Test("the AcroForm inline in the catalog: the catalog is rewritten, names stay unique")
    func inlineAcroForm() throws {
        let original = PDFSample.document(
            catalogExtra: "/AcroForm << /Fields [20 0 R 21 0 R] /DA (/Helv 0 Tf 0 g) >> ",
            extraObjects: [PDFSample.Object(20, "<< /FT /Tx /T (Signature 1) /V (texte) >>"),
                           PDFSample.Object(21, "<< /FT /Sig /T (Visa) >>")])
        #expect(try PDFIncrementalSigner.summary(original).signatureFieldNames == ["Visa"])
        let prepared = try PDFIncrementalSigner.prepare(original, field: Self.invisible())
        let file = try Self.check(prepared, over: original)
        let (_, catalog) = try file.catalog()
        guard case .dictionary(let form)? = catalog["AcroForm"] else { Issue.record("AcroForm no longer inline"); return }
        #expect(form["DA"] == .literal("/Helv 0 Tf 0 g"))
        #expect(form["Fields"]?.array?.count == 3)
        #expect(try PDFIncrementalSigner.summary(prepared.bytes).signatureFieldNames == ["Visa", "Signature 2"])
    }

    @Test("an indirect AcroForm with an indirect /Fields and indirect /Annots: those arrays are rewritten")
    func indirectArrays() throws {
        let original = PDFSample.document(
            catalogExtra: "/AcroForm 20 0 R /Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 1 >> >> ", pageExtra: "/Annots 22 0 R ",
            extraObjects: [PDFSample.Object(20, "<< /Fields 21 0 R /SigFlags 3 >>"), PDFSample.Object(21, "[]"),
                           PDFSample.Object(22, "[23 0 R]"),
                           PDFSample.Object(23, "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] >>")])
        let prepared = try PDFIncrementalSigner.prepare(original, field: Self.invisible())
        let file = try Self.check(prepared, over: original)
        let update = PDFSample.string(Array(prepared.bytes[original.count...]))
        #expect(update.contains("\n21 0 obj\n[") && update.contains("\n22 0 obj\n[23 0 R "))
        #expect(!update.contains("\n20 0 obj") && !update.contains("\n1 0 obj") && !update.contains("\n10 0 obj"))
        #expect(try file.resolve(.reference(PDFReference(22))).array?.count == 2)
        #expect(try Self.signatureFields(file).count == 1)
    }

    @Test("a visible block sits at the bottom right of the last page, upright on a rotated page, and absurd boxes do not trap")
    func visible() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pikepdf-objstm.pdf")
        let original = try [UInt8](Data(contentsOf: url))
        let lines = ["Signé par Jeanne Martin", "le 3 décembre 2026 à 16:31"]
        let field = PDFSignatureField(signerName: "Jeanne Martin", signingTime: Self.time, visibleText: lines, contentsCapacity: 1024)
        let prepared = try PDFIncrementalSigner.prepare(original, field: field)
        let file = try Self.check(prepared, over: original)
        #expect(file.crossReference.newestIsStream)
        let widget = try #require(try Self.signatureFields(file).first)
        let rect = try #require(widget["Rect"]?.array?.compactMap { $0.number })
        // Page 2 is 595×842 turned 90°: shown 842 wide; its bottom right is user space's top right.
        #expect(rect[2] <= 595 && rect[2] > 500 && rect[3] <= 842 - 28 + 0.01 && rect[3] > 700)
        let appearance = try #require(try file.resolve(try file.dictionary(widget["AP"])?["N"]).stream)
        #expect(appearance.dictionary["Matrix"] == .array([0, 1, -1, 0, 0, 0].map { .integer($0) }))
        let content = PDFSample.string(appearance.data)
        #expect(content.contains("(Sign\\351 par Jeanne Martin) Tj") && content.contains("(le 3 d\\351cembre 2026 \\340 16:31) Tj"))
        let font = try #require(appearance.dictionary["Resources"]?.dictionary?["Font"]?.dictionary?["Helv"]?.dictionary)
        #expect(font["BaseFont"] == .name("Helvetica") && font["Encoding"] == .name("WinAnsiEncoding"))

        for box in ["[0 0 1\(String(repeating: "0", count: 400)) 842]", "[0 0 9000000000 1]", "[10 10 10 10]", "[0 0 30 20]", "[-5 -5 5 5]"] {
            let prepared = try PDFIncrementalSigner.prepare(PDFSample.document(mediaBox: box), field: field)
            let rect = try #require(try Self.signatureFields(try PDFFile(prepared.bytes)).first?["Rect"]?.array?.compactMap { $0.number })
            #expect(rect.allSatisfy { $0.isFinite && abs($0) < 1e7 })
        }
        let upright = try PDFIncrementalSigner.prepare(PDFSample.document(), field: field)
        let uprightFile = try PDFFile(upright.bytes)
        let uprightRect = try #require(try Self.signatureFields(uprightFile).first?["Rect"]?.array?.compactMap { $0.number })
        #expect(uprightRect[0] > 300 && uprightRect[2] == 595 - 28 && uprightRect[1] == 28)
    }

    @Test("text strings: ASCII literal, otherwise UTF-16BE with BOM; the update starts on a new line")
    func textAndNewline() throws {
        var original = PDFSample.document()
        original.removeLast() // no final end-of-line
        var field = Self.invisible()
        field.reason = "Visa du maire"
        field.location = "Saint-Étienne"
        let prepared = try PDFIncrementalSigner.prepare(original, field: field)
        #expect(prepared.bytes[original.count] == 0x0A)
        let file = try PDFFile(prepared.bytes)
        let signature = try #require(try file.dictionary(try Self.signatureFields(file).first?["V"]))
        let utf16: [UInt8] = Array("Saint-Étienne".utf16).flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let expected: PDFObject = .string([0xFE, 0xFF] + utf16, hex: true)
        #expect(signature["Location"] == expected)
        #expect(signature["Location"]?.stringBytes.map(PDFText.decode) == "Saint-Étienne")
        #expect(signature["Reason"] == .literal("Visa du maire"))
    }

    @Test("refusals: not a PDF, encrypted, broken structure, bad capacity, certified without changes")
    func refusals() throws {
        #expect(throws: PDFSignatureError.notAPDF) { try PDFIncrementalSigner.prepare(Array("hello".utf8), field: Self.invisible()) }
        #expect(throws: PDFSignatureError.encrypted) {
            try PDFIncrementalSigner.prepare(PDFSample.document(trailerExtra: "/Encrypt << /Filter /Standard /V 2 >>"), field: Self.invisible())
        }
        #expect(try PDFIncrementalSigner.summary(PDFSample.document(trailerExtra: "/Encrypt << /Filter /Standard >>")).isEncrypted)

        var noStartxref = PDFSample.document()
        noStartxref.removeLast(30)
        var wrongOffset = PDFSample.document()
        let tail = PDFSample.string(Array(wrongOffset.suffix(30)))
        let offset = try #require(tail.split(separator: "\n").dropLast().last)
        wrongOffset.replaceSubrange((wrongOffset.count - 7 - offset.count)..<(wrongOffset.count - 7), with: Array("9".utf8))
        let noRoot = PDFSample.build([PDFSample.Object(1, "<< /Type /Catalog >>")], layout: .classic, trailer: "")
        let noPages = PDFSample.build([PDFSample.Object(1, "<< /Type /Catalog >>")], layout: .classic, trailer: "/Root 1 0 R")
        for broken in [noStartxref, wrongOffset, noRoot, noPages] {
            #expect {
                try PDFIncrementalSigner.prepare(broken, field: Self.invisible())
            } throws: { error in
                guard case .malformed? = error as? PDFSignatureError else { return false }
                return !(error as! PDFSignatureError).reason.isEmpty
            }
        }
        #expect(throws: PDFSignatureError.self) { try PDFIncrementalSigner.prepare(PDFSample.document(), field: Self.invisible(0)) }

        let certified = PDFSample.document(catalogExtra: "/Perms << /DocMDP 20 0 R >> ", extraObjects: [PDFSample.Object(20,
            "<< /Type /Sig /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /P 1 /V /1.2 >> >>] >>")])
        #expect {
            try PDFIncrementalSigner.prepare(certified, field: Self.invisible())
        } throws: { error in
            guard case .unsupported(let detail)? = error as? PDFSignatureError else { return false }
            return detail.contains("DocMDP")
        }
        _ = try PDFIncrementalSigner.prepare(certified, field: .documentTimestamp())
        #expect(PDFSignatureError.encrypted.reason.contains("protégé"))
    }

    @Test("the catalog declares ESIC below PDF 2.0, and /Version 1.7 below 1.7, once")
    func extensions() throws {
        for (header, version, extensions) in [("%PDF-1.4", PDFObject.name("1.7"), true), ("%PDF-1.7", nil, true), ("%PDF-2.0", nil, false)] {
            let objects = [PDFSample.Object(1, "<< /Type /Catalog /Pages 2 0 R >>"),
                           PDFSample.Object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                           PDFSample.Object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")]
            let original = PDFSample.build(objects, layout: .classic, trailer: "/Root 1 0 R", header: header)
            let first = try PDFIncrementalSigner.prepare(original, field: Self.invisible())
            let catalog = try PDFFile(first.bytes).catalog().1
            #expect(catalog["Version"] == version)
            #expect((catalog["Extensions"]?.dictionary?["ESIC"] != nil) == extensions)
            let second = try PDFIncrementalSigner.prepare(try first.embedding(Self.fakeDER), field: Self.invisible())
            #expect(!PDFSample.string(Array(second.bytes[first.bytes.count...])).contains("\n1 0 obj"))
        }
    }

    @Test("summary: pages from the tree, signature names, version from the catalog when later")
    func summary() throws {
        let summary = try PDFIncrementalSigner.summary(PDFSample.document(pages: 4, catalogExtra: "/Version /2.0 "))
        #expect(summary == PDFDocumentSummary(pageCount: 4, signatureFieldNames: [], isEncrypted: false, pdfVersion: "2.0"))
        let older = try PDFIncrementalSigner.summary(PDFSample.document(catalogExtra: "/Version /1.4 "))
        #expect(older.pdfVersion == "1.7")
    }
}
