import Foundation
@testable import Parapheur
import Testing

@Suite("Circuit: rejection, second opinion, transfer, bypass")
struct CircuitDetourTests {
    @Test("a rejection needs a reason, returns the folder to its emitter, who resubmits it from the first step")
    func rejectAndResubmit() throws {
        var circuit = try started()
        try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        try circuit.apply(.visa(), by: Agent.financier, at: minutes(2))
        expectRefused(circuit, .reject(reason: " \n "), by: Agent.juriste, with: .reasonRequired)
        expectRefused(circuit, .reject(reason: "Non"), by: Agent.passant, with: .notYourTurn)
        expectRefused(circuit, .reject(reason: "Non"), by: Agent.financier, with: .alreadyActed)
        expectRefused(circuit, .resubmit(), by: Agent.urbaniste, with: .notRejected)
        #expect(CircuitError.reasonRequired.reason == "Le motif du rejet est obligatoire.")

        let effects = try circuit.apply(.reject(reason: " Pièce manquante "), by: Agent.juriste, at: minutes(3))
        #expect(effects == [.rejected(reason: "Pièce manquante"), .notify(desks: [Desk.service], reason: .rejected)])
        #expect(circuit.status == .rejected)
        #expect(circuit.stepIndex == 1)
        #expect(circuit.currentStep == nil && circuit.pendingDesks.isEmpty)
        #expect(circuit.history.last?.comment == "Pièce manquante")
        expectRefused(circuit, .visa(), by: Agent.juriste, with: .folderRejected)
        expectRefused(circuit, .bypass(), by: Agent.admin, with: .folderRejected)
        expectRefused(circuit, .undo, by: Agent.juriste, with: .cannotUndo(.reject))
        expectRefused(circuit, .undo, by: Agent.financier, with: .folderRejected)
        expectRefused(circuit, .resubmit(), by: Agent.secretaire, with: .notEmitter)
        expectRefused(circuit, .resubmit(), by: .system, with: .notEmitter)
        expectRefused(circuit, .resubmit(), by: Agent.secretaire, as: Desk.service, with: .deskNotHeld)

        let resubmitted = try circuit.apply(.resubmit(comment: "Pièce ajoutée"), by: Agent.urbaniste, at: minutes(4))
        #expect(resubmitted == [.notify(desks: [Desk.secretariat], reason: .arrived)])
        #expect(circuit.status == .inProgress)
        #expect(circuit.stepIndex == 0)
        #expect(circuit.progress == Circuit.StepProgress())
        #expect(circuit.waitingSince == minutes(4))
        #expect(circuit.history.map(\.action) == [.visa, .visa, .reject, .resubmit])
        #expect(circuit.history.last?.step == 0)
        #expect(circuit.history.last?.desk == Desk.service)
        expectRefused(circuit, .undo, by: Agent.urbaniste, with: .cannotUndo(.resubmit))

        let delegate = CircuitActor(account: Agent.account(22), desks: [Desk.dgs], delegations: [Desk.service: Desk.dgs])
        var other = circuit
        try other.apply(.reject(reason: "Encore"), by: Agent.secretaire, at: minutes(5))
        try other.apply(.resubmit(), by: delegate, at: minutes(6))
        #expect(other.history.last?.through == Desk.dgs)
    }

    @Test("a second opinion goes to the desk consulted and comes back to the same step, nothing else advanced")
    func secondOpinion() throws {
        var circuit = try atSignature()
        expectRefused(circuit, .askSecondOpinion(of: Desk.maire), by: Agent.maire, with: .sameDesk)
        expectRefused(circuit, .askSecondOpinion(of: Desk.dgs), by: Agent.dgs, with: .notYourTurn)
        expectRefused(circuit, .giveOpinion(), by: Agent.dgs, with: .noPendingOpinion)

        var effects = try circuit.apply(.askSecondOpinion(of: Desk.dgs, comment: "Votre avis ?"), by: Agent.adjoint,
                                        at: minutes(10))
        #expect(effects == [.notify(desks: [Desk.dgs], reason: .opinionRequested)])
        #expect(circuit.pendingDesks == [Desk.dgs])
        #expect(circuit.secondOpinion?.asker == Desk.maire)
        #expect(circuit.secondOpinion?.askerThrough == Desk.adjoint)
        #expect(circuit.waitingSince == minutes(10))
        expectRefused(circuit, .sign(), by: Agent.maire, with: .opinionPending)
        expectRefused(circuit, .reject(reason: "Non"), by: Agent.maire, with: .opinionPending)
        expectRefused(circuit, .transfer(to: Desk.secretariat), by: Agent.maire, with: .opinionPending)
        expectRefused(circuit, .askSecondOpinion(of: Desk.juridique), by: Agent.maire, with: .opinionPending)
        expectRefused(circuit, .giveOpinion(), by: Agent.maire, with: .notYourTurn)
        expectRefused(circuit, .giveOpinion(), by: Agent.dgs, as: Desk.maire, with: .deskNotHeld)

        effects = try circuit.apply(.giveOpinion(comment: "Favorable"), by: Agent.dgs, at: minutes(20))
        #expect(effects == [.notify(desks: [Desk.maire], reason: .opinionGiven)])
        #expect(circuit.secondOpinion == nil)
        #expect(circuit.stepIndex == 2 && circuit.progress.acted.isEmpty)
        #expect(circuit.pendingDesks == [Desk.maire])
        #expect(circuit.history.suffix(2).map(\.action) == [.askSecondOpinion, .giveOpinion])
        #expect(circuit.history.last?.target == Desk.maire)
        #expect(circuit.history.last?.comment == "Favorable")
        expectRefused(circuit, .giveOpinion(), by: Agent.dgs, with: .noPendingOpinion)
        expectRefused(circuit, .undo, by: Agent.adjoint, with: .undoTooLate)

        try circuit.apply(.sign(), by: Agent.maire, at: minutes(30))
        #expect(circuit.status == .completed)
    }

    @Test("a transfer reassigns the step to another desk (for an all-of step, in place of the acting desk)")
    func transfer() throws {
        var circuit = try started()
        expectRefused(circuit, .transfer(to: Desk.secretariat), by: Agent.secretaire, with: .sameDesk)
        expectRefused(circuit, .transfer(to: Desk.dgs), by: Agent.passant, with: .notYourTurn)
        let effects = try circuit.apply(.transfer(to: Desk.dgs, comment: "Absente"), by: Agent.secretaire, at: minutes(5))
        #expect(effects == [.notify(desks: [Desk.dgs], reason: .transferred)])
        #expect(circuit.pendingDesks == [Desk.dgs])
        #expect(circuit.currentDesks == [Desk.dgs])
        #expect(circuit.waitingSince == minutes(5))
        #expect(circuit.history.last?.target == Desk.dgs)
        expectRefused(circuit, .visa(), by: Agent.secretaire, with: .notYourTurn)
        try circuit.apply(.visa(), by: Agent.dgs, at: minutes(6))
        #expect(circuit.stepIndex == 1)
        #expect(circuit.progress.reassigned == nil, "the next step starts with the template's desks")

        expectRefused(circuit, .transfer(to: Desk.juridique), by: Agent.financier, with: .deskAlreadyInStep)
        try circuit.apply(.transfer(to: Desk.dgs), by: Agent.financier, at: minutes(7))
        #expect(circuit.currentDesks == [Desk.dgs, Desk.juridique])
        try circuit.apply(.visa(), by: Agent.juriste, at: minutes(8))
        #expect(circuit.pendingDesks == [Desk.dgs])
        try circuit.apply(.visa(), by: Agent.dgs, at: minutes(9))
        #expect(circuit.currentStep?.kind == .signature)
    }

    @Test("an administrator completes the current step without its action; no one else may")
    func bypass() throws {
        var circuit = try started()
        try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        try circuit.apply(.visa(), by: Agent.financier, at: minutes(2))
        expectRefused(circuit, .bypass(), by: Agent.juriste, with: .notAdministrator)
        expectRefused(circuit, .bypass(), by: .system, with: .notAdministrator)
        #expect(CircuitError.notAdministrator.reason == "Seul un administrateur peut forcer le passage d'une étape.")

        var effects = try circuit.apply(.bypass(comment: "Juriste absent"), by: Agent.admin, at: minutes(3))
        #expect(effects == [.notify(desks: [Desk.maire], reason: .arrived)])
        #expect(circuit.stepIndex == 2)
        let entry = try #require(circuit.history.last)
        #expect(entry.action == .bypass && entry.step == 1)
        #expect(entry.desk == nil && entry.account == Agent.admin.account)
        #expect(entry.comment == "Juriste absent")
        expectRefused(circuit, .undo, by: Agent.financier, with: .undoTooLate)

        try circuit.apply(.askSecondOpinion(of: Desk.dgs), by: Agent.maire, at: minutes(4))
        effects = try circuit.apply(.bypass(), by: Agent.admin, at: minutes(5))
        #expect(effects == [.notify(desks: [Desk.dgs], reason: .withdrawn), .completed,
                            .notify(desks: [Desk.service], reason: .completed)])
        #expect(circuit.status == .completed && circuit.secondOpinion == nil)
    }
}
