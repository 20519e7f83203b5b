import Foundation
import Requests
import Testing

@Suite("Designer: fields from the builder's form, form edits, the workflow's rows")
struct DesignerTests {
    let form = FormDefinition.illegalDumping

    @Test("a field draft becomes a field: keys derived without accents, choices parsed, limits checked")
    func fieldDrafts() throws {
        let choice = try FieldDraft(label: "Type de salle", kind: "single", choices: "grande : Grande salle\nPetite salle\n\n").field().get()
        #expect(choice.key == "type_de_salle")
        #expect(choice.kind == .singleChoice(choices: [Choice("grande", "Grande salle"), Choice("petite-salle", "Petite salle")]))
        let number = try FieldDraft(label: "Nombre de personnes", kind: "number", minimum: "1", maximum: "300,5", integerOnly: true).field().get()
        #expect(number.kind == .number(minimum: 1, maximum: Decimal(string: "300.5"), integerOnly: true))
        let file = try FieldDraft(label: "Justificatif", kind: "file", mediaTypes: ["pdf", "png", "exe"], maxMegabytes: "5").field().get()
        #expect(file.kind == .file(mediaTypes: ["application/pdf", "image/png"], maxBytes: 5 * 1024 * 1024))
        let section = try FieldDraft(label: "Vos coordonnées", kind: "section").field().get()
        #expect(!section.isRequired, "a section takes no answer")
        #expect(FieldDraft.key(from: "Éclairage : « panne » n°3") == "eclairage_panne_n_3")
        #expect(FieldDraft.key(from: "2 roues") == "c_2_roues")
    }

    @Test("bad drafts are refused with French reasons")
    func badDrafts() {
        func messages(_ draft: FieldDraft) -> [String] {
            if case .failure(let errors) = draft.field() { errors.messages } else { [] }
        }
        #expect(messages(FieldDraft(label: "", kind: "text")).contains { $0.contains("libellé") })
        #expect(messages(FieldDraft(label: "Choix", kind: "multiple")).contains { $0.contains("au moins une option") })
        #expect(messages(FieldDraft(label: "Pièce", kind: "file", mediaTypes: [])).contains { $0.contains("type de fichier") })
        #expect(messages(FieldDraft(label: "Pièce", kind: "file", mediaTypes: ["pdf"], maxMegabytes: "500")).contains { $0.contains("100 Mo") })
        #expect(messages(FieldDraft(label: "Texte", kind: "text", maxLength: "-3")).contains { $0.contains("entier positif") })
        #expect(messages(FieldDraft(label: "Âge", key: "1age", kind: "number")).contains { $0.contains("identifiant") })
        #expect(messages(FieldDraft(label: "X", kind: "script")) == ["Type de champ inconnu."])
    }

    @Test("adding, moving and removing fields keeps the form valid or says why not")
    func formEdits() throws {
        let field = FormField(key: "volume", label: "Volume (m³)", isRequired: false, kind: .number())
        let added = try form.adding(field, toPage: 0).get()
        #expect(added.pages[0].fields.last?.key == "volume")
        let newPage = try form.adding(field, toPage: 2, newPageTitle: "Compléments").get()
        #expect(newPage.pages.count == 3 && newPage.pages[2].title == "Compléments")
        if case .failure(let errors) = form.adding(FormField(key: "nature", label: "Encore", kind: .yesNo), toPage: 0) {
            #expect(!errors.messages.isEmpty, "a duplicate key")
        } else { Issue.record("a duplicate key was accepted") }
        #expect(throws: DraftErrors.self) { try form.adding(field, toPage: 7).get() }
        // `recontact` controls `email` and `telephone`: it cannot go first.
        if case .failure(let errors) = form.removing("recontact") {
            #expect(errors.messages.first?.contains("dépend") == true)
        } else { Issue.record("a field others depend on was removed") }
        let removed = try form.removing("date_constat").get()
        #expect(removed.field("date_constat") == nil)
        let moved = try form.moving("description", up: true).get()
        #expect(moved.pages[0].fields.map(\.key).firstIndex(of: "description")! < form.pages[0].fields.map(\.key).firstIndex(of: "description")!)
        #expect(try form.moving("nature", up: true).get() == form, "the first field stays first")
    }

    @Test("the workflow's rows: statuses and actions added, edited and removed; an invalid circuit is refused")
    func workflowRows() throws {
        var posted: [String: [String]] = [
            "statut_id": ["recue", "instruction", "cloturee", ""], "statut_libelle": ["Reçue", "En cours", "Clôturée", "Suspendue"],
            "statut_final": ["2"], "statut_reponse": ["3"], "statut_initial": ["recue"],
            "t_id": ["prendre", "", "clore", ""], "t_libelle": ["Prendre en charge", "Suspendre", "Clore", ""],
            "t_vers": ["instruction", "Suspendue", "cloturee", ""], "t_permission": ["requests.process", "", "requests.design", ""],
            "t_message": ["Votre demande {{numero}} est prise en charge.", "", "", ""],
            "t_depuis_0": ["recue"], "t_depuis_1": ["instruction"], "t_depuis_2": ["instruction", "suspendue"], "t_lot": ["0"],
        ]
        let workflow = try WorkflowDraft.workflow(posted).get()
        #expect(workflow.statuses.map(\.id) == ["recue", "instruction", "cloturee", "suspendue"])
        #expect(workflow.status("suspendue")?.citizenMayReply == true && workflow.status("cloturee")?.isFinal == true)
        #expect(workflow.transition("suspendre")?.to == "suspendue" && workflow.transition("clore")?.permission == "requests.design")
        #expect(workflow.transition("prendre")?.allowsBulk == true && workflow.transition("prendre")?.message?.contains("{{numero}}") == true)
        posted["statut_final"] = []
        guard case .failure(let noFinal) = WorkflowDraft.workflow(posted) else { Issue.record("no final status accepted"); return }
        #expect(!noFinal.messages.isEmpty)
        posted["statut_final"] = ["2"]
        posted["t_permission"] = ["root", "", "", ""]
        #expect(throws: DraftErrors.self) { try WorkflowDraft.workflow(posted).get() }
        posted["t_permission"] = ["requests.process", "", "requests.design", ""]
        posted["t_message"] = ["{{inconnu}}", "", "", ""]
        #expect(throws: DraftErrors.self) { try WorkflowDraft.workflow(posted).get() }
        posted["t_message"] = ["", "", "", ""]
        posted["t_supprimer"] = ["1"]
        #expect(throws: DraftErrors.self, "without « Suspendre », « Suspendue » is unreachable") { try WorkflowDraft.workflow(posted).get() }
    }
}
