import Foundation
import Postgres

/// An archival agreement (convention d'entrée) of the member.
public struct ArchivalAgreement: Sendable, Equatable, Codable {
    public var identifier: String
    public var name: String
    /// Empty: any originating agency of the member's referential.
    public var originatingAgencies: [String]
    public var active: Bool

    public init(identifier: String, name: String, originatingAgencies: [String], active: Bool) {
        self.identifier = identifier
        self.name = name
        self.originatingAgencies = originatingAgencies
        self.active = active
    }
}

public struct ArchiveAgency: Sendable, Equatable, Codable {
    public var identifier: String
    public var name: String

    public init(identifier: String, name: String) {
        self.identifier = identifier
        self.name = name
    }
}

public struct ArchiveRule: Sendable, Equatable, Codable {
    public static let kinds = ["AppraisalRule", "AccessRule", "DisseminationRule", "ReuseRule", "ClassificationRule", "StorageRule"]
    public var identifier: String
    public var kind: String
    public var name: String
    /// nil: unlimited.
    public var duration: Int?
    public var measurement: String
    public var finalAction: String?

    public init(identifier: String, kind: String, name: String, duration: Int?, measurement: String, finalAction: String?) {
        self.identifier = identifier
        self.kind = kind
        self.name = name
        self.duration = duration
        self.measurement = measurement
        self.finalAction = finalAction
    }
}

/// How a module's records of one type are archived by the worker.
public struct ArchiveProfile: Sendable, Equatable, Codable {
    /// `<module>:<type>` (`parapheur:Arrêté/Voirie`).
    public var documentType: String
    public var archivalAgreement: String
    public var originatingAgency: String
    public var appraisalRule: String?
    public var finalAction: String

    public init(documentType: String, archivalAgreement: String, originatingAgency: String, appraisalRule: String?, finalAction: String) {
        self.documentType = documentType
        self.archivalAgreement = archivalAgreement
        self.originatingAgency = originatingAgency
        self.appraisalRule = appraisalRule
        self.finalAction = finalAction
    }
}

/// A transfer as recorded: accepted (its units and objects stored) or refused (nothing stored
/// but the reply).
public struct ArchiveTransfer: Sendable, Equatable {
    public var id: UUID
    public var messageIdentifier: String
    public var version: SEDAVersion
    public var accepted: Bool
    public var archivalAgreement: String?
    public var originatingAgency: String?
    public var reasons: [IngestRefusal]
    public var reply: String
    public var objectCount: Int
    public var totalSize: Int
    public var submittedBy: String?
    public var receivedAt: Date
}

/// A SEDA date (`2016-05-02`, `2016-05-02T10:00:00`, `2016`) as a calendar date.
enum SEDADate {
    static func parse(_ text: String?) -> PostgresDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.count >= 10, let date = PostgresDate(iso8601: String(text.prefix(10))) { return date }
        if text.count >= 4, let year = Int(text.prefix(4)) { return PostgresDate(year: year, month: 1, day: 1) }
        return nil
    }
}

extension IngestRefusal: Codable {
    enum CodingKeys: String, CodingKey { case code, message }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Code.self, forKey: .code), try container.decode(String.self, forKey: .message))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
    }
}
