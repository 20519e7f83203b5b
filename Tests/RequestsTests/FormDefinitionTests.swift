import Foundation
import Requests
import Testing

@Suite("Form definitions: their own validation, JSON")
struct FormDefinitionTests {
    func single(_ fields: [FormField]) -> FormDefinition {
        FormDefinition(title: "Test", pages: [FormPage(title: "Page", fields: fields)])
    }

    func field(_ key: String = "champ", label: String = "Champ", kind: FieldKind = .yesNo,
               condition: FieldCondition? = nil) -> FormField {
        FormField(key: key, label: label, kind: kind, condition: condition)
    }

    @Test("the samples are valid and survive JSON")
    func samples() throws {
        for sample in [FormDefinition.illegalDumping, .waterSubscription] {
            #expect(sample.problems() == [], "\(sample.title)")
            let decoded = try JSONDecoder().decode(FormDefinition.self, from: JSONEncoder().encode(sample))
            #expect(decoded == sample)
        }
        let json = String(decoding: try JSONEncoder().encode(FormDefinition.waterSubscription), as: UTF8.self)
        #expect(json.contains(#""minimum":"2020-01-01""#), "dates as AAAA-MM-JJ")
        #expect(FormDefinition.illegalDumping.inputFields.count == 9)
        let number = #"{"number":{"minimum":0.5,"maximum":50,"integerOnly":true}}"#
        #expect(try JSONDecoder().decode(FieldKind.self, from: Data(number.utf8)) ==
            .number(minimum: Decimal(string: "0.5"), maximum: 50, integerOnly: true), "limits as JSON numbers")
    }

    @Test("form-level problems: version, title, pages, input fields")
    func formLevel() {
        #expect(FormDefinition(title: "T", pages: []).problems() == [.noPages])
        #expect(FormDefinition(version: 0, title: " ", pages: [FormPage(title: "", fields: [])]).problems() ==
            [.invalidVersion, .title, .noInputField, .pageTitle(page: 1), .emptyPage(page: 1)])
        #expect(single([field(kind: .section)]).problems() == [.noInputField])
        #expect(FormDefinition(title: String(repeating: "x", count: 201), pages: [FormPage(title: "P", fields: [field()])]).problems() == [.title])
        #expect(DefinitionProblem.noPages.message == "Le formulaire doit comporter au moins une page.")
    }

    @Test("keys: format and uniqueness (across pages)")
    func keys() {
        for bad in ["", "1a", "Nom", "a-b", "é", "_a", String(repeating: "a", count: 41)] {
            #expect(single([field(bad)]).problems() == [.invalidKey(bad)], "\(bad)")
        }
        #expect(single([field(String(repeating: "a", count: 40)), field("a_1")]).problems() == [])
        let twice = FormDefinition(title: "T", pages: [FormPage(title: "1", fields: [field("nom")]),
                                                       FormPage(title: "2", fields: [field("nom")])])
        #expect(twice.problems() == [.duplicateKey("nom")])
        #expect(DefinitionProblem.duplicateKey("nom").message == "L'identifiant « nom » est utilisé plusieurs fois.")
    }

    @Test("labels, help and limits")
    func limits() {
        #expect(single([field(label: "")]).problems() == [.label(key: "champ")])
        #expect(single([field(label: String(repeating: "é", count: 200))]).problems() == [])
        #expect(single([FormField(key: "champ", label: "C", help: String(repeating: "a", count: 1001), kind: .yesNo)]).problems()
            == [.helpTooLong(key: "champ")])
        #expect(single([field(kind: .shortText(maxLength: 0))]).problems() == [.maxLength(key: "champ", allowed: 1...1000)])
        #expect(single([field(kind: .shortText(maxLength: 1001))]).problems() == [.maxLength(key: "champ", allowed: 1...1000)])
        #expect(single([field(kind: .longText(maxLength: 50_001))]).problems() == [.maxLength(key: "champ", allowed: 1...50_000)])
        #expect(single([field(kind: .number(minimum: 10, maximum: 1))]).problems() == [.emptyRange(key: "champ")])
        #expect(single([field(kind: .number(minimum: 1, maximum: 1))]).problems() == [])
        let later = CalendarDate(year: 2026, month: 2, day: 1), earlier = CalendarDate(year: 2026, month: 1, day: 1)
        #expect(single([field(kind: .date(minimum: later, maximum: earlier))]).problems() == [.emptyRange(key: "champ")])
        #expect(single([field(kind: .file(mediaTypes: [], maxBytes: 0))]).problems() == [.noMediaTypes(key: "champ"), .maxBytes(key: "champ")])
        #expect(single([field(kind: .file(mediaTypes: ["image/*", "application/vnd.oasis.opendocument.text"], maxBytes: 100 * 1024 * 1024))]).problems() == [])
        #expect(single([field(kind: .file(mediaTypes: ["PDF", "image/"], maxBytes: 100 * 1024 * 1024 + 1))]).problems() ==
            [.invalidMediaType(key: "champ", mediaType: "PDF"), .invalidMediaType(key: "champ", mediaType: "image/"), .maxBytes(key: "champ")])
        #expect(single([field(), field("texte", kind: .explanation(text: "  "))]).problems() == [.explanationText(key: "texte")])
        #expect(single([field(), field("texte", kind: .explanation(text: String(repeating: "a", count: 5001)))]).problems() ==
            [.explanationText(key: "texte")])
    }

    @Test("choices: at least two, valid unique values, labels")
    func choices() {
        #expect(single([field(kind: .singleChoice(choices: [Choice("a", "A")]))]).problems() == [.tooFewChoices(key: "champ")])
        #expect(single([field(kind: .multipleChoice(choices: [Choice("a", "A"), Choice("a", "B"), Choice("B c", ""), Choice("d-1_x", "D")]))]).problems() ==
            [.duplicateChoice(key: "champ", value: "a"), .invalidChoiceValue(key: "champ", value: "B c"), .choiceLabel(key: "champ", value: "B c")])
    }

    @Test("conditions: an earlier choice or yes/no field, and one of its values")
    func conditions() {
        let choice = field("genre", kind: .singleChoice(choices: [Choice("a", "A"), Choice("b", "B")]))
        #expect(single([choice, field("x", condition: FieldCondition(field: "genre", equals: "b"))]).problems() == [])
        #expect(single([field("x", condition: FieldCondition(field: "genre", equals: "a")), choice]).problems() ==
            [.conditionNotEarlier(key: "x", field: "genre")])
        #expect(single([field("x", condition: FieldCondition(field: "x", equals: "oui"))]).problems() ==
            [.conditionNotEarlier(key: "x", field: "x")])
        #expect(single([field("x", condition: FieldCondition(field: "nope", equals: "a"))]).problems() ==
            [.conditionUnknownField(key: "x", field: "nope")])
        #expect(single([choice, field("x", condition: FieldCondition(field: "genre", equals: "c"))]).problems() ==
            [.conditionUnknownValue(key: "x", value: "c")])
        #expect(single([field("oui_non"), field("x", condition: FieldCondition(field: "oui_non", equals: "true"))]).problems() ==
            [.conditionUnknownValue(key: "x", value: "true")])
        #expect(single([field("nom", kind: .shortText(maxLength: 5)), field("x", condition: FieldCondition(field: "nom", equals: "a"))]).problems() ==
            [.conditionNotTestable(key: "x", field: "nom")])
        #expect(DefinitionProblem.conditionNotEarlier(key: "x", field: "genre").message ==
            "La condition du champ « x » porte sur « genre », qui doit le précéder dans le formulaire.")
    }
}

