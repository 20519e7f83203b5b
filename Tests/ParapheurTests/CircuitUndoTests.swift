import Foundation
@testable import Parapheur
import Testing

@Suite("Circuit: undo")
struct CircuitUndoTests {
    @Test("a visa is undone while the next step has not acted; afterwards it is too late")
    func visa() throws {
        var circuit = try started()
        let before = circuit
        expectRefused(circuit, .undo, by: Agent.secretaire, with: .nothingToUndo)
        try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        expectRefused(circuit, .undo, by: Agent.financier, with: .nothingToUndo)
        expectRefused(circuit, .undo, by: .system, with: .nothingToUndo)

        var undone = circuit
        let effects = try undone.apply(.undo, by: Agent.secretaire, at: minutes(2))
        #expect(effects == [.notify(desks: [Desk.finances, Desk.juridique], reason: .withdrawn)])
        #expect(undone.stepIndex == 0 && undone.pendingDesks == [Desk.secretariat])
        #expect(undone.waitingSince == before.waitingSince)
        #expect(undone.history.map(\.action) == [.visa, .undo])
        #expect(undone.history.last?.undoes == 0)
        #expect(undone.history.last?.desk == Desk.secretariat)
        expectRefused(undone, .undo, by: Agent.secretaire, with: .nothingToUndo)

        try circuit.apply(.visa(), by: Agent.financier, at: minutes(3))
        expectRefused(circuit, .undo, by: Agent.secretaire, with: .undoTooLate)
        #expect(CircuitError.undoTooLate.reason == "L'étape suivante a déjà agi.")

        let juriste = try circuit.applying(.visa(), by: Agent.juriste, at: minutes(4)).0
        expectRefused(juriste, .undo, by: Agent.financier, with: .undoTooLate)

        var mine = circuit
        try mine.apply(.undo, by: Agent.financier, at: minutes(4))
        #expect(mine.stepIndex == 1 && mine.progress.acted.isEmpty)
    }

    @Test("undoes go back one action at a time")
    func chain() throws {
        var circuit = try started()
        try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        try circuit.apply(.visa(), by: Agent.financier, at: minutes(2))
        expectRefused(circuit, .undo, by: Agent.secretaire, with: .undoTooLate)
        try circuit.apply(.undo, by: Agent.financier, at: minutes(3))
        try circuit.apply(.undo, by: Agent.secretaire, at: minutes(4))
        #expect(circuit.stepIndex == 0)
        #expect(circuit.pendingDesks == [Desk.secretariat])
        #expect(circuit.history.compactMap(\.undoes) == [1, 0])
    }

    @Test("a transfer and an opinion request can be undone; the desk that had received the folder is told")
    func transferAndOpinion() throws {
        var circuit = try atSignature()
        let signing = circuit
        try circuit.apply(.transfer(to: Desk.dgs), by: Agent.maire, at: minutes(10))
        var effects = try circuit.apply(.undo, by: Agent.maire, at: minutes(11))
        #expect(effects == [.notify(desks: [Desk.dgs], reason: .withdrawn)])
        #expect(circuit.currentDesks == [Desk.maire])
        #expect(circuit.waitingSince == signing.waitingSince)

        try circuit.apply(.askSecondOpinion(of: Desk.juridique), by: Agent.adjoint, at: minutes(12))
        expectRefused(circuit, .undo, by: Agent.maire, with: .nothingToUndo)  // its transfer is already undone
        effects = try circuit.apply(.undo, by: Agent.adjoint, at: minutes(13))
        #expect(effects == [.notify(desks: [Desk.juridique], reason: .withdrawn)])
        #expect(circuit.secondOpinion == nil)
        #expect(circuit.history.last?.through == Desk.adjoint)
        #expect(circuit.allowedActions(for: Agent.adjoint) == [.sign, .reject, .transfer, .askSecondOpinion])
    }

    @Test("a signature, a seal, a rejection cannot be undone")
    func refused() throws {
        var sealed = try started(Templates.sealed)
        try sealed.apply(.visa(), by: Agent.financier, at: minutes(1))
        var sealedCopy = sealed
        try sealed.apply(.seal, by: Agent.archiviste, at: minutes(2))
        expectRefused(sealed, .undo, by: Agent.archiviste, with: .cannotUndo(.seal))
        try sealedCopy.apply(.undo, by: Agent.financier, at: minutes(2))
        #expect(sealedCopy.stepIndex == 0, "the visa before the seal step is undone while the seal is not done")

        var lastVisa = try started(CircuitTemplate(steps: [.visa(.desk(Desk.secretariat))]))
        try lastVisa.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        expectRefused(lastVisa, .undo, by: Agent.secretaire, with: .folderCompleted)

        #expect(CircuitError.cannotUndo(.sign).reason == "Une signature ne peut pas être annulée.")
        #expect(CircuitError.cannotUndo(.reject).reason.hasPrefix("Un rejet ne peut pas être annulé"))
        #expect(ActionKind.allCases.filter(\.isUndoable) == [.visa, .transfer, .askSecondOpinion])
    }
}
