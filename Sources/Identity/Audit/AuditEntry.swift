import Cryptography
import Foundation

/// One line of an audit journal: who did what, on what, when, from where, with what outcome.
public struct AuditEntry: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case success
        case failure
        case denied
    }

    public var occurredAt: Date
    /// `citizen`, `agent`, `operator`, `client`, `system` or `anonymous`.
    public var actorKind: String
    public var actorID: String?
    public var actorLabel: String?
    /// A dotted verb, e.g. `session.login`, `roles.change`, `client.revoke`.
    public var action: String
    public var objectType: String?
    public var objectID: String?
    public var ip: String?
    public var outcome: Outcome
    public var details: [String: String]

    public init(
        occurredAt: Date = Date(), actorKind: String, actorID: String? = nil, actorLabel: String? = nil, action: String,
        objectType: String? = nil, objectID: String? = nil, ip: String? = nil, outcome: Outcome = .success,
        details: [String: String] = [:]
    ) {
        // Microseconds, as PostgreSQL stores them, so that the hash recomputed from the row matches.
        self.occurredAt = Date(timeIntervalSince1970: (occurredAt.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
        self.actorKind = actorKind
        self.actorID = actorID
        self.actorLabel = actorLabel
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.ip = ip
        self.outcome = outcome
        self.details = details
    }

    /// The bytes the hash covers: every field, length-prefixed, in a fixed order (unambiguous,
    /// and independent of any JSON library's formatting).
    var canonical: [UInt8] {
        var bytes: [UInt8] = Array("mutualis-audit-v1".utf8)
        func field(_ value: String?) {
            guard let value else {
                bytes += Array("-;".utf8)
                return
            }
            let utf8 = Array(value.utf8)
            bytes += Array("\(utf8.count):".utf8) + utf8
        }
        field(String(Int64((occurredAt.timeIntervalSince1970 * 1_000_000).rounded())))
        for value in [actorKind, actorID, actorLabel, action, objectType, objectID, ip, outcome.rawValue] { field(value) }
        for key in details.keys.sorted() {
            field(key)
            field(details[key])
        }
        return bytes
    }

    func hash(after previous: [UInt8]) throws -> [UInt8] {
        var digest = try Digest(.sha256)
        try digest.update(previous)
        try digest.update(canonical)
        return try digest.finalize()
    }

    var detailsJSON: String {
        let data = (try? JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
