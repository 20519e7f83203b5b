/// What can be wrong with a member's declaration or identity.
public enum TenancyError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSlug(String)
    case invalidHost(String)
    case invalidManifest(file: String, reason: String)
    case duplicateHost(host: String, members: [String])
    case unknownTenant(String)

    public var description: String {
        switch self {
        case .invalidSlug(let slug):
            "invalid member slug \(String(reflecting: slug)): expected a lowercase letter then 1 to 40 of [a-z0-9-]"
        case .invalidHost(let host):
            "invalid host name \(String(reflecting: host))"
        case .invalidManifest(let file, let reason):
            "\(file): \(reason)"
        case .duplicateHost(let host, let members):
            "host \(host) is declared by several members: \(members.joined(separator: ", "))"
        case .unknownTenant(let slug):
            "no member named \(slug)"
        }
    }
}
