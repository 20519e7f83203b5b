import Foundation

extension Circuit {
    /// Undoes the account's last action (a visa, a transfer or an opinion request) while it is still the
    /// last action of the circuit; the desks that had received the folder since are told it was withdrawn.
    mutating func undo(by actor: CircuitActor, at time: Date) throws(CircuitError) -> [CircuitEffect] {
        guard let account = actor.account else { throw .nothingToUndo }
        let undone = Set(history.compactMap(\.undoes))
        guard let index = history.indices.last(where: {
            history[$0].account == account && history[$0].action != .undo && !undone.contains($0)
        }) else { throw .nothingToUndo }
        let entry = history[index]
        guard entry.action.isUndoable else { throw .cannotUndo(entry.action) }
        try requireOpen()
        guard let point = undoPoints.last, point.entry == index else { throw .undoTooLate }

        let waiting = pendingDesks
        restore(point)
        undoPoints.removeLast()
        history.append(CircuitEntry(at: time, action: .undo, step: entry.step, desk: entry.desk,
                                    through: entry.through, account: account, undoes: index))
        let withdrawn = waiting.subtracting(pendingDesks)
        return withdrawn.isEmpty ? [] : [.notify(desks: withdrawn, reason: .withdrawn)]
    }
}
