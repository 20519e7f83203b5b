import Foundation

/// Who acts on a request: an agent with the permissions it has on this member, or a citizen.
public struct LifecycleActor: Hashable, Sendable {
    public enum Role: String, Codable, Sendable {
        case agent, citizen
    }

    public let role: Role
    public let account: UUID
    /// An agent's permissions (`requests.process`…); always empty for a citizen.
    public let permissions: Set<String>

    public static func agent(_ account: UUID, permissions: Set<String>) -> LifecycleActor {
        LifecycleActor(role: .agent, account: account, permissions: permissions)
    }

    public static func citizen(_ account: UUID) -> LifecycleActor {
        LifecycleActor(role: .citizen, account: account, permissions: [])
    }

    public func has(_ permission: String) -> Bool { role == .agent && permissions.contains(permission) }
}

/// Whom a request is assigned to: an agent or a team of agents.
public enum Assignee: Codable, Hashable, Sendable {
    case agent(UUID)
    case team(UUID)
}
