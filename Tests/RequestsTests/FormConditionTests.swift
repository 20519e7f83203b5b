import Requests
import Testing

@Suite("Conditions, unknown keys and multi-page forms")
struct FormConditionTests {
    let water = FormDefinition.waterSubscription
    let dumping = FormDefinition.illegalDumping

    let person: [String: [String]] = [
        "type_titulaire": ["particulier"], "nom": ["Anne Martin"], "email": ["anne@amiens.fr"], "telephone": ["06 12 34 56 78"],
    ]

    @Test("a hidden field is neither required nor checked, and its answer is dropped")
    func hiddenDropped() throws {
        var raw = person
        raw["siret"] = ["not a siret"]
        raw["raison_sociale"] = ["ACME"]
        let answers = try water.validate(page: 0, raw, earlier: [:])
        #expect(answers == ["type_titulaire": .choice("particulier"), "nom": .text("Anne Martin"),
                            "email": .email("anne@amiens.fr"), "telephone": .phone("+33612345678")])
    }

    @Test("a shown field is required and checked")
    func shownChecked() throws {
        var raw = person
        raw["type_titulaire"] = ["entreprise"]
        #expect(errors { try water.validate(page: 0, raw, earlier: [:]) } ==
            [FieldError(key: "raison_sociale", problem: .required), FieldError(key: "siret", problem: .required)])
        raw["raison_sociale"] = ["La Poste"]
        raw["siret"] = ["35600000000014"]
        let refused = errors { try water.validate(page: 0, raw, earlier: [:]) }
        #expect(refused.map(\.message) == ["Le numéro SIRET n'est pas valide (clé de contrôle)."])
        raw["siret"] = ["356 000 000 00001"]
        #expect(try water.validate(page: 0, raw, earlier: [:])["siret"] == .siret("35600000000001"))
    }

    @Test("yes/no and multiple-choice conditions; a field hidden hides the fields that depend on it")
    func conditions() throws {
        let whole: [String: [String]] = ["nature": ["autre"], "nature_autre": ["Pneus"], "adresse": ["Chemin du Marais"],
                                         "description": ["Une dizaine de pneus"], "recontact": ["non"], "email": ["x@y.fr"]]
        let answers = try dumping.validate(whole)
        #expect(answers["nature_autre"] == .text("Pneus"))
        #expect(answers["email"] == nil, "recontact = non hides the e-mail")
        var other = whole
        other["nature"] = ["gravats"]
        #expect(try dumping.validate(other)["nature_autre"] == nil)
        other["recontact"] = ["oui"]
        other["email"] = []
        #expect(errors { try dumping.validate(other) } == [FieldError(key: "email", problem: .required)])

        let chained = FormDefinition(title: "Chaîne", pages: [FormPage(title: "P", fields: [
            FormField(key: "a", label: "A", kind: .yesNo),
            FormField(key: "b", label: "B", kind: .multipleChoice(choices: [Choice("x", "X"), Choice("y", "Y")]),
                      condition: FieldCondition(field: "a", equals: "oui")),
            FormField(key: "c", label: "C", kind: .shortText(maxLength: 10), condition: FieldCondition(field: "b", equals: "y")),
        ])])
        #expect(try chained.validate(["a": ["oui"], "b": ["x", "y"], "c": ["ok"]]) == ["a": .bool(true), "b": .choices(["x", "y"]), "c": .text("ok")])
        #expect(try chained.validate(["a": ["oui"], "b": ["x"], "c": ["ok"]]) == ["a": .bool(true), "b": .choices(["x"])])
        #expect(try chained.validate(["a": ["non"], "b": ["y"], "c": ["ok"]]) == ["a": .bool(false)], "c hidden because b is")
        #expect(chained.keepingVisible(["a": .bool(false), "b": .choices(["y"]), "c": .text("ok")]) == ["a": .bool(false)])
        #expect(chained.visibleFields(given: ["a": .bool(true), "b": .choices(["y"])]).map(\.key) == ["a", "b", "c"])
        #expect(chained.visibleFields(given: [:]).map(\.key) == ["a"])
    }

    @Test("unknown keys are refused, and so are keys of items that take no answer")
    func unknownKeys() {
        let refused = errors {
            try dumping.validate(["nature": ["gravats"], "adresse": ["Ici"], "description": ["Tas"], "recontact": ["non"],
                                  "zz": ["1"], "rgpd": ["x"], "adresse.altitude": ["3"]])
        }
        #expect(refused.map(\.key) == ["adresse.altitude", "rgpd", "zz"])
        #expect(refused.allSatisfy { $0.problem == .unknownField })
        #expect(AnswerProblem.unknownField.message == "Ce champ n'existe pas dans le formulaire.")
        let page = errors { try water.validate(page: 0, person.merging(["iban": ["FR76"]]) { a, _ in a }, earlier: [:]) }
        #expect(page == [FieldError(key: "iban", problem: .unknownField)], "a field of another page")
        #expect(errors { try water.validate(page: 7, ["nom": ["A"]], earlier: [:]) } == [FieldError(key: "nom", problem: .unknownField)])
    }

    @Test("errors come in form order, every field at once")
    func errorOrder() {
        let refused = errors { try water.validate(page: 0, ["type_titulaire": ["entreprise"], "siret": ["123"], "telephone": ["12"]], earlier: [:]) }
        #expect(refused.map(\.key) == ["raison_sociale", "siret", "nom", "email", "telephone"])
        #expect(AnswerErrors(refused).messages(for: "siret") == ["Le numéro SIRET doit comporter 14 chiffres."])
        #expect(AnswerErrors(refused).problems(for: "nom") == [.required])
    }
}
