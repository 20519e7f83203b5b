import Foundation
import TableSchema
import Testing

@Suite("TableSchema: reading schema JSON")
struct SchemaParsingTests {
    @Test("the SCDL schemas read, with their identity and fields",
          .enabled(if: TestPaths.scdlAvailable, "../shared/specs/scdl is absent"))
    func scdl() throws {
        let subventions = try TableSchema(contentsOfFile: TestPaths.scdlSchema("subventions"))
        #expect(subventions.name == "subventions")
        #expect(subventions.title == "Subventions")
        #expect(subventions.version == "2.1.1")
        #expect(subventions.path == "https://gitlab.com/opendatafrance/scdl/subventions/raw/v2.1.1/schema.json")
        #expect(subventions.fields.count == 16)
        let notification = try #require(subventions.field(named: "notificationUE"))
        #expect(notification.type == .boolean)
        #expect(notification.trueValues == ["oui"])
        #expect(notification.falseValues == ["non"])
        #expect(notification.constraints.required)
        let share = try #require(subventions.field(named: "pourcentageSubvention"))
        #expect(share.constraints.minimum == "0.01")
        #expect(share.constraints.maximum == "1")
        #expect(subventions.field(named: "nature")?.constraints.enumeration?.count == 4)
        for name in TestPaths.scdlNames {
            let schema = try TableSchema(contentsOfFile: TestPaths.scdlSchema(name))
            #expect(schema.name == name)
            #expect(schema.version != nil)
            #expect(!schema.fields.isEmpty)
        }
        let budget = try TableSchema(contentsOfFile: TestPaths.scdlSchema("budget"))
        #expect(budget.field(named: "BGT_ANNEE")?.type == .year)
        #expect(budget.field(named: "BGT_ANNEE")?.example == "2018")
        #expect(budget.field(named: "BGT_ANNEE")?.title != nil)
    }

    @Test("defaults, options, primary key as a string, unknown keys ignored")
    func options() throws {
        let schema = try TableSchema.test("""
            {"name": "t", "custom_checks": [{"name": "x"}], "primaryKey": "id", "missingValues": ["", "NA"],
             "fields": [{"name": "id", "type": "integer", "whatever": 1},
                        {"name": "amount", "type": "number", "decimalChar": ",", "groupChar": " ", "bareNumber": false},
                        {"name": "note", "missingValues": ["-"]},
                        {"name": "day", "type": "date", "format": "fmt:%d/%m/%Y", "example": "01/02/2024"}]}
            """)
        #expect(schema.primaryKey == ["id"])
        #expect(schema.missingValues == ["", "NA"])
        #expect(schema.fieldNames == ["id", "amount", "note", "day"])
        #expect(schema.fields[1].decimalChar == ",")
        #expect(schema.fields[1].groupChar == " ")
        #expect(schema.fields[1].bareNumber == false)
        #expect(schema.fields[2].type == .string)
        #expect(schema.fields[2].missingValues == ["-"])
        #expect(schema.fields[3].format == "%d/%m/%Y")
        #expect(schema.fields[3].example == "01/02/2024")
        #expect(TableSchema(fields: [SchemaField(name: "a")]).missingValues == [""])
    }

    @Test("broken schemas are refused in French", arguments: [
        ("not json", "JSON"),
        (#"{"fields": []}"#, "aucun champ"),
        (#"{"fields": [{"type": "string"}]}"#, "pas de nom"),
        (#"{"fields": [{"name": "a"}, {"name": "a"}]}"#, "deux fois"),
        (#"{"primaryKey": ["b"], "fields": [{"name": "a"}]}"#, "clé primaire"),
        (#"{"fields": [{"name": "a", "constraints": {"pattern": "(unclosed"}}]}"#, "expression régulière"),
        (#"{"fields": [{"name": "a", "type": "number", "constraints": {"pattern": "1"}}]}"#, "ne s'applique pas"),
        (#"{"fields": [{"name": "a", "type": "integer", "constraints": {"minimum": "x"}}]}"#, "borne"),
    ])
    func refused(json: String, fragment: String) {
        #expect {
            _ = try TableSchema.test(json)
        } throws: { error in
            (error as? TableSchemaError)?.message.contains(fragment) == true
        }
    }
}
