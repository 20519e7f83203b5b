import Foundation
@testable import Parapheur
import Testing

@Suite("Circuit: the step's own action")
struct CircuitTests {
    @Test("VISA Secrétariat → VISA Finances + Juridique → SIGNATURE Maire, signed by the adjoint for the maire")
    func endToEnd() throws {
        var (circuit, effects) = try Circuit.start(template: Templates.deliberation, emitter: Desk.service, at: t0)
        #expect(effects == [.notify(desks: [Desk.secretariat], reason: .arrived)])
        #expect(circuit.status == .inProgress)
        #expect(circuit.currentStep == .visa(.desk(Desk.secretariat)))
        #expect(circuit.pendingDesks == [Desk.secretariat])
        #expect(circuit.startedAt == t0 && circuit.history.isEmpty)

        effects = try circuit.apply(.visa(comment: "  Vu  "), by: Agent.secretaire, at: minutes(10))
        #expect(effects == [.notify(desks: [Desk.finances, Desk.juridique], reason: .arrived)])
        #expect(circuit.stepIndex == 1)
        #expect(circuit.waitingSince == minutes(10))

        effects = try circuit.apply(.visa(), by: Agent.financier, at: minutes(20))
        #expect(effects.isEmpty)
        #expect(circuit.pendingDesks == [Desk.juridique])
        #expect(circuit.progress.acted == [Desk.finances])
        #expect(circuit.waitingSince == minutes(10), "the step's other desk has waited since the step began")
        expectRefused(circuit, .visa(), by: Agent.financier, with: .alreadyActed)
        expectRefused(circuit, .visa(), by: Agent.financier, as: Desk.finances, with: .alreadyActed)

        effects = try circuit.apply(.visa(comment: "Conforme"), by: Agent.juriste, at: minutes(30))
        #expect(effects == [.notify(desks: [Desk.maire], reason: .arrived)])
        #expect(circuit.currentStep?.kind == .signature)

        effects = try circuit.apply(.sign(comment: "Signé par délégation"), by: Agent.adjoint, at: minutes(40))
        #expect(effects == [.completed, .notify(desks: [Desk.service], reason: .completed)])
        #expect(circuit.status == .completed)
        #expect(circuit.currentStep == nil)
        #expect(circuit.pendingDesks.isEmpty)

        #expect(circuit.history.map(\.action) == [.visa, .visa, .visa, .sign])
        #expect(circuit.history.map(\.step) == [0, 1, 1, 2])
        #expect(circuit.history.map(\.desk) == [Desk.secretariat, Desk.finances, Desk.juridique, Desk.maire])
        #expect(circuit.history.map(\.at) == [minutes(10), minutes(20), minutes(30), minutes(40)])
        #expect(circuit.history[0].comment == "Vu")
        #expect(circuit.history[1].comment == nil)
        let signature = circuit.history[3]
        #expect(signature.through == Desk.adjoint)
        #expect(signature.account == Agent.adjoint.account)
        #expect(signature.signatory(naming: Desk.name) == "Adjoint au maire pour Maire")
        #expect(circuit.history[2].signatory(naming: Desk.name) == "Service juridique")
    }

    @Test("a completed folder refuses everything")
    func completed() throws {
        var circuit = try atSignature()
        try circuit.apply(.sign(), by: Agent.maire, at: minutes(5))
        #expect(circuit.history.last?.through == nil, "the holder signs as itself")
        for action: CircuitAction in [.visa(), .sign(), .seal, .reject(reason: "Non"), .transfer(to: Desk.dgs),
                                      .askSecondOpinion(of: Desk.dgs), .giveOpinion(), .bypass()] {
            expectRefused(circuit, action, by: Agent.maire, with: .folderCompleted)
        }
        expectRefused(circuit, .bypass(), by: Agent.admin, with: .folderCompleted)
        expectRefused(circuit, .resubmit(), by: Agent.urbaniste, with: .folderCompleted)
        expectRefused(circuit, .undo, by: Agent.maire, with: .cannotUndo(.sign))
        #expect(CircuitError.folderCompleted.reason == "Le dossier est terminé.")
    }

    @Test("the step's kind decides the action")
    func wrongAction() throws {
        let visaStep = try started()
        expectRefused(visaStep, .sign(), by: Agent.secretaire, with: .wrongAction(expected: .visa))
        expectRefused(visaStep, .seal, by: Agent.secretaire, with: .wrongAction(expected: .visa))
        expectRefused(visaStep, .seal, by: .system, with: .wrongAction(expected: .visa))
        let signatureStep = try atSignature()
        expectRefused(signatureStep, .visa(), by: Agent.maire, with: .wrongAction(expected: .signature))
        #expect(CircuitError.wrongAction(expected: .visa).reason == "Cette étape attend un visa.")
        #expect(CircuitError.wrongAction(expected: .signature).reason == "Cette étape attend une signature.")
        #expect(CircuitError.wrongAction(expected: .seal).reason == "Cette étape attend un cachet.")
    }

    @Test("only a holder or a delegate of an expected desk acts; an explicit desk must be held or delegated")
    func notYourTurn() throws {
        let circuit = try started()
        expectRefused(circuit, .visa(), by: Agent.passant, with: .notYourTurn)
        expectRefused(circuit, .visa(), by: Agent.maire, with: .notYourTurn)
        expectRefused(circuit, .visa(), by: .system, with: .notYourTurn)
        expectRefused(circuit, .visa(), by: Agent.maire, as: Desk.maire, with: .notYourTurn)
        expectRefused(circuit, .visa(), by: Agent.maire, as: Desk.secretariat, with: .deskNotHeld)
        expectRefused(circuit, .visa(), by: Agent.admin, with: .notYourTurn)
        #expect(CircuitError.notYourTurn.reason
            == "Vous n'êtes ni titulaire ni délégataire du bureau attendu à cette étape.")
    }

    @Test("without an explicit desk: the step's first desk held, then the first delegated; with one: that desk")
    func deskChoice() throws {
        let both = CircuitActor(account: Agent.account(20), desks: [Desk.finances, Desk.juridique])
        var circuit = try started()
        try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        var first = circuit
        try first.apply(.visa(), by: both, at: minutes(2))
        #expect(first.progress.acted == [Desk.finances])
        try first.apply(.visa(), by: both, at: minutes(3))
        #expect(first.currentStep?.kind == .signature, "the same account completes the step for both of its desks")

        var chosen = circuit
        try chosen.apply(.visa(), by: both, as: Desk.juridique, at: minutes(2))
        #expect(chosen.progress.acted == [Desk.juridique])

        let heldAndDelegated = CircuitActor(account: Agent.account(21), desks: [Desk.juridique],
                                            delegations: [Desk.finances: Desk.juridique])
        var preferHeld = circuit
        try preferHeld.apply(.visa(), by: heldAndDelegated, at: minutes(2))
        #expect(preferHeld.history.last?.desk == Desk.juridique)
        #expect(preferHeld.history.last?.through == nil)
        try preferHeld.apply(.visa(), by: heldAndDelegated, at: minutes(3))
        #expect(preferHeld.history.last?.desk == Desk.finances)
        #expect(preferHeld.history.last?.through == Desk.juridique)
    }

    @Test("any of: one listed desk completes the step")
    func anyOf() throws {
        var circuit = try started(Templates.sealed)
        #expect(circuit.pendingDesks == [Desk.finances, Desk.juridique])
        let effects = try circuit.apply(.visa(), by: Agent.juriste, at: minutes(1))
        #expect(circuit.stepIndex == 1)
        #expect(effects == [.notify(desks: [Desk.cachet], reason: .arrived), .sealStepReached(step: 1, format: .cades)])
    }

    @Test("a seal step reached is announced; the system seals it as the step's desk")
    func seal() throws {
        var circuit = try started(Templates.sealed)
        try circuit.apply(.visa(), by: Agent.financier, at: minutes(1))
        expectRefused(circuit, .sign(), by: Agent.archiviste, with: .wrongAction(expected: .seal))
        expectRefused(circuit, .seal, by: Agent.passant, with: .notYourTurn)
        expectRefused(circuit, .seal, by: .system, as: Desk.maire, with: .notYourTurn)

        var byHolder = circuit
        try byHolder.apply(.seal, by: Agent.archiviste, at: minutes(2))
        #expect(byHolder.status == .completed)

        let effects = try circuit.apply(.seal, by: .system, at: minutes(2))
        #expect(effects == [.completed, .notify(desks: [Desk.service], reason: .completed)])
        #expect(circuit.history.last?.desk == Desk.cachet)
        #expect(circuit.history.last?.account == nil)

        let sealFirst = CircuitTemplate(steps: [.seal(.desk(Desk.cachet))])
        let (_, startEffects) = try Circuit.start(template: sealFirst, emitter: Desk.service, at: t0)
        #expect(startEffects.contains(.sealStepReached(step: 0, format: .pades)))
    }
}
