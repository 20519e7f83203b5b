import Foundation
import XML

/// The SEDA `ArchiveDestructionNotification` of an executed elimination (its proof, signed by
/// the member's seal).
enum DestructionNotification {
    static func xml(elimination id: UUID, units: [String], archivalAgency: String, originatingAgency: String, at date: Date) -> XMLNode {
        func element(_ name: String, _ text: String) -> XMLNode { .element(name, children: [.text(text)]) }
        return .element("ArchiveDestructionNotification", attributes: [("xmlns", SEDAVersion.v22.namespace)], children: [
            element("Comment", "Élimination réglementaire : unités dont la durée d'utilité administrative est échue, sort final « détruire »."),
            element("Date", TransferReply.timestamp(date)),
            element("MessageIdentifier", "ADN-" + id.uuidString.lowercased()),
            .element("CodeListVersions"),
            element("AuthorizationRequestReplyIdentifier", "ELIM-" + id.uuidString.lowercased()),
        ] + units.map { element("UnitIdentifier", $0) } + [
            .element("ArchivalAgency", children: [element("Identifier", archivalAgency)]),
            .element("OriginatingAgency", children: [element("Identifier", originatingAgency)]),
        ])
    }
}
