import Blobs
import Cryptography
import Foundation
import HTTPTypes
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore
import Web

/// One citizen's safe: the NF Z42-020 functions (deposit, read, delete, list, count, metadata,
/// integrity, journal), each journaled. Plaintext exists only in memory: the ciphertext goes
/// to the blob store, the metadata (name encrypted) to the member's schema.
struct CitizenSafe: Sendable {
    let services: SafeServices
    let member: MemberStore
    let account: UUID
    /// nil: the platform itself (demo content, the purge).
    let principal: Principal?

    var store: SafeStore { SafeStore(member: member) }
    var documents: DocumentStore { DocumentStore(member: member, blobs: services.blobs) }
    func keyring() throws -> SafeKeyring { try services.keyring(member.slug) }
    func dataKey() async throws -> [UInt8] { try await keyring().dataKey(account, store: member) }

    func context(_ id: UUID, _ part: String) -> [UInt8] {
        SafeKeyring.documentContext(member.slug, account: account, document: id, part: part)
    }

    func nameDecrypter(_ key: [UInt8]) -> SafeStore.NameDecrypter {
        { id, encrypted in
            (try? AESGCM.open(encrypted, key: key, associatedData: context(id, "name"))).map { String(decoding: $0, as: UTF8.self) } ?? "(nom illisible)"
        }
    }

    func usage() async throws -> SafeUsage { try await store.usage(of: account, defaultQuota: SafeServices.defaultQuota) }

    /// The largest document this citizen may deposit now.
    func depositLimit() async throws -> Int { min(services.uploadLimit, try await usage().remaining) }

    static func overQuota(_ usage: SafeUsage, adding size: Int) -> WebError {
        WebError(.contentTooLarge, kind: "safe-quota-exceeded", title: "Espace du coffre-fort insuffisant",
                 detail: "Ce document (\(ByteCount.french(size))) dépasse l'espace qui vous reste : \(ByteCount.french(usage.remaining)) sur \(ByteCount.french(usage.quota)).",
                 extensions: ["quota": String(usage.quota), "used": String(usage.bytes)], headers: [.connection: "close"])
    }

    /// Encrypts and stores a document; 413 over the quota (checked again under the safe's lock).
    func deposit(_ bytes: [UInt8], fileName: String?) async throws -> SafeDocument {
        guard !bytes.isEmpty else { throw WebError.badRequest("Le fichier envoyé est vide.") }
        let before = try await usage()
        guard bytes.count <= before.remaining else { throw Self.overQuota(before, adding: bytes.count) }
        let key = try await dataKey()
        let id = UUID()
        let media = SafeMedia.type(of: bytes)
        let name = DocumentName.sanitized(fileName, fallbackExtension: MediaType(rawValue: media)?.fileExtension ?? "bin")
        let sha256 = Hex.encode(try Digest.sha256(bytes))
        let box = try AESGCM.seal(bytes, key: key, associatedData: context(id, "content"))
        let encryptedName = try AESGCM.seal(Array(name.utf8), key: key, associatedData: context(id, "name"))
        let staged = try await services.blobs.stage(member: member.slug, from: MemoryBytes(box), limit: box.count)
        let principal = principal
        var deposited = SafeDocument(
            id: id, account: account, documentID: UUID(), fileName: name, mediaType: media, size: bytes.count, sha256: sha256,
            depositedByKind: principal?.kind.rawValue ?? "system", depositedBy: principal?.id, depositedByLabel: principal?.label ?? "Mutualis",
            depositedAt: Date(), verifiedAt: nil, verification: nil)
        _ = try await documents.add(staged, fileName: "coffre-\(id.uuidString.lowercased()).bin",
                                    by: DocumentAuthor(kind: "safe", id: nil, label: nil), holder: SafeDocument.holder(id)) { connection, document in
            // One deposit at a time per safe: the quota holds under concurrency.
            try await connection.query("SELECT 1 FROM safe_keys WHERE account_id = \(account) FOR UPDATE")
            let used = try await connection.query("SELECT coalesce(sum(size), 0)::bigint FROM safe_documents WHERE account_id = \(account)")
                .single()?.decode(Int.self, at: 0) ?? 0
            guard used + bytes.count <= before.quota else {
                throw Self.overQuota(SafeUsage(documents: before.documents, bytes: used, quota: before.quota), adding: bytes.count)
            }
            deposited.documentID = document.id
            try await connection.query("""
                INSERT INTO safe_documents (id, account_id, document_id, encrypted_name, media_type, size, sha256,
                                            deposited_by_kind, deposited_by, deposited_by_label, deposited_at)
                VALUES (\(id), \(account), \(document.id), \(encryptedName), \(media), \(Int64(bytes.count)), \(sha256),
                        \(deposited.depositedByKind), \(deposited.depositedBy), \(deposited.depositedByLabel), \(deposited.depositedAt))
                """)
            try await SafeStore.journal("deposit", account: account, by: principal, document: id, sha256: sha256,
                                        detail: "\(bytes.count) octets, \(media)", on: connection)
        }
        return deposited
    }

    func list(limit: Int, before: Date? = nil) async throws -> [SafeDocument] {
        let found = try await store.documents(of: account, limit: limit, before: before, name: nameDecrypter(try await dataKey()))
        try await store.journal("list", account: account, by: principal, detail: "\(found.count) document(s)")
        return found
    }

    /// The document's metadata (404 if it is not one of this citizen's).
    func metadata(_ id: UUID, journaling: Bool = true) async throws -> SafeDocument {
        guard let document = try await store.document(id, of: account, name: nameDecrypter(try await dataKey())) else {
            throw WebError.notFound("Aucun document de ce numéro dans votre coffre-fort.")
        }
        if journaling { try await store.journal("metadata", account: account, by: principal, document: id, sha256: document.sha256) }
        return document
    }

    /// The plaintext, checked (GCM tag, then SHA-256): an altered document is a 409, never served.
    func read(_ id: UUID) async throws -> (SafeDocument, [UInt8]) {
        let document = try await metadata(id, journaling: false)
        switch try await open(document, thorough: false) {
        case .intact(let bytes):
            try await store.journal("read", account: account, by: principal, document: id, sha256: document.sha256)
            return (document, bytes)
        case .altered(let reason):
            try await record(document, altered: reason, action: "read")
            throw Self.altered(document, reason)
        }
    }

    /// Deletes a document: its row, then the ciphertext (under the blob's lock, as the collector does).
    func delete(_ id: UUID) async throws {
        let document = try await metadata(id, journaling: false)
        try await member.transaction { connection in
            guard try await connection.execute("DELETE FROM safe_documents WHERE id = \(id) AND account_id = \(account)") == 1 else {
                throw WebError.notFound("Aucun document de ce numéro dans votre coffre-fort.")
            }
            try await SafeErasure.eraseDocument(document.documentID, holder: document.holder, blobs: services.blobs, member: member.slug, on: connection)
            try await SafeStore.journal("delete", account: account, by: principal, document: id, sha256: document.sha256,
                                        detail: "\(document.size) octets", on: connection)
        }
    }

    func journal(limit: Int, before: Int? = nil) async throws -> [SafeJournalEntry] {
        let entries = try await store.journal(of: account, limit: limit, before: before)
        try await store.journal("journal", account: account, by: principal)
        return entries
    }
}
