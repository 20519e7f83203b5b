import Foundation
import TableSchema
import Testing

@Suite("TableValidator: constraints, uniqueness, primary keys")
struct ConstraintTests {
    private func issues(_ fields: String, _ csv: String, extra: String = "") throws -> [TableIssue] {
        let schema = try TableSchema.test(#"{\#(extra) "fields": [\#(fields)]}"#)
        return try validate(csv, schema).issues
    }

    private func constraints(_ issues: [TableIssue]) -> [String] {
        issues.map { "\($0.rowNumber ?? 0):\($0.constraint?.rawValue ?? $0.code.rawValue)" }
    }

    @Test("required: an empty cell or a missing value fails; a space does not")
    func required() throws {
        let found = try issues(#"{"name": "a", "constraints": {"required": true}}, {"name": "b"}"#,
                               "a,b\n,x\nNA,x\n ,x\n", extra: #""missingValues": ["", "NA"],"#)
        #expect(constraints(found) == ["2:required", "3:required"])
        #expect(found[0].message == "Ligne 2, colonne « a » : une valeur est obligatoire.")
    }

    @Test("pattern is anchored as Frictionless anchors it (^…$ around the text, so a|b is ^a|b$)")
    func pattern() throws {
        let siret = try issues(#"{"name": "s", "constraints": {"pattern": "\\d{14}"}}"#, "s\n21800021700017\n2180002170001\n218000217000170\n")
        #expect(constraints(siret) == ["3:pattern", "4:pattern"])
        let alternatives = try issues(#"{"name": "s", "constraints": {"pattern": "a|b"}}"#, "s\na\naxx\nb\nxxb\nc\n")
        #expect(constraints(alternatives) == ["5:pattern", "6:pattern"])
        let accents = try issues(#"{"name": "s", "constraints": {"pattern": "^[A-Za-z\\s\\-\\u00C0-\\u00FF]+$"}}"#, "s\nSaint-Étienne\nAmiens 80000\n")
        #expect(constraints(accents) == ["3:pattern"])
        let named = try issues(#"{"name": "s", "constraints": {"pattern": "(?P<x>a)(?P=x)\\Z"}}"#, "s\naa\nab\n")
        #expect(constraints(named) == ["3:pattern"])
    }

    @Test("enum compares read values (1.0 is 1 in a number field)")
    func enumeration() throws {
        let text = try issues(#"{"name": "e", "constraints": {"enum": ["réel", "ordre"]}}"#, "e\nréel\nreel\n")
        #expect(constraints(text) == ["3:enum"])
        #expect(text[0].message.contains("valeurs possibles : « réel », « ordre »"))
        let numbers = try issues(#"{"name": "n", "type": "number", "constraints": {"enum": [1, 2.5]}}"#, "n\n1.0\n2.50\n3\n")
        #expect(constraints(numbers) == ["4:enum"])
    }

    @Test("minimum, maximum and their exclusive forms, on numbers and dates; NaN fails bounds")
    func bounds() throws {
        let share = try issues(#"{"name": "p", "type": "number", "constraints": {"minimum": 0.01, "maximum": 1}}"#,
                               "p\n0.01\n1\n0.009\n1.0001\nNaN\n")
        #expect(constraints(share) == ["4:minimum", "5:maximum", "6:minimum", "6:maximum"])
        let exclusive = try issues(#"{"name": "i", "type": "integer", "constraints": {"exclusiveMinimum": 0, "exclusiveMaximum": 5}}"#, "i\n0\n1\n5\n")
        #expect(constraints(exclusive) == ["2:exclusiveMinimum", "4:exclusiveMaximum"])
        let dates = try issues(#"{"name": "d", "type": "date", "constraints": {"minimum": "2024-01-01"}}"#, "d\n2023-12-31\n2024-01-01\n")
        #expect(constraints(dates) == ["2:minimum"])
    }

    @Test("minLength and maxLength count characters, not bytes")
    func lengths() throws {
        let found = try issues(#"{"name": "c", "constraints": {"minLength": 3, "maxLength": 5}}"#, "c\nab\nabc\nÉéèêë\nabcdef\n")
        #expect(constraints(found) == ["2:minLength", "5:maxLength"])
    }

    @Test("a type error hides the cell's constraints; several constraints may fail at once")
    func typeFirst() throws {
        let found = try issues(#"{"name": "n", "type": "integer", "constraints": {"minimum": 10}}"#, "n\nabc\n5\n")
        #expect(constraints(found) == ["2:type-error", "3:minimum"])
        let twice = try issues(#"{"name": "c", "constraints": {"minLength": 16, "pattern": "[A-Z]+"}}"#, "c\n80021-7520\n")
        #expect(constraints(twice) == ["2:minLength", "2:pattern"])
    }

    @Test("unique compares read values and names the row seen last")
    func unique() throws {
        let found = try issues(#"{"name": "id", "type": "number", "constraints": {"unique": true}}"#, "id\n1\n2\n1.0\n1\n\n")
        #expect(found.map(\.code) == [.uniqueError, .uniqueError, .blankRow])
        #expect(found[0].rowNumber == 4)
        #expect(found[0].message.contains("figure déjà ligne 2"))
        #expect(found[1].message.contains("figure déjà ligne 4"))
    }

    @Test("primary key: a repeated key, an empty key")
    func primaryKey() throws {
        let found = try issues(#"{"name": "a"}, {"name": "b"}"#, "a,b\nx,1\nx,2\nx,1\n,\n", extra: #""primaryKey": ["a", "b"],"#)
        #expect(found.map(\.code) == [.primaryKeyError, .blankRow, .primaryKeyError])
        #expect(found.map(\.rowNumber) == [4, 5, 5])
        #expect(found[0].fieldNumber == nil)
        #expect(found[0].message == "Ligne 4 : la clé primaire (a, b) reprend celle de la ligne 2.")
    }
}
