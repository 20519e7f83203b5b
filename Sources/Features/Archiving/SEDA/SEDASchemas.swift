import Foundation
import Synchronization
import XML

/// The SEDA XSDs, compiled once per version on first use and shared by every validation.
/// `directory` holds `seda-2.1/`, `seda-2.2/` and `seda-2.3/` (the install's copy of the
/// specifications, `MUTUALIS_SPECS_DIR`). Without them, nothing is accepted unvalidated: the
/// ingest answers that validation is unavailable.
public final class SEDASchemas: Sendable {
    public let directory: URL
    private let compiled = Mutex<[SEDAVersion: XMLSchema]>([:])

    public init(directory: URL) {
        self.directory = directory
    }

    public func path(_ version: SEDAVersion) -> String {
        directory.appendingPathComponent(version.schemaFolder).appendingPathComponent(version.mainSchema).path
    }

    public func schema(_ version: SEDAVersion) throws -> XMLSchema {
        if let schema = compiled.withLock({ $0[version] }) { return schema }
        guard FileManager.default.fileExists(atPath: path(version)) else {
            throw ArchiveError.unavailable("the SEDA \(version.rawValue) schema is not at \(path(version)) (MUTUALIS_SPECS_DIR)")
        }
        let schema: XMLSchema
        do { schema = try XMLSchema(contentsOf: path(version)) } catch {
            throw ArchiveError.unavailable("the SEDA \(version.rawValue) schema at \(path(version)) does not load: \(error)")
        }
        compiled.withLock { $0[version] = schema }
        return schema
    }

    /// Validates a document against its version's schema: the issues, empty when valid.
    public func validate(_ document: XMLDocument, version: SEDAVersion) throws -> [XMLIssue] {
        try schema(version).validate(document)
    }
}
