import Foundation

/// What the caller must do after an action was applied (notify, seal, publish…).
public enum CircuitEffect: Equatable, Sendable {
    /// Tell the holders (and delegates) of these desks.
    case notify(desks: Set<DeskID>, reason: NotificationReason)
    /// The circuit arrived at a seal step: the caller may seal and apply `seal` as `.system`.
    case sealStepReached(step: Int, format: SignatureFormat)
    /// The folder was returned to its emitter.
    case rejected(reason: String)
    /// Every step is done.
    case completed
}

/// Why desks are notified.
public enum NotificationReason: String, Codable, Sendable, CaseIterable {
    /// The folder arrived at their step (start, next step, resubmission).
    case arrived
    /// The step was transferred to their desk.
    case transferred
    /// Their opinion is asked.
    case opinionRequested
    /// The opinion they asked for was given.
    case opinionGiven
    /// The folder they had received was taken back (undo, bypass).
    case withdrawn
    /// To the emitter: the folder was rejected.
    case rejected
    /// To the emitter: the circuit is completed.
    case completed
}
