/// A status a request can be in («Reçue», «En cours d'instruction»…).
public struct WorkflowStatus: Codable, Hashable, Sendable {
    /// Unique in the workflow, `^[a-z][a-z0-9_-]{0,39}$`: what the request stores.
    public var id: String
    /// What people read (1–200 characters).
    public var label: String
    /// A final status closes the request: no transition leaves it, it is never late.
    public var isFinal: Bool
    /// Whether the citizen may answer (a message, documents) while the request is in this status.
    public var citizenMayReply: Bool

    public init(id: String, label: String, isFinal: Bool = false, citizenMayReply: Bool = false) {
        self.id = id
        self.label = label
        self.isFinal = isFinal
        self.citizenMayReply = citizenMayReply
    }
}
