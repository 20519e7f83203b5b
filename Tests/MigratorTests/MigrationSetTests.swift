import Foundation
import Migrator
import TestSupport
import Testing

@Suite("Migration files and plans (pure)")
struct MigrationSetTests {
    func set(_ files: [String: String]) throws -> MigrationSet {
        let directory = try Fixtures.temporaryDirectory()
        for (name, sql) in files { try sql.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return try MigrationSet.load(directory: directory)
    }

    @Test("files load in version order with their checksums")
    func ordering() throws {
        let migrations = try set(["0002_b.sql": "SELECT 2;", "0001_a.sql": "SELECT 1;", "README.md": "ignored"])
        #expect(migrations.migrations.map(\.name) == ["0001_a.sql", "0002_b.sql"])
        #expect(migrations.latestVersion == 2)
        #expect(migrations.migrations[0].checksum.count == 64)
    }

    @Test("bad names, duplicate versions and transaction control are refused", arguments: [
        ["1_a.sql": "SELECT 1;"], ["0000_zero.sql": "SELECT 1;"], ["0001.sql": "SELECT 1;"],
        ["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 1;"],
        ["0001_a.sql": "BEGIN;\nCREATE TABLE t (x int);\nCOMMIT;"],
        ["0001_a.sql": "create table t (x int);\n  commit ;"],
    ])
    func refused(_ files: [String: String]) {
        #expect(throws: MigrationError.self) { try set(files) }
    }

    @Test("PL/pgSQL blocks are not mistaken for transaction control")
    func plpgsql() throws {
        let migrations = try set(["0001_a.sql": "DO $$\nBEGIN\n  IF true THEN\n    PERFORM 1;\n  END IF;\nEND;\n$$;"])
        #expect(migrations.migrations.count == 1)
    }

    @Test("pending skips applied migrations and refuses edited or vanished ones")
    func pending() throws {
        let migrations = try set(["0001_a.sql": "SELECT 1;", "0002_b.sql": "SELECT 2;", "0003_c.sql": "SELECT 3;"])
        let first = migrations.migrations[0]
        let applied = [AppliedMigration(version: 1, name: first.name, checksum: first.checksum)]
        #expect(try migrations.pending(applied: applied, schema: "s").map(\.version) == [2, 3])
        #expect(try migrations.pending(applied: [], schema: "s").count == 3)

        let edited = [AppliedMigration(version: 1, name: first.name, checksum: String(repeating: "0", count: 64))]
        let error = #expect(throws: MigrationError.self) { try migrations.pending(applied: edited, schema: "tenant_amiens") }
        #expect(error?.description.contains("0001_a.sql was edited after being applied to tenant_amiens") == true)

        let vanished = applied + [AppliedMigration(version: 9, name: "0009_gone.sql", checksum: first.checksum)]
        let missing = #expect(throws: MigrationError.self) { try migrations.pending(applied: vanished, schema: "s") }
        #expect(missing?.description.contains("0009") == true)
    }
}
