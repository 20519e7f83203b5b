import Requests
import Testing

@Suite("Multi-step forms: next page, earlier answers, draft, completion")
struct FormPagesTests {
    /// Page 2 only shows when `a` is yes.
    let steps = FormDefinition(title: "Étapes", pages: [
        FormPage(title: "Un", fields: [FormField(key: "a", label: "A ?", kind: .yesNo)]),
        FormPage(title: "Deux", fields: [
            FormField(key: "intro", label: "Détails", kind: .section, condition: FieldCondition(field: "a", equals: "oui")),
            FormField(key: "b", label: "B", kind: .shortText(maxLength: 20), condition: FieldCondition(field: "a", equals: "oui")),
        ]),
        FormPage(title: "Trois", fields: [FormField(key: "c", label: "C", isRequired: false, kind: .shortText(maxLength: 20))]),
    ])

    @Test("pages whose items are all hidden are skipped, both ways")
    func navigation() {
        let yes: [String: AnswerValue] = ["a": .bool(true)], no: [String: AnswerValue] = ["a": .bool(false)]
        #expect(steps.nextPage(after: 0, given: yes) == 1)
        #expect(steps.nextPage(after: 0, given: no) == 2)
        #expect(steps.nextPage(after: 0, given: [:]) == 2)
        #expect(steps.nextPage(after: 2, given: yes) == nil)
        #expect(steps.previousPage(before: 2, given: yes) == 1)
        #expect(steps.previousPage(before: 2, given: no) == 0)
        #expect(steps.previousPage(before: 0, given: yes) == nil)
        #expect(steps.visibleFields(onPage: 1, given: yes).map(\.key) == ["intro", "b"])
        #expect(steps.visibleFields(onPage: 1, given: no).isEmpty)
        #expect(steps.visibleFields(onPage: 9, given: yes).isEmpty)
        #expect(!steps.isPageVisible(1, given: no) && steps.isPageVisible(2, given: no))
    }

    @Test("a page's conditions read the earlier pages' answers; later-page answers are not trusted")
    func pageWithEarlier() throws {
        #expect(try steps.validate(page: 1, ["b": ["Bonjour"]], earlier: ["a": .bool(true)]) == ["b": .text("Bonjour")])
        #expect(try steps.validate(page: 1, ["b": ["Bonjour"]], earlier: ["a": .bool(false)]) == [:])
        #expect(errors { try steps.validate(page: 1, [:], earlier: ["a": .bool(true)]) } == [FieldError(key: "b", problem: .required)])
        #expect(errors { try steps.validate(page: 0, ["a": ["oui"], "b": ["x"]], earlier: [:]) } == [FieldError(key: "b", problem: .unknownField)])
    }

    @Test("updating a page replaces its answers and drops answers hidden since")
    func draft() {
        var draft = steps.updating([:], page: 0, with: ["a": .bool(true)])
        draft = steps.updating(draft, page: 1, with: ["b": .text("Bonjour")])
        draft = steps.updating(draft, page: 2, with: ["c": .text("Fin")])
        #expect(draft == ["a": .bool(true), "b": .text("Bonjour"), "c": .text("Fin")])
        draft = steps.updating(draft, page: 0, with: ["a": .bool(false)])
        #expect(draft == ["a": .bool(false), "c": .text("Fin")])
        draft = steps.updating(draft, page: 2, with: [:])
        #expect(draft == ["a": .bool(false)])
    }

    @Test("completion checks every visible required field and refuses unknown keys")
    func completion() throws {
        #expect(try steps.complete(["a": .bool(false), "b": .text("caché")]) == ["a": .bool(false)])
        #expect(errors { try steps.complete(["a": .bool(true)]) } == [FieldError(key: "b", problem: .required)])
        #expect(errors { try steps.complete([:]) } == [FieldError(key: "a", problem: .required)])
        #expect(errors { try steps.complete(["a": .bool(false), "intro": .text("x"), "zz": .bool(true)]) } ==
            [FieldError(key: "intro", problem: .unknownField), FieldError(key: "zz", problem: .unknownField)])
    }

    @Test("the sample forms filled page by page")
    func waterSubscription() throws {
        let form = FormDefinition.waterSubscription
        var draft: [String: AnswerValue] = [:]
        let pages: [[String: [String]]] = [
            ["type_titulaire": ["entreprise"], "raison_sociale": ["Boulangerie du Beffroi"], "siret": ["732 829 320 00074"],
             "nom": ["Anne Martin"], "email": ["anne@beffroi.fr"], "telephone": ["+33 3 22 00 00 00"]],
            ["adresse": ["12 rue des Trois Cailloux, Amiens"], "date_entree": ["01/09/2026"], "index_compteur": ["1 234"]],
            ["prelevement": ["oui"], "iban": ["fr76 3000 6000 0112 3456 7890 189"], "services": ["releve_sms", "alerte_fuite"],
             "sms_numero": ["06 12 34 56 78"]],
        ]
        var page: Int? = 0
        while let current = page {
            let answers = try form.validate(page: current, pages[current], earlier: draft)
            draft = form.updating(draft, page: current, with: answers)
            page = form.nextPage(after: current, given: draft)
        }
        let filed = try form.complete(draft)
        #expect(filed["siret"] == .siret("73282932000074"))
        #expect(filed["iban"] == .iban("FR7630006000011234567890189"))
        #expect(filed["index_compteur"] == .number("1234"))
        #expect(filed["services"] == .choices(["alerte_fuite", "releve_sms"]))
        #expect(filed["sms_numero"] == .phone("+33612345678"))
        #expect(filed.count == 13)
        #expect(form.page(of: "iban") == 2 && form.page(of: "nope") == nil)
    }
}
