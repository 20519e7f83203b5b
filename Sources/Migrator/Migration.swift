import Cryptography
import Foundation

/// One SQL file of `Migrations/platform` or `Migrations/tenant`: `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    /// The file name, e.g. `0001_news.sql`.
    public let name: String
    public let sql: String
    /// SHA-256 of the file, recorded when applied; an edited applied file is refused.
    public let checksum: String

    public init(version: Int, name: String, sql: String) throws {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Hex.encode(try Digest.sha256(Array(sql.utf8)))
    }
}

/// The ordered migrations of one folder.
public struct MigrationSet: Sendable {
    public let migrations: [Migration]

    public init(_ migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(version: next.version, files: [previous.name, next.name])
        }
        self.migrations = sorted
    }

    public static func load(directory: URL) throws -> MigrationSet {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
        return try MigrationSet(files.map { file in
            let name = file.lastPathComponent
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            guard digits.count == 4, let version = Int(digits), version > 0,
                  name.dropFirst(4).first == "_", name.count > 9
            else { throw MigrationError.invalidFileName(name) }
            let sql = try String(contentsOf: file, encoding: .utf8)
            if Self.containsTransactionControl(sql) { throw MigrationError.transactionControl(name) }
            return try Migration(version: version, name: name, sql: sql)
        })
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Each migration runs in a transaction of the migrator's: a file must not open or close
    /// its own. Looks for statements alone on their line (`BEGIN;`, `COMMIT;`…); PL/pgSQL
    /// blocks (`BEGIN` without a semicolon, `END;`) are fine.
    static func containsTransactionControl(_ sql: String) -> Bool {
        let forbidden: Set<String> = [
            "BEGIN", "BEGIN TRANSACTION", "BEGIN WORK", "START TRANSACTION",
            "COMMIT", "COMMIT TRANSACTION", "COMMIT WORK", "ROLLBACK", "ROLLBACK TRANSACTION", "ROLLBACK WORK",
        ]
        return sql.split(separator: "\n").contains { line in
            var statement = line.trimmingCharacters(in: .whitespaces).uppercased()
            guard statement.hasSuffix(";") else { return false }
            statement.removeLast()
            let words = statement.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return forbidden.contains(words)
        }
    }

    /// The migrations still to apply to a schema whose ledger holds `applied`, after checking
    /// that every applied one is unchanged and still present.
    public func pending(applied: [AppliedMigration], schema: String) throws -> [Migration] {
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for record in applied {
            guard let file = byVersion[record.version] else {
                throw MigrationError.missingFile(schema: schema, version: record.version, name: record.name)
            }
            guard file.checksum == record.checksum else {
                throw MigrationError.checksumMismatch(schema: schema, name: file.name, recorded: record.checksum, found: file.checksum)
            }
        }
        let done = Set(applied.map(\.version))
        return migrations.filter { !done.contains($0.version) }
    }
}

/// A row of `platform.schema_migrations`.
public struct AppliedMigration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var checksum: String

    public init(version: Int, name: String, checksum: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
    }
}

/// Both folders of `Migrations/`.
public struct MigrationCatalog: Sendable {
    public let platform: MigrationSet
    public let tenant: MigrationSet

    public init(platform: MigrationSet, tenant: MigrationSet) {
        self.platform = platform
        self.tenant = tenant
    }

    public static func load(root: URL) throws -> MigrationCatalog {
        MigrationCatalog(
            platform: try .load(directory: root.appendingPathComponent("platform")),
            tenant: try .load(directory: root.appendingPathComponent("tenant"))
        )
    }
}
