import Foundation

/// One line of a request's history.
public struct LifecycleEntry: Codable, Hashable, Sendable {
    public enum Event: Codable, Hashable, Sendable {
        case filed(status: String)
        /// `message`: what the citizen was sent (nil: nothing).
        case transition(id: String, from: String, to: String, message: String?)
        case citizenReply(message: String?, documents: [UUID])
        /// An agent's message to the requester.
        case agentMessage(String)
        case note(String)
        case assignment(Assignee)
    }

    public let at: Date
    /// Who acted (nil: an anonymous filing).
    public let account: UUID?
    public let event: Event

    public init(at: Date, account: UUID?, event: Event) {
        self.at = at
        self.account = account
        self.event = event
    }

    /// Notes and assignments are for agents only: the citizen's view of the history leaves them out.
    public var isInternal: Bool {
        switch event {
        case .note, .assignment: true
        case .filed, .transition, .citizenReply, .agentMessage: false
        }
    }
}
