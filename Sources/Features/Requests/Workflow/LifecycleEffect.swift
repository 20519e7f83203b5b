/// What the caller must do after an action was applied.
public enum LifecycleEffect: Hashable, Sendable {
    /// Record the change (an event); `message` is the text sent to the citizen, if any.
    case statusChanged(from: String, to: String, message: String?)
    /// Send this message to the requester (rendered, French, plain text).
    case notifyCitizen(message: String)
    /// Tell the assignee (on assignment, on the citizen's reply).
    case notifyAssignee(Assignee)
    /// Append this entry to the request's journal (also added to `history`).
    case journal(LifecycleEntry)
}
