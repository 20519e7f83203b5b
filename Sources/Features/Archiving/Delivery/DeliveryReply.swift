import Foundation
import XML

/// The manifest of a DIP: a SEDA 2.2 `ArchiveDeliveryRequestReply` whose package describes the
/// delivered units and their objects (digest, size, format, file name, path in the ZIP).
enum DeliveryReply {
    static func xml(id: UUID, units: [DeliveryService.Unit], paths: [UUID: String], archivalAgency: String, requester: String, at date: Date) -> XMLNode {
        func element(_ name: String, _ text: String) -> XMLNode { .element(name, children: [.text(text)]) }
        var groups: [XMLNode] = []
        var described: Set<UUID> = []
        for object in units.flatMap(\.objects) where described.insert(object.id).inserted {
            let short = object.id.uuidString.lowercased()
            groups.append(.element("DataObjectGroup", attributes: [("id", "GOT-" + short)], children: [
                .element("BinaryDataObject", attributes: [("id", "BDO-" + short)], children: [
                    element("DataObjectVersion", "BinaryMaster_1"), element("Uri", paths[object.id] ?? ""),
                    .element("MessageDigest", attributes: [("algorithm", "SHA-512")], children: [.text(object.sha512)]),
                    element("Size", "\(object.size)"),
                    .element("FormatIdentification", children: [element("MimeType", object.mediaType)]),
                    .element("FileInfo", children: [element("Filename", object.name)]),
                ]),
            ]))
        }
        let described_units: [XMLNode] = units.map { unit in
            var content: [XMLNode] = []
            if let level = unit.level { content.append(element("DescriptionLevel", level)) }
            content.append(element("Title", unit.title))
            if !unit.description.isEmpty { content.append(element("Description", unit.description)) }
            for keyword in unit.keywords { content.append(.element("Keyword", children: [element("KeywordContent", keyword)])) }
            if let start = unit.start { content.append(element("StartDate", start)) }
            if let end = unit.end { content.append(element("EndDate", end)) }
            return .element("ArchiveUnit", attributes: [("id", "AU-" + unit.id.uuidString.lowercased())], children: [.element("Content", children: content)]
                + unit.objects.map { .element("DataObjectReference", children: [element("DataObjectGroupReferenceId", "GOT-" + $0.id.uuidString.lowercased())]) })
        }
        return .element("ArchiveDeliveryRequestReply", attributes: [("xmlns", SEDAVersion.v22.namespace)], children: [
            element("Date", TransferReply.timestamp(date)),
            element("MessageIdentifier", "DIP-" + id.uuidString.lowercased()),
            .element("CodeListVersions"),
            .element("DataObjectPackage", children: groups + [.element("DescriptiveMetadata", children: described_units), .element("ManagementMetadata")]),
            element("ReplyCode", "OK"),
            element("MessageRequestIdentifier", "DIP-" + id.uuidString.lowercased()),
        ] + units.map { element("UnitIdentifier", $0.id.uuidString.lowercased()) } + [
            .element("ArchivalAgency", children: [element("Identifier", archivalAgency)]),
            .element("Requester", children: [element("Identifier", requester)]),
        ])
    }
}
