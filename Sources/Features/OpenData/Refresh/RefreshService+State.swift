import Foundation
import Postgres
import TenantStore

/// The refresh's row in `opendata_refreshes`: what the agents' page and the terminal show.
extension RefreshService {
    /// Queued (a job is on its way) or running.
    func mark(_ datasetID: String, member: MemberStore, state: String, by actor: String) async throws {
        try await member.transaction { connection in
            try await Self.mark(datasetID, state: state, by: actor, on: connection)
        }
    }

    static func mark(_ datasetID: String, state: String, by actor: String, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO opendata_refreshes (dataset_id, state, requested_by, queued_at, started_at)
            VALUES (\(datasetID), \(state), \(actor), now(), CASE WHEN \(state) = 'running' THEN now() END)
            ON CONFLICT (dataset_id) DO UPDATE SET state = EXCLUDED.state, requested_by = EXCLUDED.requested_by,
                queued_at = CASE WHEN EXCLUDED.state = 'queued' THEN now() ELSE opendata_refreshes.queued_at END,
                started_at = CASE WHEN EXCLUDED.state = 'running' THEN now() ELSE opendata_refreshes.started_at END,
                rows_done = 0, outcome = CASE WHEN EXCLUDED.state = 'running' THEN NULL ELSE opendata_refreshes.outcome END
            """)
    }

    func progress(_ datasetID: String, member: MemberStore, done: Int, total: Int) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                UPDATE opendata_refreshes SET rows_done = \(done), rows_total = \(total) WHERE dataset_id = \(datasetID)
                """)
        }
    }

    func finish(_ datasetID: String, member: MemberStore, outcome: RefreshOutcome.Kind, message: String?, rows: Int,
                sourceHash: String? = nil) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                UPDATE opendata_refreshes SET state = \(outcome == .failed ? "failed" : "done"), outcome = \(outcome.rawValue),
                    message = \(message), rows_done = \(rows), rows_total = \(rows), finished_at = now(),
                    source_hash = \(outcome == .failed ? nil : sourceHash),
                    last_success = CASE WHEN \(outcome.rawValue) = 'failed' THEN last_success ELSE now() END
                WHERE dataset_id = \(datasetID)
                """)
        }
    }
}

extension RefreshService {
    /// What the produced files of a dataset of records depend on: the rows (PostgreSQL's
    /// canonical `jsonb` text, in order; MD5 as a change detector, not a seal), the schema and
    /// its version, and the producer's own version (bumped when the files' form changes). nil
    /// for a catalogue (made from the catalogue itself, always regenerated: it is small).
    static let producerVersion = "1"

    func sourceFingerprint(_ dataset: Dataset, schema: SCDLSchema, member: MemberStore) async throws -> String? {
        guard dataset.source == .records else { return nil }
        guard let row = try await member.read("""
            SELECT count(*)::int, coalesce(md5(string_agg(fields::text, E'\\n' ORDER BY id)), '')
            FROM opendata_records WHERE dataset_id = \(dataset.id)
            """).first else { return nil }
        let (count, digest) = try row.decode((Int, String).self)
        return "\(Self.producerVersion)|\(schema.name)@\(schema.version)|\(count)|\(digest)"
    }

    /// The row count, if the last refresh ended well from the same source and its CSV is still
    /// published; nil otherwise (the files must be made).
    func unchangedSince(_ fingerprint: String, datasetID: String, member: MemberStore) async throws -> Int? {
        try await member.read("""
            SELECT r.rows_total FROM opendata_refreshes r
            WHERE r.dataset_id = \(datasetID) AND r.source_hash = \(fingerprint) AND r.outcome IN ('published', 'unchanged')
              AND EXISTS (SELECT 1 FROM opendata_versions v WHERE v.dataset_id = r.dataset_id AND v.resource_id = 'csv')
            """).first?.decode(Int.self, at: 0)
    }
}

/// A dataset's last refresh, as shown to agents and operators.
public struct RefreshStatus: Sendable {
    public var datasetID: String
    public var state: String
    public var outcome: String?
    public var message: String?
    public var rowsDone: Int
    public var rowsTotal: Int
    public var requestedBy: String?
    public var startedAt: Date?
    public var finishedAt: Date?
    public var lastSuccess: Date?

    static func all(_ member: MemberStore) async throws -> [String: RefreshStatus] {
        let rows = try await member.read("""
            SELECT dataset_id, state, outcome, message, rows_done, rows_total, requested_by, started_at, finished_at, last_success
            FROM opendata_refreshes
            """)
        var statuses: [String: RefreshStatus] = [:]
        for row in rows {
            let status = RefreshStatus(
                datasetID: try row.decode(String.self, at: 0), state: try row.decode(String.self, at: 1),
                outcome: try row.decode(String?.self, at: 2), message: try row.decode(String?.self, at: 3),
                rowsDone: try row.decode(Int.self, at: 4), rowsTotal: try row.decode(Int.self, at: 5),
                requestedBy: try row.decode(String?.self, at: 6), startedAt: try row.decode(Date?.self, at: 7),
                finishedAt: try row.decode(Date?.self, at: 8), lastSuccess: try row.decode(Date?.self, at: 9)
            )
            statuses[status.datasetID] = status
        }
        return statuses
    }
}
