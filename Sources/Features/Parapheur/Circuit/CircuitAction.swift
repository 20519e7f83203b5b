import Foundation

/// What an actor attempts on a circuit. Blank comments are recorded as no comment.
public enum CircuitAction: Equatable, Sendable {
    /// Approves a visa step.
    case visa(comment: String? = nil)
    /// Records the signature of a signature step (the caller has signed the documents before).
    case sign(comment: String? = nil)
    /// Records the seal of a seal step, by a holder of the desk or by `.system`.
    case seal
    /// Returns the folder to its emitter; the reason is required. Ends the circuit until `resubmit`.
    case reject(reason: String)
    /// Reassigns the current step from the acting desk to another desk.
    case transfer(to: DeskID, comment: String? = nil)
    /// Sends the folder to a desk for its opinion; it comes back to the same step afterwards.
    case askSecondOpinion(of: DeskID, comment: String? = nil)
    /// Answers a second opinion request.
    case giveOpinion(comment: String? = nil)
    /// Undoes the account's last visa, transfer or opinion request, if no one acted since.
    case undo
    /// Administrator only: completes the current step without its action.
    case bypass(comment: String? = nil)
    /// After a rejection, the emitter desk sends the folder again from the first step.
    case resubmit(comment: String? = nil)

    public var kind: ActionKind {
        switch self {
        case .visa: .visa
        case .sign: .sign
        case .seal: .seal
        case .reject: .reject
        case .transfer: .transfer
        case .askSecondOpinion: .askSecondOpinion
        case .giveOpinion: .giveOpinion
        case .undo: .undo
        case .bypass: .bypass
        case .resubmit: .resubmit
        }
    }
}

/// The kind of an action, without its parameters: a history entry's action, a button on a page.
public enum ActionKind: String, Codable, Sendable, CaseIterable {
    case visa, sign, seal, reject, transfer, askSecondOpinion, giveOpinion, undo, bypass, resubmit

    /// Visas, transfers and opinion requests can be undone; a signature, a seal or a return cannot.
    public var isUndoable: Bool {
        switch self {
        case .visa, .transfer, .askSecondOpinion: true
        case .sign, .seal, .reject, .giveOpinion, .undo, .bypass, .resubmit: false
        }
    }
}
