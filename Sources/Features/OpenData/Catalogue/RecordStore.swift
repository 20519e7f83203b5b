import Foundation
import Postgres
import TenantStore

/// The rows of a produced dataset (field name → text as the CSV has it), in the order they came.
public struct RecordStore: Sendable {
    public let member: MemberStore

    public init(member: MemberStore) {
        self.member = member
    }

    public func count(_ datasetID: String) async throws -> Int {
        try await member.read("SELECT count(*) FROM opendata_records WHERE dataset_id = \(datasetID)").first?.decode(Int.self, at: 0) ?? 0
    }

    /// Every row, oldest first, as cells in `columns`' order (a missing field is empty). The
    /// cells are picked out by PostgreSQL: no JSON is parsed here.
    public func rows(_ datasetID: String, columns: [String]) async throws -> [[String]] {
        try await member.read("""
            SELECT ARRAY(SELECT coalesce(r.fields ->> c.name, '') FROM unnest(\(PostgresTextArray(columns))::text[]) WITH ORDINALITY AS c(name, n)
                         ORDER BY c.n)
            FROM opendata_records r WHERE r.dataset_id = \(datasetID) ORDER BY r.id
            """).map { row in try row.decode(PostgresTextArray.self, at: 0).nonNull() }
    }

    /// Adds one row; with an `origin_ref` (an event's id) a second delivery adds nothing.
    /// Returns whether a row was added.
    @discardableResult
    public func add(_ fields: [String: String], to datasetID: String, origin: String, reference: String? = nil,
                    on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO opendata_records (dataset_id, fields, origin, origin_ref)
            VALUES (\(datasetID), \(try PostgresJSON(encoding: fields)), \(origin), \(reference))
            ON CONFLICT (dataset_id, origin_ref) DO NOTHING RETURNING id
            """)
        return try rows.single() != nil
    }

    /// Replaces every row of a dataset (a validated CSV upload), in the caller's transaction.
    public func replace(_ datasetID: String, with rows: [[String: String]], on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM opendata_records WHERE dataset_id = \(datasetID)")
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            let slice = Array(rows[chunk..<min(chunk + 500, rows.count)])
            try await connection.query("""
                INSERT INTO opendata_records (dataset_id, fields, origin)
                SELECT \(datasetID), value, 'upload' FROM jsonb_array_elements(\(try PostgresJSON(encoding: slice))) WITH ORDINALITY AS r(value, n)
                ORDER BY n
                """)
        }
    }
}
