import Foundation

/// An elimination of archive units whose retention ended (DUA over, final action Destroy): asked
/// by one archivist, approved by a second, distinct one, then executed. Pure: no I/O; every
/// transition is a function of the state and the command, and refuses with a French reason.
public struct Elimination: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        case requested, approved, executed, rejected, cancelled
    }

    public var state: State
    public var units: [UUID]
    public var requestedBy: String
    public var approvedBy: String?
    public var closedBy: String?
    public var reason: String?

    public enum Command: Sendable, Equatable {
        case approve(by: String)
        case reject(by: String, reason: String)
        case cancel(by: String)
        /// The deletions were done (by the service, after the approval).
        case executed
    }

    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// A request: at least one unit, each eligible (checked by `Retention.eligibility`).
    public static func request(units: [UUID], by archivist: String) throws(Refusal) -> Elimination {
        guard !units.isEmpty else { throw Refusal(message: "Choisissez au moins une unité d'archives à éliminer.") }
        guard Set(units).count == units.count else { throw Refusal(message: "Une unité figure deux fois dans la demande.") }
        return Elimination(state: .requested, units: units, requestedBy: archivist, approvedBy: nil, closedBy: nil, reason: nil)
    }

    public func applying(_ command: Command) throws(Refusal) -> Elimination {
        var next = self
        switch (state, command) {
        case (.requested, .approve(let by)):
            guard by != requestedBy else {
                throw Refusal(message: "Une élimination est approuvée par un second archiviste, distinct de celui qui l'a demandée.")
            }
            next.state = .approved
            next.approvedBy = by
        case (.requested, .reject(let by, let reason)), (.approved, .reject(let by, let reason)):
            let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw Refusal(message: "Le refus d'une élimination est motivé.") }
            next.state = .rejected
            next.closedBy = by
            next.reason = text
        case (.requested, .cancel(let by)):
            guard by == requestedBy else { throw Refusal(message: "Seul l'archiviste qui a demandé l'élimination peut l'annuler.") }
            next.state = .cancelled
            next.closedBy = by
        case (.approved, .executed):
            next.state = .executed
        case (.approved, .approve), (.approved, .cancel):
            throw Refusal(message: "Cette élimination est déjà approuvée.")
        case (.requested, .executed):
            throw Refusal(message: "Une élimination n'est exécutée qu'après l'approbation d'un second archiviste.")
        case (.executed, _), (.rejected, _), (.cancelled, _):
            throw Refusal(message: "Cette élimination est close (\(state.label)) : rien n'y change plus.")
        }
        return next
    }
}

extension Elimination.State {
    public var label: String {
        switch self {
        case .requested: "demandée"
        case .approved: "approuvée"
        case .executed: "exécutée"
        case .rejected: "refusée"
        case .cancelled: "annulée"
        }
    }
}
