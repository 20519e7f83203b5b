import Blobs
import Foundation
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore

/// Re-hashes a member's archived objects in both storage locations, oldest check first; repairs
/// a damaged or missing copy from an intact one (the repaired bytes are hashed again before
/// they replace anything); journals each result in the member's audit journal.
public struct IntegrityChecker: Sendable {
    public let member: MemberStore
    public let copies: ArchiveCopies
    public let logger: Logger

    public init(member: MemberStore, copies: ArchiveCopies, logger: Logger) {
        self.member = member
        self.copies = copies
        self.logger = logger
    }

    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Outcome: String, Sendable { case intact, repaired, damaged }
        public var object: UUID
        public var fileName: String
        public var outcome: Outcome
        /// The locations whose copy did not match (before any repair).
        public var locations: [String]

        public var description: String {
            "object \(object.uuidString.lowercased()) (\(fileName)): \(outcome.rawValue)" + (locations.isEmpty ? "" : " — \(locations.joined(separator: ", ")) copy")
        }
    }

    /// How many objects a daily run checks so that each is checked at least once per `days`.
    public func dailyBatch(periodDays days: Int) async throws -> Int {
        let total = try await member.read("SELECT count(*) FROM archive_objects WHERE eliminated_at IS NULL").first?.decode(Int.self, at: 0) ?? 0
        return max(1, (total + days - 1) / max(days, 1))
    }

    /// Checks the `limit` objects checked longest ago (every object when nil). `repair`: rewrite a
    /// damaged copy from an intact one; `record`: journal results and update the objects' rows.
    public func run(limit: Int?, repair: Bool, record: Bool = true) async throws -> [Finding] {
        let rows = try await member.read("""
            SELECT id, sha256, sha512, file_name FROM archive_objects WHERE eliminated_at IS NULL ORDER BY checked_at, id LIMIT \(limit ?? Int(Int32.max))
            """).map { (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(String.self, at: 2), try $0.decode(String.self, at: 3)) }
        var findings: [Finding] = []
        for (id, sha256, sha512, fileName) in rows {
            guard let key = BlobKey(sha256) else { continue }
            let damaged = try await copies.verify(key, sha512: sha512, member: member.slug)
            var outcome: Finding.Outcome = damaged.isEmpty ? .intact : .damaged
            if repair, damaged.count == 1 {
                let (source, target) = damaged[0] == "first" ? (copies.second, copies.first) : (copies.first, copies.second)
                if try await Self.repair(key, sha512: sha512, from: source, to: target, member: member.slug) { outcome = .repaired }
            }
            let finding = Finding(object: id, fileName: fileName, outcome: outcome, locations: damaged)
            findings.append(finding)
            if outcome != .intact { logger.warning("archive integrity", metadata: ["tenant": "\(member.slug)", "finding": "\(finding)"]) }
            if record { try await journal(finding) }
        }
        return findings
    }

    /// Copies the intact bytes over the damaged copy, if they still hash right.
    static func repair(_ key: BlobKey, sha512: String, from source: any BlobStore, to target: any BlobStore, member: TenantSlug) async throws -> Bool {
        let content = try await source.read(member: member, key: key, range: nil)
        let staged = try await target.stage(member: member, from: content.chunks, limit: content.totalSize)
        guard staged.sha512 == sha512, staged.key == key else {
            await target.discard(staged)
            return false
        }
        try await target.commit(staged)
        return true
    }

    func journal(_ finding: Finding) async throws {
        try await member.transaction { connection in
            if finding.outcome == .intact {
                try await connection.query("UPDATE archive_objects SET checked_at = now() WHERE id = \(finding.object)")
            } else {
                try await connection.query("""
                    UPDATE archive_objects SET checked_at = now(), integrity = \(finding.outcome.rawValue) WHERE id = \(finding.object)
                    """)
            }
            try await AuditJournal.append(AuditEntry(
                actorKind: "system", actorLabel: "contrôle d'intégrité des archives", action: "archive.object.check",
                objectType: "archive_object", objectID: finding.object.uuidString.lowercased(),
                outcome: finding.outcome == .damaged ? .failure : .success,
                details: ["result": finding.outcome.rawValue, "locations": finding.locations.joined(separator: ",")]
            ), scope: .tenant, on: connection)
        }
    }
}
