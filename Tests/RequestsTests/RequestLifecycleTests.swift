import Foundation
import Requests
import Testing

@Suite("RequestLifecycle: the standard workflow, every transition and every refusal")
struct RequestLifecycleTests {
    let workflow = WorkflowDefinition.standard
    let citizenID = UUID()
    let agentID = UUID()
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    var citizen: LifecycleActor { .citizen(citizenID) }
    var agent: LifecycleActor { .agent(agentID, permissions: ["requests.process"]) }
    let context = RequestLifecycle.MessageContext(number: RequestNumber(slug: "depots", year: 2026, sequence: 42)!,
                                                  procedure: "Signalement d'un dépôt sauvage")

    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    func filed() throws -> RequestLifecycle { try RequestLifecycle.start(in: workflow, requester: citizenID, at: t0).0 }

    /// A request moved along these transitions by the agent.
    func after(_ transitions: String...) throws -> RequestLifecycle {
        var lifecycle = try filed()
        for id in transitions { try lifecycle.apply(.transition(id: id), by: agent, in: workflow, context: context, at: at(1)) }
        return lifecycle
    }

    func refusal(_ lifecycle: RequestLifecycle, _ action: LifecycleAction, by actor: LifecycleActor) -> LifecycleRefusal? {
        var copy = lifecycle
        do {
            try copy.apply(action, by: actor, in: workflow, context: context, at: at(99))
            return nil
        } catch {
            #expect(copy == lifecycle, "a refused action changes nothing")
            return error
        }
    }

    @Test("filing: the initial status, one journal entry")
    func start() throws {
        let (lifecycle, effects) = try RequestLifecycle.start(in: workflow, requester: citizenID, at: t0)
        let entry = LifecycleEntry(at: t0, account: citizenID, event: .filed(status: "recue"))
        #expect(lifecycle.status == "recue" && lifecycle.filedAt == t0 && lifecycle.assignee == nil)
        #expect(lifecycle.history == [entry] && effects == [.journal(entry)])
        var broken = workflow
        broken.initialStatus = "nope"
        #expect(throws: LifecycleRefusal.invalidWorkflow([.unknownInitialStatus("nope")])) {
            try RequestLifecycle.start(in: broken, requester: nil, at: t0)
        }
    }

    @Test("a transition: status changed, message rendered and sent, journal")
    func transitionEffects() throws {
        var lifecycle = try filed()
        let effects = try lifecycle.apply(.transition(id: "prendre-en-charge"), by: agent, in: workflow, context: context, at: at(5))
        let message = "Votre demande DEPOTS-2026-000042 (Signalement d'un dépôt sauvage) est désormais « En cours d'instruction »."
        let entry = LifecycleEntry(at: at(5), account: agentID,
                                   event: .transition(id: "prendre-en-charge", from: "recue", to: "instruction", message: message))
        #expect(effects == [.journal(entry), .statusChanged(from: "recue", to: "instruction", message: message),
                            .notifyCitizen(message: message)])
        #expect(lifecycle.status == "instruction" && lifecycle.history.last == entry)
    }

    @Test("the agent's comment follows the template's message; no template, no message unless a comment")
    func comments() throws {
        var lifecycle = try after("prendre-en-charge")
        let effects = try lifecycle.apply(.transition(id: "refuser", comment: "  Le terrain est privé.\r\nVoir le PLU. "),
                                          by: agent, in: workflow, context: context, at: at(5))
        let message = "Votre demande DEPOTS-2026-000042 (Signalement d'un dépôt sauvage) a été refusée.\n\nLe terrain est privé.\nVoir le PLU."
        #expect(effects.contains(.notifyCitizen(message: message)))
        let closing = try lifecycle.applying(.transition(id: "cloturer"), by: agent, in: workflow, context: context, at: at(6)).1
        #expect(closing.contains(.statusChanged(from: "refusee", to: "cloturee", message: nil)))
        #expect(!closing.contains { if case .notifyCitizen = $0 { true } else { false } })
        let commented = try lifecycle.applying(.transition(id: "cloturer", comment: "Dossier archivé."), by: agent, in: workflow,
                                               context: context, at: at(6)).1
        #expect(commented.contains(.notifyCitizen(message: "Dossier archivé.")))
    }

    @Test("every transition of the standard workflow, along both paths")
    func everyTransition() throws {
        var lifecycle = try filed()
        let path = [("prendre-en-charge", "instruction"), ("demander-pieces", "attente-pieces"), ("reprendre", "instruction"),
                    ("demander-pieces", "attente-pieces"), ("refuser", "refusee"), ("cloturer", "cloturee")]
        for (id, status) in path {
            try lifecycle.apply(.transition(id: id), by: agent, in: workflow, context: context, at: at(1))
            #expect(lifecycle.status == status, "\(id)")
        }
        #expect(lifecycle.isClosed(in: workflow))
        #expect(try after("prendre-en-charge", "accepter").status == "acceptee")
        #expect(try after("prendre-en-charge", "accepter", "cloturer").isClosed(in: workflow))
        #expect(try after("prendre-en-charge", "refuser").status == "refusee")
    }

    @Test("refused: unknown transition, not from this status, missing permission, bulk")
    func transitionRefusals() throws {
        let received = try filed()
        #expect(refusal(received, .transition(id: "valider"), by: agent) == .unknownTransition("valider"))
        #expect(refusal(received, .transition(id: "accepter"), by: agent) ==
            .notFromStatus(transition: "Accepter", status: "Reçue"))
        #expect(refusal(received, .transition(id: "prendre-en-charge"), by: .agent(agentID, permissions: ["news.edit"])) ==
            .missingPermission("requests.process"))
        #expect(refusal(received, .transition(id: "prendre-en-charge"), by: citizen) == .missingPermission("requests.process"))
        #expect(refusal(received, .transition(id: "prendre-en-charge", bulk: true), by: agent) == nil)
        let inProgress = try after("prendre-en-charge")
        #expect(refusal(inProgress, .transition(id: "accepter", bulk: true), by: agent) == .notBulk("Accepter"))
        #expect(refusal(inProgress, .transition(id: "accepter", comment: "a\u{0}b"), by: agent) == .invalidText(.controlCharacters))
        #expect(refusal(inProgress, .transition(id: "accepter", comment: String(repeating: "a", count: 5001)), by: agent) ==
            .invalidText(.tooLong(maxLength: 5000)))
        #expect(LifecycleRefusal.notFromStatus(transition: "Accepter", status: "Reçue").reason ==
            "L'action « Accepter » n'est pas possible quand la demande est « Reçue ».")
        #expect(LifecycleRefusal.missingPermission("requests.process").reason ==
            "Vous n'avez pas la permission nécessaire (requests.process).")
    }

    @Test("a closed request refuses transitions, replies and assignments; notes are still possible")
    func closed() throws {
        let closed = try after("prendre-en-charge", "accepter", "cloturer")
        #expect(refusal(closed, .transition(id: "cloturer"), by: agent) == .requestClosed)
        #expect(refusal(closed, .transition(id: "reprendre"), by: agent) == .requestClosed)
        #expect(refusal(closed, .citizenReplied(message: "Merci"), by: citizen) == .requestClosed)
        #expect(refusal(closed, .assigned(.agent(UUID())), by: agent) == .requestClosed)
        #expect(refusal(closed, .noteAdded("Recours gracieux reçu."), by: agent) == nil)
        #expect(closed.availableTransitions(for: agent, in: workflow).isEmpty)
        #expect(!closed.citizenMayReply(in: workflow))
        #expect(LifecycleRefusal.requestClosed.reason == "La demande est close.")
    }

    @Test("the citizen replies only while documents are awaited, only on their own request")
    func citizenReplies() throws {
        var waiting = try after("prendre-en-charge", "demander-pieces")
        #expect(waiting.citizenMayReply(in: workflow))
        let document = UUID()
        let effects = try waiting.apply(.citizenReplied(message: "  Voici l'attestation. ", documents: [document, document]),
                                        by: citizen, in: workflow, context: context, at: at(10))
        let entry = LifecycleEntry(at: at(10), account: citizenID, event: .citizenReply(message: "Voici l'attestation.", documents: [document]))
        #expect(effects == [.journal(entry)], "no assignee: no one to notify")
        #expect(refusal(waiting, .citizenReplied(message: nil, documents: [document]), by: citizen) == nil, "documents alone")
        #expect(refusal(waiting, .citizenReplied(message: " \n ", documents: []), by: citizen) == .emptyReply)
        #expect(refusal(waiting, .citizenReplied(message: "\u{7}", documents: []), by: citizen) == .invalidText(.controlCharacters))
        #expect(refusal(waiting, .citizenReplied(message: "Moi aussi"), by: .citizen(UUID())) == .notRequester)
        #expect(refusal(waiting, .citizenReplied(message: "Pour lui"), by: agent) == .citizenOnly)
        let inProgress = try after("prendre-en-charge")
        #expect(refusal(inProgress, .citizenReplied(message: "Alors ?"), by: citizen) ==
            .citizenMayNotReply(status: "En cours d'instruction"))
        var anonymous = try RequestLifecycle.start(in: workflow, requester: nil, at: t0).0
        try anonymous.apply(.transition(id: "prendre-en-charge"), by: agent, in: workflow, context: context, at: at(1))
        try anonymous.apply(.transition(id: "demander-pieces"), by: agent, in: workflow, context: context, at: at(2))
        #expect(refusal(anonymous, .citizenReplied(message: "Moi"), by: citizen) == .notRequester)
        #expect(LifecycleRefusal.citizenMayNotReply(status: "Reçue").reason == "Vous ne pouvez pas répondre quand la demande est « Reçue ».")
    }

    @Test("assignment: agents with the permission, notifies the assignee, who then hears of replies")
    func assignment() throws {
        var lifecycle = try after("prendre-en-charge")
        let team = Assignee.team(UUID())
        let effects = try lifecycle.apply(.assigned(team), by: agent, in: workflow, context: context, at: at(3))
        #expect(effects == [.journal(LifecycleEntry(at: at(3), account: agentID, event: .assignment(team))), .notifyAssignee(team)])
        #expect(lifecycle.assignee == team)
        #expect(refusal(lifecycle, .assigned(team), by: agent) == .alreadyAssigned)
        #expect(refusal(lifecycle, .assigned(.agent(agentID)), by: citizen) == .agentsOnly)
        #expect(refusal(lifecycle, .assigned(.agent(agentID)), by: .agent(agentID, permissions: [])) == .missingPermission("requests.process"))
        try lifecycle.apply(.transition(id: "demander-pieces"), by: agent, in: workflow, context: context, at: at(4))
        let reply = try lifecycle.apply(.citizenReplied(message: "Voilà"), by: citizen, in: workflow, context: context, at: at(5))
        #expect(reply.last == .notifyAssignee(team))
    }

    @Test("internal notes: agents only, not empty, hidden from the citizen's history")
    func notes() throws {
        var lifecycle = try after("prendre-en-charge")
        let effects = try lifecycle.apply(.noteAdded("Appeler les services techniques."), by: agent, in: workflow, context: context, at: at(2))
        #expect(effects == [.journal(LifecycleEntry(at: at(2), account: agentID, event: .note("Appeler les services techniques.")))])
        #expect(refusal(lifecycle, .noteAdded("  "), by: agent) == .emptyNote)
        #expect(refusal(lifecycle, .noteAdded("Je regarde"), by: citizen) == .agentsOnly)
        #expect(refusal(lifecycle, .noteAdded("x"), by: .agent(agentID, permissions: [])) == .missingPermission("requests.process"))
        try lifecycle.apply(.assigned(.agent(agentID)), by: agent, in: workflow, context: context, at: at(3))
        #expect(lifecycle.history.count == 4)
        #expect(lifecycle.publicHistory.map(\.event) == [.filed(status: "recue"), lifecycle.history[1].event])
    }

    @Test("the buttons: what the actor may take now")
    func available() throws {
        let inProgress = try after("prendre-en-charge")
        #expect(inProgress.availableTransitions(for: agent, in: workflow).map(\.id) == ["demander-pieces", "accepter", "refuser"])
        #expect(inProgress.availableTransitions(for: citizen, in: workflow).isEmpty)
        #expect(inProgress.availableTransitions(for: .agent(agentID, permissions: []), in: workflow).isEmpty)
    }

    @Test("a status the workflow no longer has")
    func statusGone() throws {
        let lifecycle = try after("prendre-en-charge")
        var edited = workflow
        edited.statuses.removeAll { $0.id == "instruction" }
        #expect(throws: LifecycleRefusal.statusNotInWorkflow("instruction")) {
            try lifecycle.applying(.noteAdded("x"), by: agent, in: edited, context: context, at: at(2))
        }
    }

    @Test("an agent's message: told to the citizen, public in the history; refused to citizens, when empty, and once closed")
    func agentMessage() throws {
        var lifecycle = try after("prendre-en-charge")
        let effects = try lifecycle.apply(.messageSent("  Merci de préciser l'adresse.  "), by: agent, in: workflow, context: context, at: at(5))
        #expect(lifecycle.status == "instruction")
        #expect(effects.contains(.notifyCitizen(message: "Merci de préciser l'adresse.")))
        #expect(lifecycle.publicHistory.last?.event == .agentMessage("Merci de préciser l'adresse."))
        #expect(refusal(lifecycle, .messageSent("bonjour"), by: citizen) == .agentsOnly)
        #expect(refusal(lifecycle, .messageSent("bonjour"), by: .agent(agentID, permissions: [])) == .missingPermission("requests.process"))
        #expect(refusal(lifecycle, .messageSent("   "), by: agent) == .emptyMessage)
        let closed = try after("prendre-en-charge", "accepter", "cloturer")
        #expect(refusal(closed, .messageSent("bonjour"), by: agent) == .requestClosed)
    }
}
