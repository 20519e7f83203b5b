import Foundation
import Postgres

/// Why migrating or provisioning stopped, with the schema or member and the file concerned.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    case invalidFileName(String)
    case duplicateVersion(version: Int, files: [String])
    case transactionControl(String)
    case checksumMismatch(schema: String, name: String, recorded: String, found: String)
    case missingFile(schema: String, version: Int, name: String)
    case failed(schema: String, migration: String, underlying: PostgresError)
    case tenantsFailed([(slug: String, error: any Error)])
    case tenantExists(String)
    case platformNotMigrated

    public var description: String {
        switch self {
        case .invalidFileName(let name):
            "migration file \(name) must be named NNNN_name.sql (four digits, from 0001)"
        case .duplicateVersion(let version, let files):
            "migration version \(version) is used twice: \(files.joined(separator: ", "))"
        case .transactionControl(let name):
            "\(name) opens or closes a transaction; each migration already runs in its own transaction"
        case .checksumMismatch(let schema, let name, let recorded, let found):
            "\(name) was edited after being applied to \(schema) (recorded checksum \(recorded.prefix(12))…, file now \(found.prefix(12))…); add a new migration instead of editing an applied one"
        case .missingFile(let schema, let version, let name):
            "\(schema) has migration \(String(format: "%04d", version)) (\(name)) applied, but the file is missing: is this an older release?"
        case .failed(let schema, let migration, let underlying):
            "\(migration) failed in \(schema): \(underlying)"
        case .tenantsFailed(let failures):
            "\(failures.count) member(s) could not be migrated: " + failures.map { "\($0.slug): \($0.error)" }.joined(separator: "; ")
        case .tenantExists(let slug):
            "member \(slug) already exists"
        case .platformNotMigrated:
            "the platform schema is not migrated: run `mutualis migrate` first"
        }
    }
}
