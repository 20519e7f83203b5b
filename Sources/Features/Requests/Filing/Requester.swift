import Foundation

/// Who files a request.
enum Requester: Sendable, Equatable {
    /// A signed-in citizen (an account of the portal's member).
    case account(id: UUID, name: String, email: String)
    /// Without an account: answers and a tracking link go to this address.
    case anonymous(email: String, name: String)
    /// A partner system (API or Open311) on behalf of someone reachable at this address.
    case partner(client: String, email: String, name: String)

    var account: UUID? {
        if case .account(let id, _, _) = self { id } else { nil }
    }

    var email: String {
        switch self {
        case .account(_, _, let email), .anonymous(let email, _), .partner(_, let email, _): email
        }
    }

    var name: String {
        switch self {
        case .account(_, let name, _), .anonymous(_, let name), .partner(_, _, let name): name
        }
    }
}
