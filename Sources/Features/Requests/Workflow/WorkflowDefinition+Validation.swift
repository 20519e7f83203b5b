extension WorkflowDefinition {
    /// Everything wrong with the workflow; empty when it can be used.
    public func problems() -> [WorkflowProblem] {
        var problems: [WorkflowProblem] = []
        if statuses.isEmpty { problems.append(.noStatuses) }
        var ids: Set<String> = []
        for status in statuses {
            if !Self.isIdentifier(status.id) { problems.append(.invalidStatusID(status.id)) }
            if !ids.insert(status.id).inserted { problems.append(.duplicateStatus(status.id)) }
            if !FormDefinition.isLabel(status.label) { problems.append(.statusLabel(status.id)) }
        }
        if let initial = status(initialStatus) {
            if initial.isFinal { problems.append(.finalInitialStatus(initialStatus)) }
        } else if !statuses.isEmpty {
            problems.append(.unknownInitialStatus(initialStatus))
        }
        if !statuses.isEmpty, !statuses.contains(where: \.isFinal) { problems.append(.noFinalStatus) }
        var transitionIDs: Set<String> = []
        for transition in transitions {
            if !Self.isIdentifier(transition.id) { problems.append(.invalidTransitionID(transition.id)) }
            if !transitionIDs.insert(transition.id).inserted { problems.append(.duplicateTransition(transition.id)) }
            problems += self.problems(of: transition, statuses: ids)
        }
        let reachable = reachableStatuses()
        if ids.contains(initialStatus) {
            problems += statuses.filter { !reachable.contains($0.id) }.map { .unreachableStatus($0.id) }
        }
        problems += statuses.filter { !$0.isFinal && transitions(from: $0.id).isEmpty }.map { .deadEnd($0.id) }
        return problems
    }

    /// The statuses a request can reach from the initial status.
    public func reachableStatuses() -> Set<String> {
        var reached: Set<String> = [initialStatus]
        var queue = [initialStatus]
        while let current = queue.popLast() {
            for transition in transitions(from: current) where reached.insert(transition.to).inserted {
                queue.append(transition.to)
            }
        }
        return reached
    }

    private func problems(of transition: WorkflowTransition, statuses ids: Set<String>) -> [WorkflowProblem] {
        let id = transition.id
        var problems: [WorkflowProblem] = []
        if !FormDefinition.isLabel(transition.label) { problems.append(.transitionLabel(id)) }
        if transition.from.isEmpty { problems.append(.noOrigin(transition: id)) }
        for status in transition.from + [transition.to] where !ids.contains(status) {
            problems.append(.unknownStatus(transition: id, status: status))
        }
        for status in transition.from where self.status(status)?.isFinal == true {
            problems.append(.leavesFinalStatus(transition: id, status: status))
        }
        if transition.permission.wholeMatch(of: #/[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+/#) == nil {
            problems.append(.invalidPermission(transition: id, permission: transition.permission))
        }
        if let message = transition.message {
            if message.trimmingWhitespace().isEmpty || message.count > 5000 { problems.append(.messageLength(transition: id)) }
            if let unknown = MessageTemplate.unknownPlaceholders(in: message) {
                problems += unknown.map { .unknownPlaceholder(transition: id, name: $0) }
            } else {
                problems.append(.unclosedPlaceholder(transition: id))
            }
        }
        return problems
    }

    static func isIdentifier(_ id: String) -> Bool { id.wholeMatch(of: #/[a-z][a-z0-9_-]{0,39}/#) != nil }
}
