import Foundation

/// The processing state of one request: a pure value, persisted as JSON. Actions are applied with
/// `applying(_:by:in:context:at:)` (in `RequestLifecycle+Actions.swift`); nothing here reads a
/// clock or a database. The workflow is passed to each call (requests keep the workflow's id and
/// version; they do not copy it).
public struct RequestLifecycle: Codable, Equatable, Sendable {
    /// The permission notes and assignments need (transitions name their own).
    public static let processPermission = "requests.process"

    /// The citizen who filed it (nil: filed anonymously; then no one may reply).
    public let requester: UUID?
    public let filedAt: Date
    /// The current status's id.
    public internal(set) var status: String
    public internal(set) var assignee: Assignee?
    public internal(set) var history: [LifecycleEntry]

    /// What the message templates need besides the status: the request's number and the procedure's name.
    public struct MessageContext: Equatable, Sendable {
        public var number: RequestNumber
        public var procedure: String

        public init(number: RequestNumber, procedure: String) {
            self.number = number
            self.procedure = procedure
        }
    }

    /// A request just filed, in the workflow's initial status. Refused if the workflow is invalid.
    public static func start(in workflow: WorkflowDefinition, requester: UUID?,
                             at time: Date) throws(LifecycleRefusal) -> (RequestLifecycle, [LifecycleEffect]) {
        let problems = workflow.problems()
        guard problems.isEmpty else { throw .invalidWorkflow(problems) }
        let entry = LifecycleEntry(at: time, account: requester, event: .filed(status: workflow.initialStatus))
        let lifecycle = RequestLifecycle(requester: requester, filedAt: time, status: workflow.initialStatus,
                                         assignee: nil, history: [entry])
        return (lifecycle, [.journal(entry)])
    }

    /// Whether the request is in a final status of the workflow.
    public func isClosed(in workflow: WorkflowDefinition) -> Bool { workflow.status(status)?.isFinal == true }

    /// Whether the requester may answer now.
    public func citizenMayReply(in workflow: WorkflowDefinition) -> Bool {
        workflow.status(status).map { !$0.isFinal && $0.citizenMayReply } ?? false
    }

    /// The transitions the actor may take now (the buttons a page shows).
    public func availableTransitions(for actor: LifecycleActor, in workflow: WorkflowDefinition) -> [WorkflowTransition] {
        guard actor.role == .agent, !isClosed(in: workflow) else { return [] }
        return workflow.transitions(from: status, permissions: actor.permissions)
    }

    /// The history the citizen sees (without notes and assignments).
    public var publicHistory: [LifecycleEntry] { history.filter { !$0.isInternal } }

    /// Whether the request is late: not in a final status and past the delay (see `ProcessingDelay`).
    public func isLate(now: Date, delay: ProcessingDelay, in workflow: WorkflowDefinition) -> Bool {
        guard let current = workflow.status(status) else { return false }
        return delay.isLate(filedAt: filedAt, now: now, status: current)
    }
}
