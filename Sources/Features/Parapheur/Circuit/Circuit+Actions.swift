import Foundation

extension Circuit {
    /// The circuit after `action`, and what the caller must do about it.
    ///
    /// The actor acts as `desk` when given (it must hold it or have its delegation), otherwise as its
    /// first desk expected now, in the step's order, held desks before delegated ones. `bypass` acts as
    /// no desk and ignores `desk`. Throws, and changes nothing, when the action is not allowed.
    public func applying(_ action: CircuitAction, by actor: CircuitActor, as desk: DeskID? = nil,
                         at time: Date) throws(CircuitError) -> (Circuit, [CircuitEffect]) {
        var next = self
        let before = undoPoint
        let effects = try next.perform(action, by: actor, as: desk, at: time)
        if action.kind == .undo {
            // `undo` consumed its point.
        } else if action.kind.isUndoable && next.status == .inProgress {
            next.undoPoints.append(before)
        } else {
            next.undoPoints.removeAll()
        }
        return (next, effects)
    }

    /// `applying(_:by:as:at:)` in place; `self` is unchanged when it throws.
    @discardableResult
    public mutating func apply(_ action: CircuitAction, by actor: CircuitActor, as desk: DeskID? = nil,
                               at time: Date) throws(CircuitError) -> [CircuitEffect] {
        let (next, effects) = try applying(action, by: actor, as: desk, at: time)
        self = next
        return effects
    }

    private mutating func perform(_ action: CircuitAction, by actor: CircuitActor, as desk: DeskID?,
                                  at time: Date) throws(CircuitError) -> [CircuitEffect] {
        switch action {
        case .visa(let comment):
            try approve(.visa, expecting: .visa, comment: comment, by: actor, as: desk, at: time)
        case .sign(let comment):
            try approve(.sign, expecting: .signature, comment: comment, by: actor, as: desk, at: time)
        case .seal:
            try approve(.seal, expecting: .seal, comment: nil, by: actor, as: desk, at: time)
        case .reject(let reason):
            try reject(reason: reason, by: actor, as: desk, at: time)
        case .transfer(let target, let comment):
            try transfer(to: target, comment: comment, by: actor, as: desk, at: time)
        case .askSecondOpinion(let target, let comment):
            try askSecondOpinion(of: target, comment: comment, by: actor, as: desk, at: time)
        case .giveOpinion(let comment):
            try giveOpinion(comment: comment, by: actor, as: desk, at: time)
        case .undo:
            try undo(by: actor, at: time)
        case .bypass(let comment):
            try bypass(comment: comment, by: actor, at: time)
        case .resubmit(let comment):
            try resubmit(comment: comment, by: actor, as: desk, at: time)
        }
    }

    // MARK: The step's own action.

    private mutating func approve(_ kind: ActionKind, expecting expected: StepKind, comment: String?,
                                  by actor: CircuitActor, as desk: DeskID?,
                                  at time: Date) throws(CircuitError) -> [CircuitEffect] {
        try requireOpen()
        guard secondOpinion == nil else { throw .opinionPending }
        guard let step = currentStep, step.kind == expected else {
            throw .wrongAction(expected: currentStep?.kind ?? expected)
        }
        let acting = try resolve(actor, as: desk, among: stepDesksYetToAct, acted: progress.acted,
                                 allowsSystem: expected == .seal)
        progress.acted.append(acting.desk)
        record(kind, acting, by: actor, comment: comment, at: time)
        return isStepComplete ? advance(at: time) : []
    }

    /// Leaves the completed step for the next one, or completes the circuit.
    private mutating func advance(at time: Date) -> [CircuitEffect] {
        stepIndex += 1
        progress = StepProgress()
        secondOpinion = nil
        waitingSince = time
        guard stepIndex < steps.count else {
            status = .completed
            return [.completed, .notify(desks: [emitter], reason: .completed)]
        }
        return arrivalEffects()
    }

    // MARK: Actions any desk of the step may take.

    private mutating func reject(reason: String, by actor: CircuitActor, as desk: DeskID?,
                                 at time: Date) throws(CircuitError) -> [CircuitEffect] {
        try requireOpen()
        guard secondOpinion == nil else { throw .opinionPending }
        let acting = try resolve(actor, as: desk, among: stepDesksYetToAct, acted: progress.acted)
        guard let reason = Self.trimmed(reason) else { throw .reasonRequired }
        status = .rejected
        record(.reject, acting, by: actor, comment: reason, at: time)
        return [.rejected(reason: reason), .notify(desks: [emitter], reason: .rejected)]
    }

    private mutating func transfer(to target: DeskID, comment: String?, by actor: CircuitActor, as desk: DeskID?,
                                   at time: Date) throws(CircuitError) -> [CircuitEffect] {
        try requireOpen()
        guard secondOpinion == nil else { throw .opinionPending }
        let acting = try resolve(actor, as: desk, among: stepDesksYetToAct, acted: progress.acted)
        guard target != acting.desk else { throw .sameDesk }
        guard !currentDesks.contains(target) else { throw .deskAlreadyInStep }
        if currentStep?.assignment.requiresEveryDesk == true {
            progress.reassigned = currentDesks.map { $0 == acting.desk ? target : $0 }
        } else {
            progress.reassigned = [target]
        }
        waitingSince = time
        record(.transfer, acting, by: actor, comment: comment, target: target, at: time)
        return [.notify(desks: [target], reason: .transferred)]
    }

    private mutating func askSecondOpinion(of target: DeskID, comment: String?, by actor: CircuitActor,
                                           as desk: DeskID?, at time: Date) throws(CircuitError) -> [CircuitEffect] {
        try requireOpen()
        guard secondOpinion == nil else { throw .opinionPending }
        let acting = try resolve(actor, as: desk, among: stepDesksYetToAct, acted: progress.acted)
        guard target != acting.desk else { throw .sameDesk }
        secondOpinion = SecondOpinion(desk: target, asker: acting.desk, askerThrough: acting.through, askedAt: time)
        waitingSince = time
        record(.askSecondOpinion, acting, by: actor, comment: comment, target: target, at: time)
        return [.notify(desks: [target], reason: .opinionRequested)]
    }

    private mutating func giveOpinion(comment: String?, by actor: CircuitActor, as desk: DeskID?,
                                      at time: Date) throws(CircuitError) -> [CircuitEffect] {
        try requireOpen()
        guard let opinion = secondOpinion else { throw .noPendingOpinion }
        let acting = try resolve(actor, as: desk, among: [opinion.desk], acted: [])
        secondOpinion = nil
        waitingSince = time
        record(.giveOpinion, acting, by: actor, comment: comment, target: opinion.asker, at: time)
        return [.notify(desks: [opinion.asker], reason: .opinionGiven)]
    }

    // MARK: Administration and return.

    private mutating func bypass(comment: String?, by actor: CircuitActor,
                                 at time: Date) throws(CircuitError) -> [CircuitEffect] {
        try requireOpen()
        guard actor.isAdministrator else { throw .notAdministrator }
        let consulted = secondOpinion?.desk
        record(.bypass, nil, by: actor, comment: comment, at: time)
        var effects: [CircuitEffect] = consulted.map { [.notify(desks: [$0], reason: .withdrawn)] } ?? []
        effects += advance(at: time)
        return effects
    }

    private mutating func resubmit(comment: String?, by actor: CircuitActor, as desk: DeskID?,
                                   at time: Date) throws(CircuitError) -> [CircuitEffect] {
        switch status {
        case .completed: throw .folderCompleted
        case .inProgress: throw .notRejected
        case .rejected: break
        }
        let acting = try resolve(actor, as: desk, among: [emitter], acted: [], otherwise: .notEmitter)
        status = .inProgress
        stepIndex = 0
        progress = StepProgress()
        secondOpinion = nil
        waitingSince = time
        record(.resubmit, acting, by: actor, comment: comment, at: time)
        return arrivalEffects()
    }

    // MARK: Shared checks and recording.

    func requireOpen() throws(CircuitError) {
        switch status {
        case .inProgress: return
        case .rejected: throw .folderRejected
        case .completed: throw .folderCompleted
        }
    }

    /// The desk the actor acts as, among `eligible` (in order): `explicit` if given, else the first
    /// eligible desk it holds, else the first eligible desk delegated to it.
    func resolve(_ actor: CircuitActor, as explicit: DeskID?, among eligible: [DeskID], acted: [DeskID],
                 allowsSystem: Bool = false,
                 otherwise notEligible: CircuitError = .notYourTurn) throws(CircuitError) -> ActingDesk {
        if actor.isSystem {
            guard allowsSystem, let desk = explicit ?? eligible.first, eligible.contains(desk) else {
                throw notEligible
            }
            return ActingDesk(desk: desk, through: nil)
        }
        if let explicit {
            guard let acting = actor.acting(as: explicit) else { throw .deskNotHeld }
            if acted.contains(explicit) { throw .alreadyActed }
            guard eligible.contains(explicit) else { throw notEligible }
            return acting
        }
        if let desk = eligible.first(where: actor.desks.contains) {
            return ActingDesk(desk: desk, through: nil)
        }
        if let desk = eligible.first(where: { actor.delegations[$0] != nil }) {
            return ActingDesk(desk: desk, through: actor.delegations[desk])
        }
        if acted.contains(where: { actor.acting(as: $0) != nil }) { throw .alreadyActed }
        throw notEligible
    }

    mutating func record(_ action: ActionKind, _ acting: ActingDesk?, by actor: CircuitActor, step: Int? = nil,
                         comment: String?, target: DeskID? = nil, undoes: Int? = nil, at time: Date) {
        history.append(CircuitEntry(at: time, action: action, step: step ?? (action == .resubmit ? 0 : stepIndex),
                                    desk: acting?.desk, through: acting?.through, account: actor.account,
                                    comment: comment.flatMap(Self.trimmed), target: target, undoes: undoes))
    }

    /// `text` without surrounding blanks, `nil` if nothing is left.
    static func trimmed(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
