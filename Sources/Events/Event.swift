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

    /// An event whose data is encoded as the API writes JSON: snake_case members, RFC 3339 dates
    /// (partners read it from the event log and in webhook deliveries).
    public init<Data: Encodable>(type: String, subject: String, data: Data, actor: EventActor) throws {
        let text = String(decoding: try Self.encoder.encode(data), as: UTF8.self)
        self.init(type: type, subject: subject, data: PostgresJSON(text: text), actor: actor)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
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

    /// The data, read back as `NewEvent` wrote it (snake_case members, RFC 3339 dates).
    public func decodeData<T: Decodable>(_ type: T.Type) throws -> T {
        try Self.decoder.decode(T.self, from: Data(data.text.utf8))
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
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
