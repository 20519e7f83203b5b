import Cryptography
import Foundation
import XML
import ZIPFoundation

/// Writes SIPs: a `manifest.xml` (an `ArchiveTransfer` of the chosen SEDA version, valid against
/// its XSD) and the objects' files under `content/`, zipped. Used wherever the platform itself
/// archives (the archiving worker, demo content) so that nobody types a manifest.
public struct SIPBuilder: Sendable {
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var mimeType: String?

        public init(name: String, bytes: [UInt8], mimeType: String? = nil) {
            self.name = name
            self.bytes = bytes
            self.mimeType = mimeType
        }
    }

    public struct Unit: Sendable {
        public var title: String
        public var description: String
        public var level: String
        public var keywords: [String]
        public var startDate: String?
        public var endDate: String?
        /// (rule identifier, start date `AAAA-MM-JJ`, Keep or Destroy).
        public var appraisal: (rule: String, start: String, finalAction: String)?
        /// (rule identifier, start date): the unit's communicability delay.
        public var access: (rule: String, start: String)?
        public var files: [File]
        public var children: [Unit]

        public init(title: String, description: String = "", level: String = "Item", keywords: [String] = [], startDate: String? = nil,
                    endDate: String? = nil, appraisal: (rule: String, start: String, finalAction: String)? = nil,
                    access: (rule: String, start: String)? = nil, files: [File] = [], children: [Unit] = []) {
            self.access = access
            self.title = title
            self.description = description
            self.level = level
            self.keywords = keywords
            self.startDate = startDate
            self.endDate = endDate
            self.appraisal = appraisal
            self.files = files
            self.children = children
        }
    }

    public var version: SEDAVersion
    public var messageIdentifier: String
    public var comment: String?
    public var archivalAgreement: String
    public var archivalAgency: String
    public var transferringAgency: String
    public var originatingAgency: String
    public var submissionAgency: String?
    public var units: [Unit]

    public init(version: SEDAVersion = .v22, messageIdentifier: String, comment: String? = nil, archivalAgreement: String, archivalAgency: String,
                transferringAgency: String, originatingAgency: String, submissionAgency: String? = nil, units: [Unit]) {
        self.version = version
        self.messageIdentifier = messageIdentifier
        self.comment = comment
        self.archivalAgreement = archivalAgreement
        self.archivalAgency = archivalAgency
        self.transferringAgency = transferringAgency
        self.originatingAgency = originatingAgency
        self.submissionAgency = submissionAgency
        self.units = units
    }

    /// The manifest, and the files by their path in the SIP.
    public func manifest(date: Date = Date()) throws -> (XMLNode, [(String, [UInt8])]) {
        var groups: [XMLNode] = []
        var files: [(String, [UInt8])] = []
        var counter = 0
        func text(_ name: String, _ value: String) -> XMLNode { .element(name, children: [.text(value)]) }
        func unitNode(_ unit: Unit) throws -> XMLNode {
            counter += 1
            let unitID = "AU\(counter)"
            var references: [XMLNode] = []
            for file in unit.files {
                counter += 1
                let group = "GOT\(counter)", object = "BDO\(counter)"
                let path = "content/\(object)-" + Self.safeName(file.name)
                files.append((path, file.bytes))
                let digest = Hex.encode(try Digest.sha512(file.bytes))
                var format: [XMLNode] = []
                if let mime = file.mimeType { format.append(text("MimeType", mime)) }
                var object_: [XMLNode] = [text("DataObjectVersion", "BinaryMaster_1"), text("Uri", path),
                                          .element("MessageDigest", attributes: [("algorithm", "SHA-512")], children: [.text(digest)]),
                                          text("Size", "\(file.bytes.count)")]
                if !format.isEmpty { object_.append(.element("FormatIdentification", children: format)) }
                object_.append(.element("FileInfo", children: [text("Filename", file.name)]))
                groups.append(.element("DataObjectGroup", attributes: [("id", group)], children: [
                    .element("BinaryDataObject", attributes: [("id", object)], children: object_),
                ]))
                references.append(.element("DataObjectReference", children: [text("DataObjectGroupReferenceId", group)]))
            }
            var management: [XMLNode] = []
            if let appraisal = unit.appraisal {
                management.append(.element("AppraisalRule", children: [text("Rule", appraisal.rule), text("StartDate", appraisal.start), text("FinalAction", appraisal.finalAction)]))
            }
            if let access = unit.access {
                management.append(.element("AccessRule", children: [text("Rule", access.rule), text("StartDate", access.start)]))
            }
            var content: [XMLNode] = [text("DescriptionLevel", unit.level), text("Title", unit.title)]
            if !unit.description.isEmpty { content.append(text("Description", unit.description)) }
            for keyword in unit.keywords { content.append(.element("Keyword", children: [text("KeywordContent", keyword)])) }
            if let start = unit.startDate { content.append(text("StartDate", start)) }
            if let end = unit.endDate { content.append(text("EndDate", end)) }
            var children: [XMLNode] = []
            if !management.isEmpty { children.append(.element("Management", children: management)) }
            children.append(.element("Content", children: content))
            children += try unit.children.map(unitNode)
            children += references
            return .element("ArchiveUnit", attributes: [("id", unitID)], children: children)
        }
        let descriptive = try units.map(unitNode)
        var management: [XMLNode] = [text("OriginatingAgencyIdentifier", originatingAgency)]
        if let submissionAgency { management.append(text("SubmissionAgencyIdentifier", submissionAgency)) }
        var root: [XMLNode] = []
        if let comment { root.append(text("Comment", comment)) }
        root += [text("Date", TransferReply.timestamp(date)), text("MessageIdentifier", messageIdentifier), text("ArchivalAgreement", archivalAgreement),
                 .element("CodeListVersions"),
                 .element("DataObjectPackage", children: groups + [.element("DescriptiveMetadata", children: descriptive), .element("ManagementMetadata", children: management)]),
                 .element("ArchivalAgency", children: [text("Identifier", archivalAgency)]),
                 .element("TransferringAgency", children: [text("Identifier", transferringAgency)])]
        return (.element("ArchiveTransfer", attributes: [("xmlns", version.namespace)], children: root), files)
    }

    /// Writes the SIP (ZIP) at `url`.
    public func write(to url: URL, date: Date = Date()) throws {
        let (manifest, files) = try self.manifest(date: date)
        let archive = try ZIPFoundation.Archive(url: url, accessMode: .create)
        try Self.add(Array(manifest.serialized().utf8), path: "manifest.xml", to: archive)
        for (path, bytes) in files { try Self.add(bytes, path: path, to: archive) }
    }

    static func add(_ bytes: [UInt8], path: String, to archive: ZIPFoundation.Archive) throws {
        let data = Data(bytes)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
        }
    }

    static func safeName(_ name: String) -> String {
        let kept = name.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" || $0 == "_") ? Character($0) : "_" }
        return String(String(kept).prefix(100))
    }
}
