/// How a procedure type's requests are processed: statuses and the transitions between them.
/// Stored as JSON; check it with `problems()` (in `WorkflowDefinition+Validation.swift`).
public struct WorkflowDefinition: Codable, Equatable, Sendable {
    public var statuses: [WorkflowStatus]
    /// The status of a request just filed.
    public var initialStatus: String
    public var transitions: [WorkflowTransition]

    public init(statuses: [WorkflowStatus], initialStatus: String, transitions: [WorkflowTransition]) {
        self.statuses = statuses
        self.initialStatus = initialStatus
        self.transitions = transitions
    }

    public func status(_ id: String) -> WorkflowStatus? { statuses.first { $0.id == id } }

    public func transition(_ id: String) -> WorkflowTransition? { transitions.first { $0.id == id } }

    /// The transitions that may be taken from a status, in definition order.
    public func transitions(from status: String) -> [WorkflowTransition] {
        transitions.filter { $0.from.contains(status) }
    }

    /// The transitions an agent with these permissions may take from a status (the buttons).
    public func transitions(from status: String, permissions: Set<String>) -> [WorkflowTransition] {
        transitions(from: status).filter { permissions.contains($0.permission) }
    }

    /// The transitions an agent may apply to a selection of requests all in `status` (bulk actions).
    public func bulkTransitions(from status: String, permissions: Set<String>) -> [WorkflowTransition] {
        transitions(from: status, permissions: permissions).filter(\.allowsBulk)
    }
}
