import Foundation
import TableSchema
import Testing

/// Our verdicts against `frictionless validate` (PyPI, pinned in Ops/requirements-test.txt):
/// the same valid/invalid verdict and the same (row, field, code) positions, for passing and
/// failing samples of each SCDL schema and for a schema exercising every type. Fails, never
/// skips, when frictionless is not installed.
@Suite("Agreement with frictionless validate",
       .enabled(if: TestPaths.scdlAvailable, "../shared/specs/scdl is absent: the SCDL schemas cannot be compared"))
struct FrictionlessAgreementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var schema: String
        var sample: String
        var valid: Bool
        var options = ValidationOptions()
        var encoding: String?

        var testDescription: String { sample }
    }

    static let cases: [Case] = TestPaths.scdlNames.flatMap { name in
        [Case(schema: TestPaths.scdlSchema(name), sample: "\(name)-valid.csv", valid: true),
         Case(schema: TestPaths.scdlSchema(name), sample: "\(name)-invalid.csv", valid: false)]
    } + [
        Case(schema: TestPaths.scdlSchema("subventions"), sample: "subventions-semicolon.csv", valid: false),
        Case(schema: TestPaths.scdlSchema("subventions"), sample: "subventions-header.csv", valid: false),
        Case(schema: TestPaths.scdlSchema("subventions"), sample: "subventions-bom-crlf.csv", valid: true),
        Case(schema: TestPaths.scdlSchema("subventions"), sample: "subventions-latin1.csv", valid: true,
             options: ValidationOptions(convertLegacyEncoding: true), encoding: "cp1252"),
        Case(schema: TestPaths.samples + "/types-schema.json", sample: "types.csv", valid: false),
    ]

    @Test("same verdict and positions as frictionless", arguments: cases)
    func agrees(_ sample: Case) throws {
        let csv = TestPaths.samples + "/" + sample.sample
        let schema = try TableSchema(contentsOfFile: sample.schema)
        let ours = try TableValidator(schema: schema, options: sample.options).validate(fileAtPath: csv)
        let theirs: Frictionless.Verdict
        do {
            theirs = try Frictionless.validate(schema: sample.schema, csv: csv, encoding: sample.encoding)
        } catch {
            Issue.record("\(error)")
            return
        }
        #expect(ours.valid == sample.valid, "\(ours.issues)")
        #expect(theirs.valid == sample.valid)
        #expect(ours.positions == theirs.positions,
                "only ours: \(ours.positions.subtracting(theirs.positions).sorted()), only frictionless: \(theirs.positions.subtracting(ours.positions).sorted())")
    }

    @Test("a dataset written by CSVTableWriter is valid for both")
    func writtenDataset() throws {
        let path = TestPaths.scdlSchema("subventions")
        let schema = try TableSchema(contentsOfFile: path)
        let file = NSTemporaryDirectory() + "tableschema-written-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let writer = try CSVTableWriter(path: file, schema: schema)
        try writer.write(["nomAttribuant": "Ville d'Amiens", "idAttribuant": "21800021700017", "dateConvention": "2024-03-15",
                          "nomBeneficiaire": "=HYPERLINK(\"http://x\")", "objet": "Fête, \"quartier\"\nsur deux lignes",
                          "montant": "-12.5", "nature": "aide en nature", "conditionsVersement": "@unique",
                          "datesPeriodeVersement": "2024-04-01", "notificationUE": "non", "pourcentageSubvention": "0.5"])
        try writer.close()
        let ours = try TableValidator(schema: schema).validate(fileAtPath: file)
        #expect(ours.valid, "\(ours.issues)")
        do {
            #expect(try Frictionless.validate(schema: path, csv: file).valid)
        } catch {
            Issue.record("\(error)")
        }
    }
}
