/// Why a SIP is refused: a stable code (for partners and the reply's events) and a French
/// reason (for the archivist who reads the reply).
public struct IngestRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable, CaseIterable {
        case notZip = "zip.unreadable"
        case unsafePath = "zip.unsafe-path"
        case link = "zip.link"
        case tooManyEntries = "zip.too-many-entries"
        case tooLarge = "zip.too-large"
        case compressionRatio = "zip.compression-ratio"
        case missingManifest = "zip.no-manifest"
        case xmlUnsafe = "xml.unsafe"
        case xmlMalformed = "xml.malformed"
        case manifestVersion = "seda.version"
        case schema = "seda.schema"
        case duplicateID = "seda.duplicate-id"
        case unresolvedReference = "seda.unresolved-reference"
        case missingObject = "object.missing"
        case unlistedFile = "object.unlisted"
        case digestAlgorithm = "object.digest-algorithm"
        case digest = "object.digest"
        case size = "object.size"
        case format = "object.format"
        case agreement = "agreement.unknown"
        case agency = "agreement.agency"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The validation step it belongs to, as the reply's `Operation/Event` names it.
    public var step: String {
        switch code {
        case .notZip, .unsafePath, .link, .tooManyEntries, .tooLarge, .compressionRatio, .missingManifest: "CHECK_CONTAINER"
        case .xmlUnsafe, .xmlMalformed, .manifestVersion: "CHECK_MANIFEST"
        case .schema: "CHECK_SEDA"
        case .duplicateID, .unresolvedReference: "CHECK_MANIFEST_DATAOBJECT_REFERENCES"
        case .missingObject, .unlistedFile: "CHECK_OBJECTS_PRESENCE"
        case .digestAlgorithm, .digest: "CHECK_DIGEST"
        case .size: "CHECK_OBJECT_SIZE"
        case .format: "CHECK_FORMAT"
        case .agreement, .agency: "CHECK_CONTRACT"
        }
    }
}
