import Requests
import Testing

@Suite("Text fields: trimmed, bounded, control characters refused, markup kept as typed")
struct TextFieldTests {
    @Test("short text is trimmed and kept as typed, markup included")
    func shortText() throws {
        #expect(try answer(.shortText(maxLength: 50), "  Rue des Lilas \t") == .text("Rue des Lilas"))
        #expect(try answer(.shortText(maxLength: 50), "<script>alert(1)</script>") == .text("<script>alert(1)</script>"))
        #expect(try answer(.shortText(maxLength: 50), "\u{00A0} ") == nil, "blank: no answer")
    }

    @Test("length is counted in characters, at the bound and beyond")
    func length() throws {
        #expect(try answer(.shortText(maxLength: 5), "abcde") == .text("abcde"))
        #expect(try answer(.shortText(maxLength: 5), "éèà👍🏽ç") == .text("éèà👍🏽ç"))
        #expect(problems(.shortText(maxLength: 5), "abcdef") == [.tooLong(maxLength: 5)])
        #expect(problems(.longText(maxLength: 3), "a\nbc") == [.tooLong(maxLength: 3)])
        #expect(AnswerProblem.tooLong(maxLength: 5).message == "Ce texte ne doit pas dépasser 5 caractères.")
    }

    @Test("short text refuses every control character, newlines included")
    func shortTextControls() {
        for text in ["a\nb", "a\rb", "a\tb", "a\u{0}b", "a\u{7}b", "a\u{1B}[31mb", "a\u{7F}b", "a\u{85}b"] {
            #expect(problems(.shortText(maxLength: 50), text) == [.controlCharacters], "\(text.debugDescription)")
        }
        #expect(AnswerProblem.controlCharacters.message == "Ce texte contient des caractères non autorisés.")
    }

    @Test("long text keeps newlines (CRLF and CR become LF), refuses other control characters")
    func longText() throws {
        #expect(try answer(.longText(maxLength: 100), "\r\n Ligne 1\r\nLigne 2\rLigne 3\n\n") == .text("Ligne 1\nLigne 2\nLigne 3"))
        for text in ["a\tb", "a\u{0}b", "a\u{8}b", "a\u{1F}b"] {
            #expect(problems(.longText(maxLength: 100), text) == [.controlCharacters], "\(text.debugDescription)")
        }
    }

    @Test("a required field left blank, or posted twice")
    func requiredAndSingle() {
        #expect(problems(.shortText(maxLength: 10), "   ") == [.required])
        #expect(problems(of: form(.shortText(maxLength: 10)), [:]) == [.required])
        #expect(problems(.shortText(maxLength: 10), required: false).isEmpty)
        #expect(problems(.shortText(maxLength: 10), "a", "b") == [.singleValueExpected])
        #expect(problems(.shortText(maxLength: 10), "a", " ").isEmpty, "blank extra values are ignored")
        #expect(AnswerProblem.required.message == "Ce champ est obligatoire.")
        #expect(AnswerProblem.singleValueExpected.message == "Une seule valeur est attendue.")
    }
}
