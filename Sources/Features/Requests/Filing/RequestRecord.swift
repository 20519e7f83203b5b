import Foundation

/// A request as its processing member stores it.
struct RequestRecord: Sendable {
    enum Channel: String, Sendable {
        case portal, api, open311
    }

    var id: UUID
    var number: String
    var typeID: UUID
    var typeSlug: String
    var typeTitle: String
    var typeVersion: Int
    /// The member whose portal it was filed on (`requester` is one of its accounts).
    var filingMember: String
    var requester: UUID?
    var contactName: String
    var contactEmail: String
    var channel: Channel
    var answers: [String: AnswerValue]
    var lifecycle: RequestLifecycle
    var assigneeAgent: UUID?
    var assigneeTeam: UUID?
    var address: PostalAddress?
    var closed: Bool
    var lateFrom: Date
    var filedAt: Date
    var updatedAt: Date
    var revision: Int

    var status: String { lifecycle.status }

    func isLate(now: Date) -> Bool { !closed && now >= lateFrom }
}
