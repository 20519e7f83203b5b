import Foundation

/// The back office's filters on a member's requests.
struct QueueQuery: Sendable, Equatable {
    enum Assignment: Sendable, Equatable {
        case anyone
        case unassigned
        case agent(UUID)
        case team(UUID)
    }

    var typeSlug: String?
    /// The type's id when known (the index on type, status and date is used directly).
    var typeID: UUID?
    var status: String?
    var assignment: Assignment = .anyone
    /// Filed on or after / before (Paris days are turned into instants by the caller).
    var filedFrom: Date?
    var filedBefore: Date?
    var lateOnly = false
    var openOnly = false
    /// Words of the number, the contact, the address or the answers (French, accents ignored).
    var text: String?
    /// Keyset paging: requests filed before this one (its filing time and id).
    var after: (filedAt: Date, id: UUID)?
    var limit = 50

    static func == (lhs: QueueQuery, rhs: QueueQuery) -> Bool {
        lhs.typeSlug == rhs.typeSlug && lhs.typeID == rhs.typeID && lhs.status == rhs.status && lhs.assignment == rhs.assignment && lhs.filedFrom == rhs.filedFrom
            && lhs.filedBefore == rhs.filedBefore && lhs.lateOnly == rhs.lateOnly && lhs.openOnly == rhs.openOnly && lhs.text == rhs.text
            && lhs.after?.filedAt == rhs.after?.filedAt && lhs.after?.id == rhs.after?.id && lhs.limit == rhs.limit
    }
}

/// One line of the queue.
struct QueueRow: Sendable {
    var id: UUID
    var number: String
    var typeSlug: String
    var typeTitle: String
    var status: String
    var statusLabel: String
    var contactName: String
    var filingMember: String
    var assigneeAgent: UUID?
    var assigneeTeam: UUID?
    var closed: Bool
    var lateFrom: Date
    var filedAt: Date
}
