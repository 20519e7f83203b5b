/// What the archive reads of an `ArchiveTransfer` manifest: the message, the agencies and
/// agreement, the binary objects and the tree of archive units.
public struct SEDAManifest: Sendable, Equatable {
    public var version: SEDAVersion
    public var messageIdentifier: String
    public var comment: String?
    public var archivalAgreement: String?
    public var archivalAgency: String?
    public var transferringAgency: String?
    /// `ManagementMetadata/OriginatingAgencyIdentifier`.
    public var originatingAgency: String?
    public var submissionAgency: String?
    public var objects: [Object]
    /// `DataObjectGroup` id → the ids of its objects.
    public var groups: [String: [String]]
    /// The root units (their children nested).
    public var units: [Unit]

    public struct Object: Sendable, Equatable {
        public var id: String
        public var groupID: String?
        /// The path of its bytes in the SIP (`Uri`, or `Attachment/@filename`).
        public var uri: String?
        public var digest: String
        public var algorithm: String
        public var size: Int?
        public var formatID: String?
        public var mimeType: String?
        public var fileName: String?
        public var line: Int
    }

    public struct RuleReference: Sendable, Equatable {
        public var rule: String?
        public var startDate: String?
        public var finalAction: String?
    }

    public struct Unit: Sendable, Equatable {
        public var id: String
        public var title: String
        public var description: String
        public var level: String?
        public var startDate: String?
        public var endDate: String?
        public var originatingAgency: String?
        public var keywords: [String]
        public var appraisal: RuleReference?
        public var access: RuleReference?
        /// `DataObjectReferenceId` and `DataObjectGroupReferenceId` values.
        public var objectReferences: [String]
        public var children: [Unit]
        public var line: Int
    }

    /// Every unit, depth first, with its parent's id.
    public var flattenedUnits: [(unit: Unit, parent: String?)] {
        var result: [(Unit, String?)] = []
        func visit(_ unit: Unit, parent: String?) {
            result.append((unit, parent))
            for child in unit.children { visit(child, parent: unit.id) }
        }
        for unit in units { visit(unit, parent: nil) }
        return result
    }

    /// The objects a unit reference designates (an object id, or a group's objects).
    public func objects(for reference: String) -> [Object] {
        if let members = groups[reference] { return objects.filter { members.contains($0.id) } }
        return objects.filter { $0.id == reference }
    }
}
