/// An action an agent takes on a request, moving it from one of `from` to `to` («Accepter»).
public struct WorkflowTransition: Codable, Hashable, Sendable {
    /// Unique in the workflow, `^[a-z][a-z0-9_-]{0,39}$`.
    public var id: String
    /// The button's text (1–200 characters).
    public var label: String
    /// The statuses it may be taken from.
    public var from: [String]
    public var to: String
    /// The permission the agent needs (`requests.process`).
    public var permission: String
    /// The message sent to the citizen (see `MessageTemplate`); nil: the citizen is not told.
    public var message: String?
    /// Whether it may be applied to several requests at once from a list.
    public var allowsBulk: Bool

    public init(id: String, label: String, from: [String], to: String, permission: String = RequestLifecycle.processPermission,
                message: String? = nil, allowsBulk: Bool = false) {
        self.id = id
        self.label = label
        self.from = from
        self.to = to
        self.permission = permission
        self.message = message
        self.allowsBulk = allowsBulk
    }
}
