import Foundation
import Testing
@testable import Trust
import Zlib

/// Small PDFs written byte by byte for the tests: a classic `xref` table, a cross-reference
/// stream with an object stream (PNG "Up" predictor, as qpdf writes them), or a hybrid file.
enum PDFSample {
    enum Layout {
        case classic
        /// Non-stream objects in an object stream; a compressed `/Type /XRef` stream, Predictor 12.
        case xrefStream
        /// A classic main table (compressed objects listed free), then an empty update table whose
        /// trailer points to the cross-reference stream with `/XRefStm`.
        case hybrid
        /// As Microsoft Office writes them: one table whose trailer has `/XRefStm`; the table frees
        /// the compressed objects and their object stream (generation 65535), the stream (no
        /// /Index, not listing itself) has them live and the others as free rows.
        case officeHybrid
    }

    struct Object {
        var number: Int
        var body: [UInt8]
        /// Streams cannot go in object streams.
        var isStream: Bool

        init(_ number: Int, _ body: String, isStream: Bool = false) {
            self.number = number
            self.body = Array(body.utf8)
            self.isStream = isStream
        }
    }

    /// A document of `pages` pages (Helvetica text on each), the page tree's MediaBox inherited.
    static func document(pages: Int = 1, layout: Layout = .classic, catalogExtra: String = "",
                         pageExtra: String = "", extraObjects: [Object] = [], trailerExtra: String = "",
                         mediaBox: String = "[0 0 595 842]") -> [UInt8] {
        var objects = [
            Object(1, "<< /Type /Catalog /Pages 2 0 R \(catalogExtra)>>"),
            Object(2, "<< /Type /Pages /Kids [\((0..<pages).map { "\(10 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages) /MediaBox \(mediaBox) >>"),
            Object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
            Object(4, "<< /Producer (Mutualis tests) /Title (Arr\\352t\\351 n\\260 12) >>"),
        ]
        for index in 0..<pages {
            let text = "BT /F1 18 Tf 72 720 Td (Page \(index + 1)) Tj ET"
            objects.append(Object(10 + 2 * index, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents \(11 + 2 * index) 0 R \(index == pages - 1 ? pageExtra : "")>>"))
            objects.append(Object(11 + 2 * index, "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream", isStream: true))
        }
        return build(objects + extraObjects, layout: layout, trailer: "/Root 1 0 R /Info 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] \(trailerExtra)")
    }

    static func build(_ objects: [Object], layout: Layout, trailer: String, header: String = "%PDF-1.7") -> [UInt8] {
        var output = Array("\(header)\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int: Int] = [:]
        let compressed = layout == .classic ? [] : objects.filter { !$0.isStream }
        for object in objects where layout == .classic || object.isStream {
            offsets[object.number] = output.count
            output += Array("\(object.number) 0 obj\n".utf8) + object.body + Array("\nendobj\n".utf8)
        }
        let highest = objects.map(\.number).max() ?? 0
        guard layout != .classic else {
            let xref = output.count
            let size = highest + 1
            output += Array("xref\n0 \(size)\n0000000000 65535 f\r\n".utf8)
            for number in 1..<size {
                let line = offsets[number].map { String(format: "%010d 00000 n\r\n", $0) } ?? "0000000000 65535 f\r\n"
                output += Array(line.utf8)
            }
            output += Array("trailer\n<< /Size \(size) \(trailer) >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
            return output
        }

        // The object stream: "number offset" pairs, then the objects.
        let objectStream = highest + 1, xrefNumber = highest + 2
        var header: [UInt8] = [], body: [UInt8] = []
        var index: [Int: Int] = [:]
        for (position, object) in compressed.enumerated() {
            header += Array("\(object.number) \(body.count) ".utf8)
            body += object.body + [0x0A]
            index[object.number] = position
        }
        let packed = try! Zlib.deflate(header + body)
        offsets[objectStream] = output.count
        output += Array("\(objectStream) 0 obj\n<< /Type /ObjStm /N \(compressed.count) /First \(header.count) /Filter /FlateDecode /Length \(packed.count) >>\nstream\n".utf8)
        output += packed + Array("\nendstream\nendobj\n".utf8)

        let xrefOffset = output.count
        offsets[xrefNumber] = xrefOffset
        // A hybrid file's stream lists only the hidden objects and itself (its /Index).
        let listed = (0...xrefNumber).filter {
            switch layout {
            case .officeHybrid: $0 < xrefNumber
            case .hybrid: index[$0] != nil || $0 == xrefNumber
            default: true
            }
        }
        var rows: [[UInt8]] = []
        for number in listed {
            if layout == .officeHybrid, index[number] == nil, number != objectStream {
                rows.append([0, 0, 0, 0, 0])
            } else if let offset = offsets[number] {
                rows.append([1, UInt8(offset >> 16), UInt8(offset >> 8 & 0xFF), UInt8(offset & 0xFF), 0])
            } else if let position = index[number] {
                rows.append([2, UInt8(objectStream >> 16), UInt8(objectStream >> 8 & 0xFF), UInt8(objectStream & 0xFF), UInt8(position)])
            } else {
                rows.append([0, 0, 0, 0, 255])
            }
        }
        let ranges = PDFIncrementalUpdate.ranges(listed).map { "\($0.lowerBound) \($0.count)" }.joined(separator: " ")
        let indexEntry = layout == .officeHybrid ? "/Size \(xrefNumber)" : "/Size \(xrefNumber + 1) /Index [\(ranges)]"
        var predicted: [UInt8] = []
        var previous = [UInt8](repeating: 0, count: 5)
        for row in rows {
            predicted.append(2)
            predicted += zip(row, previous).map { $0 &- $1 }
            previous = row
        }
        let packedXref = try! Zlib.deflate(predicted)
        output += Array("\(xrefNumber) 0 obj\n<< /Type /XRef \(indexEntry) /W [1 3 1] /Filter /FlateDecode /DecodeParms << /Columns 5 /Predictor 12 >> /Length \(packedXref.count) \(layout == .xrefStream ? trailer : "") >>\nstream\n".utf8)
        output += packedXref + Array("\nendstream\nendobj\n".utf8)
        if layout == .xrefStream {
            output += Array("startxref\n\(xrefOffset)\n%%EOF\n".utf8)
            return output
        }
        if layout == .officeHybrid {
            let table = output.count
            output += Array("xref\n0 \(xrefNumber + 1)\n0000000000 65535 f\r\n".utf8)
            for number in 1...xrefNumber {
                let live = offsets[number].flatMap { number == objectStream ? nil : String(format: "%010d 00000 n\r\n", $0) }
                output += Array((live ?? "0000000000 65535 f\r\n").utf8)
            }
            output += Array("trailer\n<< /Size \(xrefNumber + 1) /XRefStm \(xrefOffset) \(trailer) >>\nstartxref\n\(table)\n%%EOF\n".utf8)
            return output
        }
        // The main section lists the hidden objects as free for good (65535); an empty update
        // section carries /XRefStm (ISO 32000-1 §7.5.8.4, example of the PDF Reference 3.4.7).
        let table = output.count
        output += Array("xref\n0 \(xrefNumber + 1)\n0000000000 65535 f\r\n".utf8)
        for number in 1...xrefNumber {
            let line = offsets[number].flatMap { number == xrefNumber ? nil : String(format: "%010d 00000 n\r\n", $0) }
            output += Array((line ?? "0000000000 65535 f\r\n").utf8)
        }
        output += Array("trailer\n<< /Size \(xrefNumber + 1) \(trailer) >>\nstartxref\n\(table)\n%%EOF\n".utf8)
        let update = output.count
        output += Array("xref\n0 0\ntrailer\n<< /Size \(xrefNumber + 1) /Prev \(table) /XRefStm \(xrefOffset) \(trailer) >>\nstartxref\n\(update)\n%%EOF\n".utf8)
        return output
    }

    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

@Suite("PDF samples")
struct PDFSampleTests {
    @Test("each layout reads back with its pages, info and objects", arguments: [PDFSample.Layout.classic, .xrefStream, .hybrid, .officeHybrid])
    func layouts(layout: PDFSample.Layout) throws {
        let bytes = PDFSample.document(pages: 3, layout: layout)
        let file = try PDFFile(bytes)
        #expect(file.crossReference.newestIsStream == (layout == .xrefStream))
        let (_, catalog) = try file.catalog()
        let pages = try PDFPageTree.pages(in: file, catalog: catalog)
        #expect(pages.map(\.reference.number) == [10, 12, 14])
        #expect(pages.last?.visibleBox == [0, 0, 595, 842])
        let info = try file.dictionary(file.trailer["Info"])
        #expect(info?["Title"]?.stringBytes.map(PDFText.decode) == "Arrêté n° 12")
        #expect(try file.object(PDFReference(11)).stream?.data == Array("BT /F1 18 Tf 72 720 Td (Page 1) Tj ET".utf8))
    }
}
