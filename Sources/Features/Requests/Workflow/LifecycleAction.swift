import Foundation

/// What happens to a request.
public enum LifecycleAction: Equatable, Sendable {
    /// An agent takes a transition of the workflow. `comment` (a refusal's grounds…) is added to the
    /// message sent to the citizen; `bulk` when applied from a selection of several requests.
    case transition(id: String, comment: String? = nil, bulk: Bool = false)
    /// The requester answers: a message, documents (ids of uploads), or both.
    case citizenReplied(message: String?, documents: [UUID] = [])
    /// An agent writes to the requester without changing the status (a question, a precision).
    case messageSent(String)
    /// An internal note, never shown to the citizen (agents only, closed requests included).
    case noteAdded(String)
    /// The request is given to an agent or a team.
    case assigned(Assignee)
}
