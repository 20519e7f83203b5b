import Foundation

/// What a module hands the archive when one of its events makes records final (a completed
/// parapheur folder): its files and description. The archive turns it into a SIP with the
/// member's archival profile for `documentType`; the two modules never import each other.
public struct ArchivableRecord: Sendable {
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var mimeType: String?

        public init(name: String, bytes: [UInt8], mimeType: String?) {
            self.name = name
            self.bytes = bytes
            self.mimeType = mimeType
        }
    }

    /// `<module>:<type>` as profiles name it (`parapheur:Arrêté/Voirie`).
    public var documentType: String
    /// Stable per record (the SIP's `MessageIdentifier`): `parapheur-<folder id>`.
    public var identifier: String
    public var title: String
    public var description: String
    public var keywords: [String]
    public var date: Date
    public var files: [File]

    public init(documentType: String, identifier: String, title: String, description: String, keywords: [String], date: Date, files: [File]) {
        self.documentType = documentType
        self.identifier = identifier
        self.title = title
        self.description = description
        self.keywords = keywords
        self.date = date
        self.files = files
    }
}
