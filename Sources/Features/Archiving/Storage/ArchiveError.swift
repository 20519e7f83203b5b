/// The archive's own failures (not the SIP's): storage, configuration. Answered 5xx.
public enum ArchiveError: Error, Sendable, CustomStringConvertible {
    case storage(String, String)
    case copyMismatch(object: String, location: String)
    case unavailable(String)

    public var description: String {
        switch self {
        case .storage(let operation, let reason): "archive storage: \(operation) failed: \(reason)"
        case .copyMismatch(let object, let location): "archive: the copy of \(object) in \(location) does not match its SHA-512"
        case .unavailable(let what): "archive unavailable: \(what)"
        }
    }
}
