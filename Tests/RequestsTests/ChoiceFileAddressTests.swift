import Foundation
import Requests
import Testing

@Suite("Choices, yes/no, files and addresses")
struct ChoiceFileAddressTests {
    let options = [Choice("a", "Option A"), Choice("b", "Option B"), Choice("c", "Option C")]

    @Test("single choice: one of the values")
    func singleChoice() throws {
        #expect(try answer(.singleChoice(choices: options), " b ") == .choice("b"))
        #expect(problems(.singleChoice(choices: options), "z") == [.unknownChoice])
        #expect(problems(.singleChoice(choices: options), "Option A") == [.unknownChoice], "labels are not values")
        #expect(problems(.singleChoice(choices: options), "a", "b") == [.singleValueExpected])
    }

    @Test("multiple choice: values in the form's order, each once")
    func multipleChoice() throws {
        let kind = FieldKind.multipleChoice(choices: options)
        #expect(try answer(kind, "c", "a", "a", "") == .choices(["a", "c"]))
        #expect(try answer(kind, "b") == .choices(["b"]))
        #expect(try answer(kind) == nil)
        #expect(problems(kind, "a", "z") == [.unknownChoice])
        #expect(problems(kind) == [.required])
        #expect(problems(kind, "", " ") == [.required])
    }

    @Test("yes/no: oui, non and what checkboxes post")
    func yesNo() throws {
        for (typed, value) in [("oui", true), ("Oui", true), ("true", true), ("1", true), ("on", true),
                               ("non", false), ("NON", false), ("false", false), ("0", false)] {
            #expect(try answer(.yesNo, typed) == .bool(value), "\(typed)")
        }
        #expect(problems(.yesNo, "peut-être") == [.invalidYesNo])
        #expect(problems(.yesNo) == [.required])
    }

    @Test("file: the id of an uploaded document")
    func file() throws {
        let kind = FieldKind.file(mediaTypes: ["application/pdf"], maxBytes: 1000)
        let id = UUID()
        #expect(try answer(kind, id.uuidString.lowercased()) == .document(id))
        #expect(problems(kind, "photo.jpg") == [.invalidDocument])
        #expect(problems(kind, "\(id)", "\(UUID())") == [.singleValueExpected])
    }

    @Test("address: text, optional coordinates (comma accepted) within range")
    func address() throws {
        #expect(try answer(.address, " 1 place de l'Hôtel de Ville, Amiens ") ==
            .address(PostalAddress(text: "1 place de l'Hôtel de Ville, Amiens")))
        let raw = ["champ": ["Parvis de la cathédrale"], "champ.latitude": ["49,8945"], "champ.longitude": ["2.3022"]]
        #expect(try form(.address).validate(raw)["champ"] ==
            .address(PostalAddress(text: "Parvis de la cathédrale", latitude: 49.8945, longitude: 2.3022)))
        let edges = ["champ": ["Pôle"], "champ.latitude": ["-90"], "champ.longitude": ["180"]]
        #expect(try form(.address).validate(edges)["champ"] == .address(PostalAddress(text: "Pôle", latitude: -90, longitude: 180)))
    }

    @Test("address refusals", arguments: [
        (["champ": ["Ici"], "champ.latitude": ["91"], "champ.longitude": ["2"]], AnswerProblem.invalidCoordinates),
        (["champ": ["Ici"], "champ.latitude": ["49"], "champ.longitude": ["-180.5"]], .invalidCoordinates),
        (["champ": ["Ici"], "champ.latitude": ["49"]], .invalidCoordinates),
        (["champ": ["Ici"], "champ.latitude": ["nan"], "champ.longitude": ["2"]], .invalidCoordinates),
        (["champ": ["Ici"], "champ.latitude": ["1e1"], "champ.longitude": ["2"]], .invalidCoordinates),
        (["champ": ["Ici"], "champ.latitude": ["49", "50"], "champ.longitude": ["2"]], .singleValueExpected),
        (["champ.latitude": ["49"], "champ.longitude": ["2"]], .addressTextMissing),
        (["champ": ["Ici\nLà"]], .controlCharacters),
        (["champ": [String(repeating: "a", count: 501)]], .tooLong(maxLength: 500)),
        (["champ": []], .required),
    ])
    func invalidAddress(raw: [String: [String]], problem: AnswerProblem) {
        #expect(problems(of: form(.address), raw) == [problem])
    }

    @Test("display text for the pages (French)")
    func display() throws {
        let field = FormField(key: "champ", label: "Champ", kind: .multipleChoice(choices: options))
        #expect(AnswerValue.choices(["a", "c"]).displayText(for: field) == "Option A, Option C")
        #expect(AnswerValue.choice("b").displayText(for: field) == "Option B")
        #expect(AnswerValue.number("-12.5").displayText(for: field) == "-12,5")
        #expect(AnswerValue.date(try #require(CalendarDate(year: 2026, month: 7, day: 14))).displayText(for: field) == "14/07/2026")
        #expect(AnswerValue.bool(false).displayText(for: field) == "Non")
        #expect(AnswerValue.phone("+33612345678").displayText(for: field) == "+33 6 12 34 56 78")
        #expect(AnswerValue.siret("73282932000074").displayText(for: field) == "732 829 320 00074")
        #expect(AnswerValue.iban("FR7630006000011234567890189").displayText(for: field) == "FR76 3000 6000 0112 3456 7890 189")
        #expect(AnswerValue.text("<b>x</b>").displayText(for: field) == "<b>x</b>", "escaping is the pages' job")
    }

    @Test("answers are stored as JSON and read back")
    func answersCodable() throws {
        let answers: [String: AnswerValue] = [
            "t": .text("é\n<script>"), "n": .number("12.5"), "d": .date(try #require(CalendarDate(parsing: "14/07/2026"))),
            "c": .choice("a"), "m": .choices(["a", "b"]), "b": .bool(true), "f": .document(UUID()),
            "a": .address(PostalAddress(text: "Ici", latitude: 49.9, longitude: 2.3)), "e": .email("a@b.fr"),
            "p": .phone("+33612345678"), "s": .siret("73282932000074"), "i": .iban("FR7630006000011234567890189"),
        ]
        let decoded = try JSONDecoder().decode([String: AnswerValue].self, from: JSONEncoder().encode(answers))
        #expect(decoded == answers)
    }
}
