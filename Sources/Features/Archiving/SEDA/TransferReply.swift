import Foundation
import XML

/// The `ArchiveTransferReply` a SIP gets, in the SIP's SEDA version: OK with the grant date, or
/// KO with one `Operation/Event` per reason. The same content is served as JSON.
public struct TransferReply: Sendable, Equatable, Codable {
    public var version: SEDAVersion
    public var messageIdentifier: String
    public var date: Date
    public var replyCode: String
    public var messageRequestIdentifier: String
    public var archivalAgreement: String?
    public var archivalAgency: String
    public var transferringAgency: String
    public var grantDate: Date?
    public var transferID: UUID
    public var events: [Event]

    public struct Event: Sendable, Equatable, Codable {
        public var type: String
        public var outcome: String
        public var detail: String
        public var message: String
    }

    public var accepted: Bool { replyCode == "OK" }

    public init(transferID: UUID, version: SEDAVersion, manifest: SEDAManifest?, refusals: [IngestRefusal], member: String, at date: Date) {
        self.version = version
        self.transferID = transferID
        messageIdentifier = "ATR-" + transferID.uuidString.lowercased()
        self.date = date
        replyCode = refusals.isEmpty ? "OK" : "KO"
        let request = manifest?.messageIdentifier ?? ""
        messageRequestIdentifier = request.isEmpty ? "inconnu" : request
        archivalAgreement = manifest?.archivalAgreement.flatMap { $0.isEmpty ? nil : $0 }
        let agency = manifest?.archivalAgency ?? ""
        archivalAgency = agency.isEmpty ? member : agency
        let transferring = manifest?.transferringAgency ?? ""
        transferringAgency = transferring.isEmpty ? "inconnu" : transferring
        grantDate = refusals.isEmpty ? date : nil
        events = refusals.isEmpty
            ? [Event(type: "ARCHIVE_TRANSFER", outcome: "OK", detail: "archive.transfer.accepted", message: "Transfert accepté et conservé en deux exemplaires vérifiés.")]
            : refusals.map { Event(type: $0.step, outcome: "KO", detail: $0.code.rawValue, message: $0.message) }
    }

    /// The SEDA message (elements in the XSD's order).
    public var xml: XMLNode {
        func element(_ name: String, _ text: String) -> XMLNode { .element(name, children: [.text(text)]) }
        func identified(_ name: String, _ identifier: String) -> XMLNode { .element(name, children: [element("Identifier", identifier)]) }
        var children: [XMLNode] = [
            element("Date", Self.timestamp(date)),
            element("MessageIdentifier", messageIdentifier),
        ]
        if let archivalAgreement { children.append(element("ArchivalAgreement", archivalAgreement)) }
        children.append(.element("CodeListVersions"))
        children.append(element("ReplyCode", replyCode))
        children.append(.element("Operation", children: events.map { event in
            .element("Event", children: [
                element("EventTypeCode", event.type),
                element("EventDateTime", Self.timestamp(date)),
                element("Outcome", event.outcome),
                element("OutcomeDetail", event.detail),
                element("OutcomeDetailMessage", Self.token(event.message)),
            ])
        }))
        children.append(element("MessageRequestIdentifier", messageRequestIdentifier))
        if let grantDate { children.append(element("GrantDate", Self.timestamp(grantDate))) }
        children.append(identified("ArchivalAgency", archivalAgency))
        children.append(identified("TransferringAgency", transferringAgency))
        return .element("ArchiveTransferReply", attributes: [("xmlns", version.namespace)], children: children)
    }

    public var xmlText: String { xml.serialized() }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `NonEmptyTokenType`: no line breaks or runs of spaces.
    static func token(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
