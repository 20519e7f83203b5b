import Foundation
import Postgres

/// Something that happened in a member's services, as a service records it: its type
/// (`news.published`), what it is about (`news:12`), its data, and who did it.
public struct NewEvent: Sendable {
    public var type: String
    public var subject: String
    public var data: PostgresJSON
    public var actor: EventActor

    public init(type: String, subject: String, data: PostgresJSON = PostgresJSON(text: "{}"), actor: EventActor) {
        self.type = type
        self.subject = subject
        self.data = data
        self.actor = actor
    }

    public init<Data: Encodable>(type: String, subject: String, data: Data, actor: EventActor) throws {
        self.init(type: type, subject: subject, data: try PostgresJSON(encoding: data), actor: actor)
    }
}

/// Who caused an event.
public struct EventActor: Sendable, Equatable, Codable {
    public var kind: String
    public var id: String?
    public var label: String?

    public init(kind: String, id: String?, label: String?) {
        self.kind = kind
        self.id = id
        self.label = label
    }

    public static let system = EventActor(kind: "system", id: nil, label: nil)
}

/// An event in a member's log, with its place in the log (`seq`, increasing in commit order).
public struct RecordedEvent: Sendable {
    public var seq: Int
    public var id: UUID
    public var type: String
    public var subject: String
    public var data: PostgresJSON
    public var actor: EventActor
    public var occurredAt: Date
}

/// An event type a module emits: its family (what people choose how to hear about) and a
/// French label. Who is notified of it is the module's answer (`FeatureModule.notices`).
public struct EventType: Sendable, Hashable {
    public var name: String
    public var family: EventFamily
    public var label: String

    public init(_ name: String, family: EventFamily, label: String) {
        self.name = name
        self.family = family
        self.label = label
    }
}

/// A family of events people choose how to hear about (immediate mail, daily digest, in-app).
public struct EventFamily: Sendable, Hashable, Codable {
    public var id: String
    public var label: String

    public init(_ id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// What a notification of an event says, and to whom.
public struct EventNotice: Sendable {
    public var account: UUID
    public var title: String
    public var body: String
    /// A path of the member's portal.
    public var link: String?

    public init(account: UUID, title: String, body: String, link: String?) {
        self.account = account
        self.title = title
        self.body = body
        self.link = link
    }
}
