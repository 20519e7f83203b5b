import Postgres

/// `platform.schema_migrations`: which migration was applied to which schema, with its checksum.
enum MigrationLedger {
    /// The lock every migration runner and provisioning run takes (one at a time per database).
    static let advisoryLockKey = 7_346_105_042_017

    static let bootstrap = """
        CREATE SCHEMA IF NOT EXISTS platform;
        CREATE TABLE IF NOT EXISTS platform.schema_migrations (
            schema_name text NOT NULL,
            version     integer NOT NULL CHECK (version > 0),
            name        text NOT NULL,
            checksum    text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
            applied_at  timestamptz NOT NULL DEFAULT now(),
            duration_ms integer NOT NULL DEFAULT 0,
            PRIMARY KEY (schema_name, version)
        );
        """

    static func applied(schema: String, on connection: PostgresConnection) async throws -> [AppliedMigration] {
        let rows = try await connection.query(
            "SELECT version, name, checksum FROM platform.schema_migrations WHERE schema_name = \(schema) ORDER BY version"
        )
        return try rows.map { row in
            let (version, name, checksum) = try row.decode((Int, String, String).self)
            return AppliedMigration(version: version, name: name, checksum: checksum)
        }
    }

    /// Runs one migration's SQL and records it, on a connection already in the transaction.
    static func apply(_ migration: Migration, schema: String, on connection: PostgresConnection) async throws {
        let started = ContinuousClock.now
        do {
            try await connection.executeScript(unsafeSQL: migration.sql)
        } catch let error as PostgresError {
            throw MigrationError.failed(schema: schema, migration: migration.name, underlying: error)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        try await connection.query("""
            INSERT INTO platform.schema_migrations (schema_name, version, name, checksum, duration_ms)
            VALUES (\(schema), \(migration.version), \(migration.name), \(migration.checksum), \(milliseconds))
            """)
    }

    /// Whether the platform schema has been created and migrated at least once.
    static func platformExists(on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("SELECT to_regclass('platform.tenants') IS NOT NULL")
        return try rows.single()?.decode(Bool.self, at: 0) ?? false
    }
}
