import Cryptography
import Foundation
import Postgres
import Tenancy
import TenantStore
import Trust

/// Secures a member's journal day by day (Merkle root + RFC 3161 token) and checks it: a day's
/// root recomputed from its entries, the token over that root, an entry's audit path.
public struct JournalSeals: Sendable {
    public let member: MemberStore
    public let trust: TrustServices

    public init(member: MemberStore, trust: TrustServices) {
        self.member = member
        self.trust = trust
    }

    /// The entries of a UTC day: (id, chained hash), in order.
    func entries(of day: String) async throws -> [(Int, [UInt8])] {
        try await member.read("""
            SELECT id, hash FROM audit_journal WHERE (occurred_at AT TIME ZONE 'UTC')::date = \(day)::date ORDER BY id
            """).map { (try $0.decode(Int.self, at: 0), try $0.decode([UInt8].self, at: 1)) }
    }

    /// Seals `day` (`AAAA-MM-JJ`, UTC) if it has entries and no seal yet; returns whether it did.
    @discardableResult
    public func seal(day: String) async throws -> Bool {
        guard try await member.read("SELECT 1 FROM archive_journal_seals WHERE day = \(day)::date").first == nil else { return false }
        let entries = try await entries(of: day)
        guard let root = MerkleTree.root(entries.map { MerkleTree.leafHash($0.1) }), let first = entries.first, let last = entries.last else { return false }
        let token = try await trust.timestamp(digest: root)
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO archive_journal_seals (day, entries, first_id, last_id, root, token)
                VALUES (\(day)::date, \(entries.count), \(first.0), \(last.0), \(root), \(token)) ON CONFLICT DO NOTHING
                """)
        }
        return true
    }

    /// Seals every past day (up to `days` back) that has entries and no seal.
    public func sealPastDays(_ days: Int = 31, today: Date = Date()) async throws -> Int {
        var sealed = 0
        for back in 1...max(days, 1) {
            let day = String(ISO8601DateFormatter().string(from: today.addingTimeInterval(-Double(back) * 86_400)).prefix(10))
            if try await seal(day: day) { sealed += 1 }
        }
        return sealed
    }

    /// Each sealed day: its root recomputed from the journal, its token verified against the
    /// member's trust store. The problems found (empty: all intact).
    public func verify() async throws -> [String] {
        var problems: [String] = []
        for row in try await member.read("SELECT day::text, entries, root, token FROM archive_journal_seals ORDER BY day") {
            let day = try row.decode(String.self, at: 0), count = try row.decode(Int.self, at: 1)
            let root = try row.decode([UInt8].self, at: 2), token = try row.decode([UInt8].self, at: 3)
            let entries = try await entries(of: day)
            if entries.count != count {
                problems.append("journal seal of \(day): \(count) entries sealed, \(entries.count) now (an entry was added or removed)")
            } else if MerkleTree.root(entries.map { MerkleTree.leafHash($0.1) }) != root {
                problems.append("journal seal of \(day): the entries no longer give the sealed Merkle root (an entry was altered)")
            }
            do {
                _ = try TimestampToken.verify(token, digest: root, trust: try trust.trustStore(member: member.slug.rawValue))
            } catch {
                problems.append("journal seal of \(day): its timestamp does not verify (\(error))")
            }
        }
        return problems
    }

    public struct Proof: Sendable, Equatable {
        public var entry: Int
        public var day: String
        public var index: Int
        public var count: Int
        public var path: [[UInt8]]
        public var root: [UInt8]
        public var valid: Bool
    }

    /// The audit path of an entry of a sealed day, and whether it leads to the sealed root.
    public func proof(entry id: Int) async throws -> Proof? {
        guard let row = try await member.read("""
            SELECT (occurred_at AT TIME ZONE 'UTC')::date::text, hash FROM audit_journal WHERE id = \(id)
            """).first else { return nil }
        let day = try row.decode(String.self, at: 0), hash = try row.decode([UInt8].self, at: 1)
        guard let seal = try await member.read("SELECT root FROM archive_journal_seals WHERE day = \(day)::date").first else { return nil }
        let root = try seal.decode([UInt8].self, at: 0)
        let entries = try await entries(of: day)
        guard let index = entries.firstIndex(where: { $0.0 == id }) else { return nil }
        let leaves = entries.map { MerkleTree.leafHash($0.1) }
        let path = MerkleTree.path(index, in: leaves)
        let valid = MerkleTree.verify(leaf: MerkleTree.leafHash(hash), index: index, count: leaves.count, path: path, root: root)
        return Proof(entry: id, day: day, index: index, count: leaves.count, path: path, root: root, valid: valid)
    }
}
