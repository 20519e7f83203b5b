import Foundation
import Requests
import Testing

@Suite("Workflow definitions: their own validation, templates, bulk flags")
struct WorkflowDefinitionTests {
    let standard = WorkflowDefinition.standard

    /// open → done, valid; each test breaks one thing.
    func minimal(statuses: [WorkflowStatus]? = nil, initial: String = "open",
                 transitions: [WorkflowTransition]? = nil) -> WorkflowDefinition {
        WorkflowDefinition(
            statuses: statuses ?? [WorkflowStatus(id: "open", label: "Ouverte"), WorkflowStatus(id: "done", label: "Close", isFinal: true)],
            initialStatus: initial,
            transitions: transitions ?? [WorkflowTransition(id: "close", label: "Clore", from: ["open"], to: "done")])
    }

    @Test("the default workflow is valid, every status reachable, and survives JSON")
    func standardWorkflow() throws {
        #expect(standard.problems() == [])
        #expect(minimal().problems() == [])
        #expect(standard.reachableStatuses() == Set(standard.statuses.map(\.id)))
        #expect(standard.statuses.filter(\.isFinal).map(\.id) == ["cloturee"])
        #expect(standard.statuses.filter(\.citizenMayReply).map(\.id) == ["attente-pieces"])
        #expect(try JSONDecoder().decode(WorkflowDefinition.self, from: JSONEncoder().encode(standard)) == standard)
    }

    @Test("bulk flags and the transitions an agent may take")
    func bulk() {
        let process: Set<String> = ["requests.process"]
        #expect(standard.bulkTransitions(from: "recue", permissions: process).map(\.id) == ["prendre-en-charge"])
        #expect(standard.bulkTransitions(from: "instruction", permissions: process).isEmpty)
        #expect(standard.bulkTransitions(from: "acceptee", permissions: process).map(\.id) == ["cloturer"])
        #expect(standard.bulkTransitions(from: "recue", permissions: []).isEmpty)
        #expect(standard.transitions(from: "instruction", permissions: process).map(\.id) == ["demander-pieces", "accepter", "refuser"])
        #expect(standard.transitions(from: "attente-pieces").map(\.id) == ["reprendre", "refuser"])
        #expect(standard.transitions(from: "cloturee").isEmpty)
    }

    @Test("statuses: some, valid unique ids, labels, a valid initial one, a final one")
    func statuses() {
        #expect(WorkflowDefinition(statuses: [], initialStatus: "x", transitions: []).problems() == [.noStatuses])
        let bad = minimal(statuses: [WorkflowStatus(id: "Open", label: ""), WorkflowStatus(id: "done", label: "Close", isFinal: true),
                                     WorkflowStatus(id: "done", label: "Encore", isFinal: true)], initial: "Open",
                          transitions: [WorkflowTransition(id: "close", label: "Clore", from: ["Open"], to: "done")])
        #expect(bad.problems() == [.invalidStatusID("Open"), .statusLabel("Open"), .duplicateStatus("done")])
        #expect(minimal(initial: "nope").problems() == [.unknownInitialStatus("nope")])
        #expect(minimal(initial: "done").problems().contains(.finalInitialStatus("done")))
        let noFinal = minimal(statuses: [WorkflowStatus(id: "open", label: "Ouverte"), WorkflowStatus(id: "done", label: "Close")],
                              transitions: [WorkflowTransition(id: "close", label: "Clore", from: ["open"], to: "done"),
                                            WorkflowTransition(id: "reopen", label: "Rouvrir", from: ["done"], to: "open")])
        #expect(noFinal.problems() == [.noFinalStatus])
    }

    @Test("every status reachable; no non-final dead end")
    func reachability() {
        var statuses = minimal().statuses
        statuses.append(WorkflowStatus(id: "orphan", label: "Orpheline"))
        let orphan = minimal(statuses: statuses, transitions: [
            WorkflowTransition(id: "close", label: "Clore", from: ["open"], to: "done"),
            WorkflowTransition(id: "from-orphan", label: "X", from: ["orphan"], to: "done"),
        ])
        #expect(orphan.problems() == [.unreachableStatus("orphan")])
        let deadEnd = minimal(statuses: statuses, transitions: [
            WorkflowTransition(id: "close", label: "Clore", from: ["open"], to: "done"),
            WorkflowTransition(id: "park", label: "Garer", from: ["open"], to: "orphan"),
        ])
        #expect(deadEnd.problems() == [.deadEnd("orphan")])
        #expect(WorkflowProblem.deadEnd("orphan").message == "Aucune action ne permet de sortir du statut « orphan », qui n'est pas final.")
    }

    @Test("transitions: ids, labels, statuses, not out of a final status, permissions")
    func transitions() {
        let close = WorkflowTransition(id: "close", label: "Clore", from: ["open"], to: "done")
        #expect(minimal(transitions: [close, close]).problems() == [.duplicateTransition("close")])
        let bad = WorkflowTransition(id: "Bad id", label: "", from: [], to: "nowhere", permission: "process")
        #expect(minimal(transitions: [close, bad]).problems() ==
            [.invalidTransitionID("Bad id"), .transitionLabel("Bad id"), .noOrigin(transition: "Bad id"),
             .unknownStatus(transition: "Bad id", status: "nowhere"), .invalidPermission(transition: "Bad id", permission: "process")])
        let reopen = WorkflowTransition(id: "reopen", label: "Rouvrir", from: ["done", "ghost"], to: "open")
        #expect(minimal(transitions: [close, reopen]).problems() ==
            [.unknownStatus(transition: "reopen", status: "ghost"), .leavesFinalStatus(transition: "reopen", status: "done")])
        let custom = WorkflowTransition(id: "close", label: "Clore", from: ["open"], to: "done", permission: "requests.decide_2")
        #expect(minimal(transitions: [custom]).problems() == [])
        #expect(WorkflowProblem.leavesFinalStatus(transition: "reopen", status: "done").message ==
            "L'action « reopen » ne peut pas partir du statut final « done ».")
    }

    @Test("message templates: known placeholders only, closed braces, length")
    func templates() {
        func problems(_ message: String) -> [WorkflowProblem] {
            minimal(transitions: [WorkflowTransition(id: "close", label: "Clore", from: ["open"], to: "done", message: message)]).problems()
        }
        #expect(problems("Demande {{numero}} ({{ demarche }}) : {{statut}}.") == [])
        #expect(problems("Bonjour {{nom}}, {{numero}} {{ date }}") ==
            [.unknownPlaceholder(transition: "close", name: "nom"), .unknownPlaceholder(transition: "close", name: "date")])
        #expect(problems("Demande {{numero") == [.unclosedPlaceholder(transition: "close")])
        #expect(problems(" ") == [.messageLength(transition: "close")])
        #expect(problems(String(repeating: "a", count: 5001)) == [.messageLength(transition: "close")])
        #expect(MessageTemplate.placeholders(in: "{{numero}}{{statut}}") == ["numero", "statut"])
        #expect(MessageTemplate.render("N° {{ numero }}, {{statut}}, {{autre}}", values: ["numero": "EAU-2026-000001", "statut": "Reçue"]) ==
            "N° EAU-2026-000001, Reçue, {{autre}}")
        #expect(MessageTemplate.render("{{numero", values: ["numero": "x"]) == "{{numero")
    }
}
