import Identity

/// The session a request came with: its id (to sign out or rotate) and record (CSRF token).
public struct SessionAccess: Sendable {
    public let id: String
    public let record: SessionRecord
}
