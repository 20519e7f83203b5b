import Foundation

/// Failures of the safe that are not the caller's fault (those are `WebError`s).
enum SafeError: Error, CustomStringConvertible {
    /// The install has no KEK (no PKI: `mutualis pki init`), so no safe can be opened.
    case noKeyEncryptionKey
    /// A data key does not open (wrong KEK, damaged row).
    case keyUnavailable(member: String, account: UUID, reason: String)
    case invalidDemo(member: String, reason: String)

    var description: String {
        switch self {
        case .noKeyEncryptionKey: "the document safe needs the install's key-encryption key (MUTUALIS_KEK_FILE, made by mutualis pki init)"
        case .keyUnavailable(let member, let account, let reason): "safe of account \(account) of \(member): \(reason)"
        case .invalidDemo(let member, let reason): "demo safe content of \(member): \(reason)"
        }
    }
}
