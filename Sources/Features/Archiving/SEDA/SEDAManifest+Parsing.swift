import Foundation
import XML

extension SEDAManifest {
    /// Reads a parsed, schema-valid `ArchiveTransfer`. Element order and presence are the XSD's
    /// business; this only reads what the archive keeps (a missing optional element is nil).
    public init(_ root: XMLElement) throws(IngestRefusal) {
        guard root.name == "ArchiveTransfer", let version = SEDAVersion(namespace: root.namespace) else {
            throw IngestRefusal(.manifestVersion, "Le manifeste n'est pas un ArchiveTransfer SEDA 2.1, 2.2 ou 2.3 (élément « \(root.name) », espace de noms « \(root.namespace ?? "aucun") »).")
        }
        self.version = version
        messageIdentifier = root.child("MessageIdentifier")?.trimmedText ?? ""
        comment = root.child("Comment")?.trimmedText
        archivalAgreement = root.child("ArchivalAgreement")?.trimmedText
        archivalAgency = root[path: "ArchivalAgency", "Identifier"]?.trimmedText
        transferringAgency = root[path: "TransferringAgency", "Identifier"]?.trimmedText
        let package = root.child("DataObjectPackage")
        let management = package?.child("ManagementMetadata")
        originatingAgency = management?.child("OriginatingAgencyIdentifier")?.trimmedText
        submissionAgency = management?.child("SubmissionAgencyIdentifier")?.trimmedText
        var objects: [Object] = []
        var groups: [String: [String]] = [:]
        for element in package?.children ?? [] {
            switch element.name {
            case "BinaryDataObject":
                // SEDA 2.1: an object outside a group may name its group by reference.
                let group = element.child("DataObjectGroupReferenceId")?.trimmedText ?? element.child("DataObjectGroupId")?.trimmedText
                let object = Self.object(element, group: group)
                objects.append(object)
                if let group { groups[group, default: []].append(object.id) }
            case "DataObjectGroup":
                let group = element.attributes["id"] ?? ""
                for child in element.children(named: "BinaryDataObject") {
                    let object = Self.object(child, group: group)
                    objects.append(object)
                    groups[group, default: []].append(object.id)
                }
                if groups[group] == nil { groups[group] = [] }
            default: continue
            }
        }
        self.objects = objects
        self.groups = groups
        units = (package?.child("DescriptiveMetadata")?.children(named: "ArchiveUnit") ?? []).map(Self.unit)
    }

    static func object(_ element: XMLElement, group: String?) -> Object {
        let digest = element.child("MessageDigest")
        let format = element.child("FormatIdentification")
        return Object(
            id: element.attributes["id"] ?? "",
            groupID: group,
            uri: element.child("Uri")?.trimmedText ?? element.child("Attachment")?.attributes["filename"],
            digest: digest?.trimmedText ?? "",
            algorithm: digest?.attributes["algorithm"] ?? "",
            size: element.child("Size").flatMap { Int($0.trimmedText) },
            formatID: format?.child("FormatId")?.trimmedText,
            mimeType: format?.child("MimeType")?.trimmedText,
            fileName: element[path: "FileInfo", "Filename"]?.trimmedText,
            line: element.line
        )
    }

    static func unit(_ element: XMLElement) -> Unit {
        let content = element.child("Content")
        let management = element.child("Management")
        func rule(_ name: String) -> RuleReference? {
            guard let block = management?.child(name) else { return nil }
            return RuleReference(
                rule: block.child("Rule")?.trimmedText, startDate: block.child("StartDate")?.trimmedText,
                finalAction: block.child("FinalAction")?.trimmedText
            )
        }
        var references: [String] = []
        for reference in element.children(named: "DataObjectReference") {
            if let id = reference.child("DataObjectReferenceId")?.trimmedText { references.append(id) }
            if let id = reference.child("DataObjectGroupReferenceId")?.trimmedText { references.append(id) }
        }
        let title = content?.children(named: "Title").first?.trimmedText ?? ""
        let description = content?.children(named: "Description").first?.trimmedText ?? ""
        return Unit(
            id: element.attributes["id"] ?? "",
            title: title, description: description,
            level: content?.child("DescriptionLevel")?.trimmedText,
            startDate: content?.child("StartDate")?.trimmedText,
            endDate: content?.child("EndDate")?.trimmedText,
            originatingAgency: content?[path: "OriginatingAgency", "Identifier"]?.trimmedText,
            keywords: content?.children(named: "Keyword").compactMap { $0.child("KeywordContent")?.trimmedText } ?? [],
            appraisal: rule("AppraisalRule"), access: rule("AccessRule"),
            objectReferences: references,
            children: element.children(named: "ArchiveUnit").map(unit),
            line: element.line
        )
    }
}

extension XMLElement {
    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}
