/// Failures of the requests service that are not the caller's fault (those are `WebError`s).
enum RequestsError: Error, CustomStringConvertible {
    case numbering(String)
    case invalidDemo(member: String, reason: String)
    case unknownOwner(String)

    var description: String {
        switch self {
        case .numbering(let slug): "could not number a request of type \(slug)"
        case .invalidDemo(let member, let reason): "demo procedures of \(member): \(reason)"
        case .unknownOwner(let slug): "the member \(slug) processing this request is not in the directory"
        }
    }
}
