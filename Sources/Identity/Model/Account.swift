import Foundation

/// A person's account on a member's portal (citizen or agent), or a consortium operator.
public struct Account: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case citizen
        case agent
        case `operator`
    }

    public enum Status: String, Sendable, Codable {
        /// Signed up, e-mail not yet verified.
        case pending
        case active
        case disabled
    }

    public var id: UUID
    public var email: EmailAddress
    public var displayName: String
    public var kind: Kind
    public var roles: Set<Role>
    public var status: Status
    public var passwordHash: String?
    public var emailVerifiedAt: Date?
    public var createdAt: Date

    public init(
        id: UUID, email: EmailAddress, displayName: String, kind: Kind, roles: Set<Role>, status: Status,
        passwordHash: String?, emailVerifiedAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.kind = kind
        self.roles = roles
        self.status = status
        self.passwordHash = passwordHash
        self.emailVerifiedAt = emailVerifiedAt
        self.createdAt = createdAt
    }
}

/// A normalised (lowercase, trimmed) and plausibly valid e-mail address.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "<" && $0 != ">" && $0 != "\"" && $0 != "," && $0 != ";" })
        else { return nil }
        rawValue = trimmed
    }

    public var description: String { rawValue }
}
