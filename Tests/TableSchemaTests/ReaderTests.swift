import Foundation
import TableSchema
import Testing

@Suite("TableValidator: reading files (header, ragged rows, quoting, encodings, limits)")
struct ReaderTests {
    private let schema: TableSchema = try! TableSchema.test(#"{"fields": [{"name": "a", "constraints": {"required": true}}, {"name": "n", "type": "number"}, {"name": "d", "type": "date"}]}"#)

    @Test("header: missing, extra, misordered, blank and duplicate labels, as Frictionless reports them")
    func header() throws {
        let missing = try validate("a,d\nx,2024-01-01\n", schema)
        #expect(missing.positions == ["1:3:missing-label", "1:2:incorrect-label", "2:2:type-error"])
        let extra = try validate("a,n,d,e\nx,1,2024-01-01,z\ny,2,2024-01-01\n", schema)
        #expect(extra.positions == ["1:4:extra-label", "3:4:missing-cell"])
        #expect(extra.issues[0].message == "En-tête : la colonne « e » (position 4) n'est pas prévue par le schéma.")
        let swapped = try validate("a,d,n\nx,2024-01-01,1\n", schema)
        #expect(swapped.positions == ["1:2:incorrect-label", "1:3:incorrect-label", "2:2:type-error", "2:3:type-error"])
        #expect(try validate("a,,d\n", schema).positions == ["1:2:blank-label"])
        #expect(try validate("a,a,d\n", schema).positions == ["1:2:duplicate-label"])
        #expect(try validate(" a , n,d\nx,1,2024-01-01\n", schema).valid)
    }

    @Test("ragged rows: extra and missing cells; blank rows; an empty file; a header alone")
    func ragged() throws {
        let report = try validate("a,n,d\nx,1\nx,1,2024-01-01,z\n\n,,\n", schema)
        #expect(report.positions == ["2:3:missing-cell", "3:4:extra-cell", "4:-:blank-row", "5:-:blank-row"])
        #expect(report.rowCount == 4)
        let short = try validate("a,n,d\n", schema)
        #expect(short.valid && short.rowCount == 0)
        let empty = try validate("", schema)
        #expect(empty.positions == ["-:-:source-error"])
        #expect(!empty.valid)
    }

    @Test("quoting as Python's csv reads it; CRLF, LF and CR line ends; a BOM")
    func quoting() throws {
        let report = try validate("\u{FEFF}a,n,d\r\n\"multi\r\nline, \"\"quoted\"\"\",1,2024-01-01\r\n\"ab\"c,2,2024-01-01\rx\"y,3,2024-01-01", schema)
        #expect(report.valid, "\(report.issues)")
        #expect(report.rowCount == 3)
        #expect(report.encoding == .utf8WithBOM)
        let unterminated = try validate("a,n,d\nx,1,2024-01-01\n\"y,2,2024-01-01\n", schema)
        #expect(unterminated.positions == ["3:2:missing-cell", "3:3:missing-cell"])
    }

    @Test("semicolons are detected from the header; commas stay the default; the choice can be forced")
    func delimiter() throws {
        let semicolon = try validate("a;n;d\nx;1,5;2024-01-01\ny;2;2024-01-01\n", schema)
        #expect(semicolon.delimiter == ";")
        #expect(semicolon.positions == ["2:2:type-error"])
        #expect(try validate("a,n,d\nx;y,1,2024-01-01\n", schema).delimiter == ",")
        let forced = try validate("a;n;d\n", schema, options: ValidationOptions(delimiter: .comma))
        #expect(forced.labels == ["a;n;d"])
    }

    @Test("a Latin-1 file is refused in French by default, converted on request")
    func legacyEncoding() throws {
        let file = try TemporaryCSV(Array("a,n,d\n".utf8) + [0xE9, 0x74, 0xE9] + Array(",1,2024-01-01\n".utf8))
        #expect {
            _ = try TableValidator(schema: schema).validate(fileAtPath: file.path)
        } throws: { error in
            guard let refusal = error as? TableRefusal, case .notUTF8(row: 2) = refusal.kind else { return false }
            return refusal.message.hasPrefix("Le fichier n'est pas encodé en UTF-8 (ligne 2")
        }
        let converted = try TableValidator(schema: schema, options: ValidationOptions(convertLegacyEncoding: true))
            .validate(fileAtPath: file.path)
        #expect(converted.valid)
        #expect(converted.encoding == .windows1252Converted)
        let mixed = try TemporaryCSV(Array("a,n,d\nété,1,2024-01-01\n".utf8) + [0xE9] + Array(",1,2024-01-01\n".utf8))
        #expect(throws: TableRefusal(.mixedEncoding(row: 3))) {
            _ = try TableValidator(schema: schema, options: ValidationOptions(convertLegacyEncoding: true)).validate(fileAtPath: mixed.path)
        }
        let utf16 = try TemporaryCSV([0xFF, 0xFE, 0x61, 0x00])
        #expect(throws: TableRefusal(.utf16)) { _ = try TableValidator(schema: schema).validate(fileAtPath: utf16.path) }
    }

    @Test("the byte limit refuses a file while it is read; an unreadable path is refused")
    func limits() throws {
        let big = try TemporaryCSV("a,n,d\n" + String(repeating: "x,1,2024-01-01\n", count: 20_000))
        #expect(throws: TableRefusal(.tooLarge(limit: 100 << 10))) {
            _ = try TableValidator(schema: schema, options: ValidationOptions(byteLimit: 100 << 10)).validate(fileAtPath: big.path)
        }
        #expect(TableRefusal(.tooLarge(limit: 100 << 10)).message == "Le fichier dépasse la taille autorisée (100 Ko) : il est refusé.")
        let report = try TableValidator(schema: schema, options: ValidationOptions(byteLimit: nil)).validate(fileAtPath: big.path)
        #expect(report.valid && report.rowCount == 20_000 && report.byteCount > 100 << 10)
        #expect(throws: TableRefusal(.unreadable)) { _ = try TableValidator(schema: schema).validate(fileAtPath: "/nonexistent/x.csv") }
    }

    @Test("issues are capped, the count and the verdict are not")
    func cap() throws {
        let text = "a,n,d\n" + String(repeating: "x,abc,2024-01-01\n", count: 50)
        let report = try validate(text, schema, options: ValidationOptions(errorLimit: 10))
        #expect(report.issues.count == 10)
        #expect(report.issueCount == 50)
        #expect(report.truncated && !report.valid)
    }
}
