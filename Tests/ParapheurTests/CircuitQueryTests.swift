import Foundation
@testable import Parapheur
import Testing

@Suite("Circuit: what a page and the reminder job read; persistence")
struct CircuitQueryTests {
    @Test("allowed actions are the buttons each actor sees")
    func allowedActions() throws {
        var circuit = try started()
        #expect(circuit.allowedActions(for: Agent.secretaire) == [.visa, .reject, .transfer, .askSecondOpinion])
        #expect(circuit.allowedActions(for: Agent.passant).isEmpty)
        #expect(circuit.allowedActions(for: Agent.admin) == [.bypass])
        #expect(circuit.allowedActions(for: .system).isEmpty)

        try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        #expect(circuit.allowedActions(for: Agent.secretaire) == [.undo])
        try circuit.apply(.visa(), by: Agent.financier, at: minutes(2))
        try circuit.apply(.visa(), by: Agent.juriste, at: minutes(3))
        #expect(circuit.allowedActions(for: Agent.maire) == [.sign, .reject, .transfer, .askSecondOpinion])
        #expect(circuit.allowedActions(for: Agent.adjoint) == [.sign, .reject, .transfer, .askSecondOpinion])
        #expect(circuit.allowedActions(for: Agent.juriste) == [.undo])

        try circuit.apply(.askSecondOpinion(of: Desk.dgs), by: Agent.maire, at: minutes(4))
        #expect(circuit.allowedActions(for: Agent.dgs) == [.giveOpinion])
        #expect(circuit.allowedActions(for: Agent.maire) == [.undo])

        try circuit.apply(.giveOpinion(), by: Agent.dgs, at: minutes(5))
        try circuit.apply(.reject(reason: "Avis défavorable"), by: Agent.maire, at: minutes(6))
        #expect(circuit.allowedActions(for: Agent.urbaniste) == [.resubmit])
        #expect(circuit.allowedActions(for: Agent.maire).isEmpty)

        var sealing = try started(Templates.sealed)
        try sealing.apply(.visa(), by: Agent.juriste, at: minutes(1))
        #expect(sealing.allowedActions(for: .system) == [.seal])
    }

    @Test("pending desks: the step's desks not yet acted, or the desk consulted")
    func pendingDesks() throws {
        var circuit = try started()
        #expect(circuit.pendingDesks == [Desk.secretariat])
        try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
        #expect(circuit.pendingDesks == [Desk.finances, Desk.juridique])
        try circuit.apply(.askSecondOpinion(of: Desk.dgs), by: Agent.juriste, at: minutes(2))
        #expect(circuit.pendingDesks == [Desk.dgs])
    }

    @Test("late once the folder has waited where it is longer than the delay")
    func isLate() throws {
        let day: TimeInterval = 86_400
        var circuit = try started()
        #expect(!circuit.isLate(now: t0.addingTimeInterval(day), after: day))
        #expect(circuit.isLate(now: t0.addingTimeInterval(day + 1), after: day))
        try circuit.apply(.transfer(to: Desk.dgs), by: Agent.secretaire, at: t0.addingTimeInterval(day))
        #expect(!circuit.isLate(now: t0.addingTimeInterval(day + 1), after: day), "a transfer restarts the wait")
        try circuit.apply(.reject(reason: "Hors délai"), by: Agent.dgs, at: t0.addingTimeInterval(2 * day))
        #expect(!circuit.isLate(now: t0.addingTimeInterval(30 * day), after: day), "a closed folder is never late")
    }

    @Test("a circuit in any state survives a JSON round trip")
    func codable() throws {
        var circuit = try started()
        try circuit.apply(.visa(comment: "Vu"), by: Agent.secretaire, at: minutes(1))
        try circuit.apply(.transfer(to: Desk.dgs), by: Agent.financier, at: minutes(2))
        try circuit.apply(.askSecondOpinion(of: Desk.maire), by: Agent.juriste, at: minutes(3))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(Circuit.self, from: encoder.encode(circuit))
        #expect(decoded == circuit)

        var resumed = decoded
        try resumed.apply(.undo, by: Agent.juriste, at: minutes(4))
        #expect(resumed.secondOpinion == nil, "the undo points are persisted too")
        try circuit.apply(.giveOpinion(), by: Agent.adjoint, at: minutes(4))
        try circuit.apply(.visa(), by: Agent.dgs, at: minutes(5))
        try circuit.apply(.visa(), by: Agent.juriste, at: minutes(6))
        try circuit.apply(.sign(), by: Agent.adjoint, at: minutes(7))
        #expect(try decoder.decode(Circuit.self, from: encoder.encode(circuit)) == circuit)
    }
}
