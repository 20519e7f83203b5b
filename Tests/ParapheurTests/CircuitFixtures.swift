import Foundation
@testable import Parapheur
import Testing

/// The desks of a small commune.
enum Desk {
    static let service = id(1)        // Service urbanisme: emits the folders
    static let secretariat = id(2)
    static let finances = id(3)
    static let juridique = id(4)
    static let maire = id(5)
    static let adjoint = id(6)
    static let dgs = id(7)
    static let cachet = id(8)

    static func name(_ desk: DeskID) -> String {
        [service: "Service urbanisme", secretariat: "Secrétariat", finances: "Finances", juridique: "Service juridique",
         maire: "Maire", adjoint: "Adjoint au maire", dgs: "DGS", cachet: "Cachet de la mairie"][desk] ?? "?"
    }

    static func id(_ number: Int) -> UUID {
        UUID(uuidString: "0000000D-0000-0000-0000-\(String(format: "%012d", number))")!
    }
}

/// The agents, each holding its desk; the adjoint has the maire's delegation.
enum Agent {
    static let urbaniste = CircuitActor(account: account(1), desks: [Desk.service])
    static let secretaire = CircuitActor(account: account(2), desks: [Desk.secretariat])
    static let financier = CircuitActor(account: account(3), desks: [Desk.finances])
    static let juriste = CircuitActor(account: account(4), desks: [Desk.juridique])
    static let maire = CircuitActor(account: account(5), desks: [Desk.maire])
    static let adjoint = CircuitActor(account: account(6), desks: [Desk.adjoint], delegations: [Desk.maire: Desk.adjoint])
    static let dgs = CircuitActor(account: account(7), desks: [Desk.dgs])
    static let admin = CircuitActor(account: account(8), isAdministrator: true)
    static let passant = CircuitActor(account: account(9))
    static let archiviste = CircuitActor(account: account(10), desks: [Desk.cachet])

    static func account(_ number: Int) -> UUID {
        UUID(uuidString: "000000AC-0000-0000-0000-\(String(format: "%012d", number))")!
    }
}

enum Templates {
    /// VISA Secrétariat → VISA Finances + Service juridique (all of) → SIGNATURE Maire (PAdES).
    static let deliberation = CircuitTemplate(steps: [
        .visa(.desk(Desk.secretariat)),
        .visa(.allOf([Desk.finances, Desk.juridique])),
        .signature(.desk(Desk.maire)),
    ])

    /// VISA Finances or Service juridique (any of) → SEAL Cachet (CAdES).
    static let sealed = CircuitTemplate(steps: [
        .visa(.anyOf([Desk.finances, Desk.juridique])),
        .seal(.desk(Desk.cachet), format: .cades),
    ])
}

let t0 = Date(timeIntervalSince1970: 1_750_000_000)

func minutes(_ count: Double) -> Date {
    t0.addingTimeInterval(count * 60)
}

/// A deliberation just started by the Service urbanisme.
func started(_ template: CircuitTemplate = Templates.deliberation) throws -> Circuit {
    try Circuit.start(template: template, emitter: Desk.service, at: t0).0
}

/// A deliberation waiting for the maire's signature.
func atSignature() throws -> Circuit {
    var circuit = try started()
    try circuit.apply(.visa(), by: Agent.secretaire, at: minutes(1))
    try circuit.apply(.visa(), by: Agent.financier, at: minutes(2))
    try circuit.apply(.visa(), by: Agent.juriste, at: minutes(3))
    return circuit
}

/// Expects `action` to be refused with exactly `error`, by both `applying` and `apply`, and the circuit unchanged.
func expectRefused(_ circuit: Circuit, _ action: CircuitAction, by actor: CircuitActor, as desk: DeskID? = nil,
                   with error: CircuitError, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: error, sourceLocation: sourceLocation) {
        try circuit.applying(action, by: actor, as: desk, at: minutes(999))
    }
    var attempt = circuit
    #expect(throws: error, sourceLocation: sourceLocation) {
        try attempt.apply(action, by: actor, as: desk, at: minutes(999))
    }
    #expect(attempt == circuit, "a refused action leaves the circuit unchanged", sourceLocation: sourceLocation)
}
