import Foundation
import TableSchema
import Testing

/// Each type and format, accepted and refused, one cell at a time (as Frictionless reads them).
@Suite("TableValidator: types and formats")
struct TypeTests {
    private func verdicts(_ field: String, _ cells: [String]) throws -> [Bool] {
        let schema = try TableSchema.test(#"{"fields": [\#(field)]}"#)
        let name = schema.fields[0].name
        let body = cells.map { CSVTableWriter.quoted($0) }.joined(separator: "\n")
        let report = try validate(name + "\n" + body + "\n", schema)
        let failing = Set(report.issues.compactMap(\.rowNumber))
        return cells.indices.map { !failing.contains($0 + 2) }
    }

    @Test("number: Python Decimal syntax; options; refusals")
    func number() throws {
        let good = ["1", "-12.5", " 3.0 ", "+1e3", ".5", "5.", "1_000", "NaN", "-Infinity", "١.٥"]
        #expect(try verdicts(#"{"name": "n", "type": "number"}"#, good).allSatisfy { $0 })
        let bad = ["abc", "1,5", "1 000", "1__0", "_1", "1e", "0x10", "--1", "1.2.3"]
        #expect(try verdicts(#"{"name": "n", "type": "number"}"#, bad).allSatisfy { !$0 })
        let french = #"{"name": "n", "type": "number", "decimalChar": ",", "groupChar": " ", "bareNumber": false}"#
        #expect(try verdicts(french, ["1 234,5", "-12,5", "12 €", "€ 3,25"]) == [true, true, true, true])
        #expect(try verdicts(french, ["1.5", "abc"]) == [false, false])
    }

    @Test("integer, year, yearmonth")
    func integers() throws {
        #expect(try verdicts(#"{"name": "i", "type": "integer"}"#, ["5", " +5 ", "-0", "1_000", "007", "٣"]).allSatisfy { $0 })
        #expect(try verdicts(#"{"name": "i", "type": "integer"}"#, ["5.0", "1e3", "0x1", "cinq"]).allSatisfy { !$0 })
        #expect(try verdicts(#"{"name": "i", "type": "integer", "bareNumber": false}"#, ["n° 12", "12 ans"]) == [true, true])
        #expect(try verdicts(#"{"name": "y", "type": "year"}"#, ["2024", "0000", "+201", "201", "-201", "20245", "1e3"])
                == [true, true, true, false, false, false, false])
        #expect(try verdicts(#"{"name": "m", "type": "yearmonth"}"#, ["2024-03", "2024-3", "2024 - 12", "2024-13", "2024-00", "2024-03-01", "-1-03"])
                == [true, true, true, false, false, false, false])
    }

    @Test("boolean: default and custom true/false values, exact text")
    func boolean() throws {
        #expect(try verdicts(#"{"name": "b", "type": "boolean"}"#, ["true", "False", "1", "0", "yes", " true"])
                == [true, true, true, true, false, false])
        let french = #"{"name": "b", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]}"#
        #expect(try verdicts(french, ["oui", "non", "Oui", "true"]) == [true, true, false, false])
    }

    @Test("date: ISO by default (strptime %Y-%m-%d), a custom format, real calendar days")
    func date() throws {
        #expect(try verdicts(#"{"name": "d", "type": "date"}"#, ["2024-02-29", "2024-1-5", "2023-02-29", "2024-02-30", "20240105", " 2024-01-05", "2024-01-05T00:00:00"])
                == [true, true, false, false, false, false, false])
        #expect(try verdicts(#"{"name": "d", "type": "date", "format": "%d/%m/%Y"}"#, ["31/12/2024", "1/2/2024", "31/02/2024", "12/31/2024", "2024-12-31"])
                == [true, true, false, false, false])
        #expect(try verdicts(#"{"name": "d", "type": "date", "format": "%d %B %Y"}"#, ["1 March 2024", "1   march 2024", "1 mars 2024"])
                == [true, true, false])
        #expect(try verdicts(#"{"name": "d", "type": "date", "format": "any"}"#, ["2024-03-01", "01/03/2024", "demain"])
                == [true, true, false])
    }

    @Test("datetime and time: dateutil's isoparse with Frictionless's guards")
    func datetime() throws {
        #expect(try verdicts(#"{"name": "t", "type": "datetime"}"#, [
            "2024-01-01T10:00:00", "2024-01-01 10:00:00Z", "2024-01-01T10:00:00.123456789+01:00", "2024-01-01T24:00:00",
            "2024-01-01T10:00", "2024-01-01T25:00:00", "2024-01-01T10:00:00+0a", "2024-01-01T10:00:60",
        ]) == [true, true, true, true, false, false, false, false])
        #expect(try verdicts(#"{"name": "t", "type": "time"}"#, ["10:00:00", "23:59:59.5", "10:00:00Z", "10:00:00+01:00", "10:00", "1:00:00", "10:61:00"])
                == [true, true, true, true, false, false, false])
        #expect(try verdicts(#"{"name": "t", "type": "datetime", "format": "%d/%m/%Y %H:%M"}"#, ["25/01/2024 18:30", "25/01/2024"])
                == [true, false])
    }

    @Test("string formats: email, uri, uuid")
    func formats() throws {
        #expect(try verdicts(#"{"name": "e", "format": "email"}"#, ["mairie@amiens.fr", "é@é.fr", "a.b+c@sub.amiens.fr", "a@b", "a@b.c", "a..b@c.fr", "a b@c.fr", "x@localhost"])
                == [true, true, true, false, false, false, false, false])
        #expect(try verdicts(#"{"name": "u", "format": "uri"}"#, ["https://amiens.fr", "mailto:a@b.fr", "urn:isbn:1", "amiens.fr", "//x", "1a:b"])
                == [true, true, true, false, false, false])
        #expect(try verdicts(#"{"name": "g", "format": "uuid"}"#, ["12345678-1234-5678-1234-567812345678", "{12345678-1234-5678-1234-567812345678}", "12345678123456781234567812345678", "1234", "1234567z-1234-5678-1234-567812345678"])
                == [true, true, true, false, false])
    }

    @Test("any and string accept any text; the type-error message is French and placed")
    func messages() throws {
        #expect(try verdicts(#"{"name": "a", "type": "any"}"#, ["x", "=1"]).allSatisfy { $0 })
        let schema = try TableSchema.test(#"{"fields": [{"name": "nom"}, {"name": "montant", "type": "number"}]}"#)
        let report = try validate("nom,montant\nA,1\nB,abc\n", schema)
        let issue = try #require(report.issues.first)
        #expect(issue.code == .typeError)
        #expect(issue.rowNumber == 3)
        #expect(issue.fieldNumber == 2)
        #expect(issue.fieldName == "montant")
        #expect(issue.cell == "abc")
        #expect(issue.message.hasPrefix("Ligne 3, colonne « montant » : « abc » n'est pas un nombre"))
    }
}
