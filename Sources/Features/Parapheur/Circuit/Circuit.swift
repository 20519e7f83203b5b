import Foundation

/// The state of one folder's signature circuit: a pure value, persisted as JSON. Actions are applied
/// with `applying(_:by:as:at:)` (in `Circuit+Actions.swift`); nothing here reads a clock or a database.
public struct Circuit: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case inProgress, rejected, completed
    }

    /// What happened so far at the current step.
    public struct StepProgress: Codable, Equatable, Sendable {
        /// The desks that acted (an `allOf` step completes when all its desks are here).
        public var acted: [DeskID] = []
        /// The step's desks once a transfer changed them; `nil` while they are the template's.
        public var reassigned: [DeskID]?

        public init(acted: [DeskID] = [], reassigned: [DeskID]? = nil) {
            self.acted = acted
            self.reassigned = reassigned
        }
    }

    /// A second opinion asked at the current step: the folder waits at `desk`, then goes back to `asker`.
    public struct SecondOpinion: Codable, Equatable, Sendable {
        /// The desk consulted.
        public var desk: DeskID
        /// The desk that asked, and the desk it asked through if by delegation.
        public var asker: DeskID
        public var askerThrough: DeskID?
        public var askedAt: Date
    }

    /// The state before an undoable action, restored by `undo` while that action is the last one.
    struct UndoPoint: Codable, Equatable, Sendable {
        /// The index in `history` of the entry the action recorded.
        var entry: Int
        var stepIndex: Int
        var progress: StepProgress
        var secondOpinion: SecondOpinion?
        var waitingSince: Date
    }

    /// The template's steps, copied at start (later edits of the template do not affect the folder).
    public let steps: [StepTemplate]
    /// The desk that sent the folder: told of a rejection or completion, the only one to resubmit.
    public let emitter: DeskID
    public let startedAt: Date
    public internal(set) var status: Status
    /// The current step (0-based); `steps.count` once completed; the rejected step once rejected.
    public internal(set) var stepIndex: Int
    public internal(set) var progress: StepProgress
    public internal(set) var secondOpinion: SecondOpinion?
    /// When the folder arrived where it waits now: step entered, transferred, opinion asked or given.
    public internal(set) var waitingSince: Date
    public internal(set) var history: [CircuitEntry]
    /// Most recent last; emptied by any action that cannot be undone.
    var undoPoints: [UndoPoint]

    /// Starts a folder on a validated template; the first step's desks are notified.
    public static func start(template: CircuitTemplate, emitter: DeskID,
                             at time: Date) throws(CircuitError) -> (Circuit, [CircuitEffect]) {
        try template.validate()
        let circuit = Circuit(steps: template.steps, emitter: emitter, startedAt: time, status: .inProgress,
                              stepIndex: 0, progress: StepProgress(), secondOpinion: nil, waitingSince: time,
                              history: [], undoPoints: [])
        return (circuit, circuit.arrivalEffects())
    }

    /// The step waiting for an action; `nil` once rejected or completed.
    public var currentStep: StepTemplate? {
        status == .inProgress && steps.indices.contains(stepIndex) ? steps[stepIndex] : nil
    }

    /// The current step's desks, after transfers, in order; empty once rejected or completed.
    public var currentDesks: [DeskID] {
        guard let step = currentStep else { return [] }
        return progress.reassigned ?? step.assignment.desks
    }

    /// Who must act now: the consulted desk while an opinion is pending, else the step's desks
    /// that have not acted yet.
    public var pendingDesks: Set<DeskID> {
        if let secondOpinion, status == .inProgress { return [secondOpinion.desk] }
        return Set(stepDesksYetToAct)
    }

    /// Whether the folder has waited where it is for longer than `delay` (for a reminder job).
    public func isLate(now: Date, after delay: TimeInterval) -> Bool {
        status == .inProgress && now.timeIntervalSince(waitingSince) > delay
    }

    /// The actions the actor may attempt now, in `ActionKind` order (the buttons a page shows).
    /// Each is tried on a copy, so the answer is exactly what `applying` would accept.
    public func allowedActions(for actor: CircuitActor) -> [ActionKind] {
        let elsewhere = DeskID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        return ActionKind.allCases.filter { kind in
            let action: CircuitAction = switch kind {
            case .visa: .visa()
            case .sign: .sign()
            case .seal: .seal
            case .reject: .reject(reason: "?")
            case .transfer: .transfer(to: elsewhere)
            case .askSecondOpinion: .askSecondOpinion(of: elsewhere)
            case .giveOpinion: .giveOpinion()
            case .undo: .undo
            case .bypass: .bypass()
            case .resubmit: .resubmit()
            }
            return (try? applying(action, by: actor, at: waitingSince)) != nil
        }
    }

    // MARK: Internals shared by the actions.

    /// The current step's desks that have not acted, in order.
    var stepDesksYetToAct: [DeskID] {
        currentDesks.filter { !progress.acted.contains($0) }
    }

    /// Whether the current step has had all the actions it needs.
    var isStepComplete: Bool {
        guard let step = currentStep else { return false }
        if step.assignment.requiresEveryDesk { return stepDesksYetToAct.isEmpty }
        return !progress.acted.isEmpty
    }

    /// The effects of arriving at the current step.
    func arrivalEffects() -> [CircuitEffect] {
        guard let step = currentStep else { return [] }
        var effects: [CircuitEffect] = [.notify(desks: Set(currentDesks), reason: .arrived)]
        if step.kind == .seal {
            effects.append(.sealStepReached(step: stepIndex, format: step.format ?? .pades))
        }
        return effects
    }

    var undoPoint: UndoPoint {
        UndoPoint(entry: history.count, stepIndex: stepIndex, progress: progress,
                  secondOpinion: secondOpinion, waitingSince: waitingSince)
    }

    mutating func restore(_ point: UndoPoint) {
        stepIndex = point.stepIndex
        progress = point.progress
        secondOpinion = point.secondOpinion
        waitingSince = point.waitingSince
    }
}
