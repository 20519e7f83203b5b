import Cryptography
import Foundation
import HTTPTypes
import Logging
import Postgres
import Tenancy
import TenantStore
import Trust

/// The keys of a member's safes. Three levels: the install's KEK (`MUTUALIS_KEK_FILE`, never in
/// the database) → the member key of version n, derived from it (HMAC-SHA-256 over
/// `mutualis.safe.member-key|<slug>|v<n>`, never stored) → each citizen's random data key,
/// stored wrapped (AES-256-GCM) by the member key → the documents, encrypted by the data key.
/// Rotating the member key re-wraps the data keys: documents are not re-encrypted.
struct SafeKeyring: Sendable {
    let kek: KeyEncryptionKey
    let member: TenantSlug

    func memberKey(version: Int) throws -> [UInt8] {
        try kek.derivedKey(label: "mutualis.safe.member-key|\(member.rawValue)|v\(version)")
    }

    /// What binds a wrapped key to its citizen and version (a row copied onto another citizen's
    /// does not open).
    func keyContext(_ account: UUID, version: Int) -> [UInt8] {
        Array("mutualis.safe.data-key|\(member.rawValue)|\(account.uuidString.lowercased())|v\(version)".utf8)
    }

    /// What binds a document's ciphertext (and its encrypted name) to its safe and its id.
    static func documentContext(_ member: TenantSlug, account: UUID, document: UUID, part: String) -> [UInt8] {
        Array("mutualis.safe.\(part)|\(member.rawValue)|\(account.uuidString.lowercased())|\(document.uuidString.lowercased())".utf8)
    }

    func wrap(_ dataKey: [UInt8], account: UUID, version: Int) throws -> [UInt8] {
        try AESGCM.seal(dataKey, key: memberKey(version: version), associatedData: keyContext(account, version: version))
    }

    func unwrap(_ wrapped: [UInt8], account: UUID, version: Int) throws -> [UInt8] {
        do {
            return try AESGCM.open(wrapped, key: memberKey(version: version), associatedData: keyContext(account, version: version))
        } catch {
            throw SafeError.keyUnavailable(member: member.rawValue, account: account, reason: "the data key does not open with the member key v\(version)")
        }
    }

    /// The citizen's data key, made (and stored wrapped under the current member key) on first use.
    func dataKey(_ account: UUID, store: MemberStore) async throws -> [UInt8] {
        if let row = try await store.read("SELECT key_version, wrapped_key FROM safe_keys WHERE account_id = \(account)").first {
            return try unwrap(try row.decode([UInt8].self, at: 1), account: account, version: try row.decode(Int.self, at: 0))
        }
        let fresh = try SecureRandom.bytes(AESGCM.keyByteCount)
        try await store.transaction { connection in
            let version = try await connection.query("SELECT key_version FROM safe_settings").single()?.decode(Int.self, at: 0) ?? 1
            let wrapped = try wrap(fresh, account: account, version: version)
            try await connection.query("""
                INSERT INTO safe_keys (account_id, key_version, wrapped_key)
                VALUES (\(account), \(version), \(wrapped))
                ON CONFLICT (account_id) DO NOTHING
                """)
        }
        // Another request may have made it first: the stored one wins.
        return try await dataKey(account, store: store)
    }

    /// Moves the member to the next key version: every data key is unwrapped with its version and
    /// wrapped with the new one, in one transaction. Returns the new version and how many keys.
    func rotate(store: MemberStore) async throws -> (version: Int, rewrapped: Int) {
        try await store.transaction { connection in
            let current = try await connection.query("SELECT key_version FROM safe_settings FOR UPDATE").single()?.decode(Int.self, at: 0) ?? 1
            let next = current + 1
            let rows = try await connection.query("SELECT account_id, key_version, wrapped_key FROM safe_keys ORDER BY account_id FOR UPDATE")
                .map { (try $0.decode(UUID.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode([UInt8].self, at: 2)) }
            for (account, version, wrapped) in rows {
                let rewrapped = try wrap(try unwrap(wrapped, account: account, version: version), account: account, version: next)
                try await connection.query("""
                    UPDATE safe_keys SET key_version = \(next), wrapped_key = \(rewrapped), rewrapped_at = now()
                    WHERE account_id = \(account)
                    """)
                try await SafeStore.journal("rotate", account: account, by: nil, detail: "clé de la commune v\(version) → v\(next) (documents inchangés)",
                                            on: connection)
            }
            try await connection.query("UPDATE safe_settings SET key_version = \(next), rotated_at = now()")
            return (next, rows.count)
        }
    }
}
