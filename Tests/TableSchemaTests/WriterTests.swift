import Foundation
import TableSchema
import Testing

@Suite("FormulaNeutralizer and CSVTableWriter")
struct WriterTests {
    @Test("formula triggers are neutralised with a quote; plain numbers are not")
    func neutralize() {
        #expect(FormulaNeutralizer.neutralize("=SUM(A1:A2)") == "'=SUM(A1:A2)")
        #expect(FormulaNeutralizer.neutralize("@cmd") == "'@cmd")
        #expect(FormulaNeutralizer.neutralize("+33 3 22 97 10 00") == "'+33 3 22 97 10 00")
        #expect(FormulaNeutralizer.neutralize("-1+2") == "'-1+2")
        #expect(FormulaNeutralizer.neutralize("\tx") == "'\tx")
        #expect(FormulaNeutralizer.neutralize("\rx") == "'\rx")
        #expect(FormulaNeutralizer.neutralize("-abc") == "'-abc")
        for number in ["-12.5", "+33322971000", "-1,5", "-1e3", "-0"] {
            #expect(FormulaNeutralizer.neutralize(number) == number)
        }
        for text in ["Amiens", "a=b", "", "12-3"] {
            #expect(FormulaNeutralizer.neutralize(text) == text)
        }
    }

    @Test("a valid value of a numeric field is kept as it is, whatever its notation")
    func numericFields() {
        let amount = SchemaField(name: "m", type: .number, decimalChar: ",", groupChar: " ")
        #expect(FormulaNeutralizer.neutralize("-1 234,5", field: amount) == "-1 234,5")
        #expect(FormulaNeutralizer.neutralize("-1 234,5", field: SchemaField(name: "t")) == "'-1 234,5")
        #expect(FormulaNeutralizer.neutralize("-Infinity", field: SchemaField(name: "n", type: .number)) == "-Infinity")
        #expect(FormulaNeutralizer.neutralize("=1", field: amount) == "'=1")
    }

    @Test("RFC 4180 quoting, CRLF by default, header from the schema, neutralisation per field")
    func writer() throws {
        let schema = TableSchema(fields: [SchemaField(name: "nom"), SchemaField(name: "montant", type: .number)])
        let path = NSTemporaryDirectory() + "tableschema-writer-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVTableWriter(path: path, schema: schema)
        try writer.write(["Fête, \"quartier\"", "-12.5"])
        try writer.write(["=1+1", "3"])
        try writer.write(["nom": " espace", "montant": ""])
        try writer.close()
        #expect(writer.rowCount == 3)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "nom,montant\r\n\"Fête, \"\"quartier\"\"\",-12.5\r\n'=1+1,3\r\n\" espace\",\r\n")
        let report = try TableValidator(schema: schema).validate(fileAtPath: path)
        #expect(report.valid && report.rowCount == 3)

        let lf = try CSVTableWriter(path: path, schema: schema, lineEnding: .lf, neutralizeFormulas: false)
        try lf.write(["=1", "2\n3"])
        try lf.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "nom,montant\n=1,\"2\n3\"\n")
    }
}
