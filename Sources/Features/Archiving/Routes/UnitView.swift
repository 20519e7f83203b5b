import Foundation
import Web

/// What the unit page shows of a unit to a reader: everything if they may see it, else that it
/// exists, its level, dates, agency, rules and place in the tree (the other units' titles masked
/// alike), and when it opens.
struct UnitView {
    let unit: UnitStore.Unit
    let ancestors: [UnitStore.Node]
    let children: [UnitStore.Node]
    let rules: [UUID: ArchiveAccess.Rules]
    let reader: ArchiveReader
    let objects: [UnitStore.Object]
    let lifecycle: [ArchiveJournalEntry]

    func node(_ node: UnitStore.Node) -> [String: Any] {
        ["id": node.id.uuidString.lowercased(), "title": reader.title(node.title, rules[node.id]), "suffix": node.level.map { " (\($0))" } ?? ""]
    }

    /// A unit's title as a rule's origin ("héritée de …").
    func title(of id: UUID) -> String {
        ancestors.first { $0.id == id }.map { reader.title($0.title, rules[$0.id]) } ?? id.uuidString.lowercased()
    }

    var values: [String: Any] {
        let own = rules[unit.id] ?? .none
        let sees = reader.sees(own), communicable = reader.communicable(own)
        let id = unit.id.uuidString.lowercased()
        var values: [String: Any] = [
            "id": id, "heading": reader.title(unit.title, own), "sees": sees,
            "level": unit.level ?? "non indiqué", "sedaID": unit.sedaID, "agency": unit.agency ?? "non indiqué",
            "dates": [unit.start, unit.end].compactMap { $0 }.joined(separator: " – "),
            "transfer": unit.transfer.uuidString.lowercased(),
            "ancestors": ancestors.map(node), "hasAncestors": !ancestors.isEmpty,
            "children": children.map(node), "hasChildren": !children.isEmpty,
            "communicable": communicable, "closed": ArchiveReader.closed(own),
            "privilegedRead": !communicable && reader.privileged,
            "hold": unit.legalHold, "lifecycle": ArchiveViews.lifecycle(lifecycle),
        ]
        if values["dates"] as? String == "" { values["dates"] = "non indiquées" }
        if let eliminated = unit.eliminatedAt { values["eliminated"] = FrenchDate.long(eliminated) }
        if let held = own.hold, held != unit.id {
            values["inheritedHold"] = ["from": held.uuidString.lowercased(), "fromTitle": title(of: held)]
        }
        if let access = own.access {
            var rule = ArchiveViews.rule(access, inheritedTitle: access.inheritedFrom.map(title(of:)))
            rule["status"] = communicable ? "communicable" : ArchiveReader.closed(own)
            values["access"] = rule
        }
        if let appraisal = own.appraisal { values["appraisal"] = ArchiveViews.rule(appraisal, inheritedTitle: appraisal.inheritedFrom.map(title(of:))) }
        if sees {
            values["title"] = unit.title
            values["description"] = unit.description
            values["hasDescription"] = !unit.description.isEmpty
            values["keywords"] = unit.keywords.joined(separator: ", ")
            values["hasKeywords"] = !unit.keywords.isEmpty
            values["objects"] = objects.map { object in
                [
                    "name": object.fileName, "size": ByteCount.french(object.size), "sha512": object.sha512,
                    "format": object.mediaType + (object.formatID.map { " (\($0))" } ?? ""),
                    "href": "/archives/unites/\(id)/objets/\(object.id.uuidString.lowercased())",
                    "available": object.eliminatedAt == nil && object.documentID != nil && unit.eliminatedAt == nil,
                ] as [String: Any]
            }
            values["hasObjects"] = !objects.isEmpty
        }
        return values
    }
}
