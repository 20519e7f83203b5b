import Blobs
import Cryptography
import Foundation
import HTTPTypes
import Logging
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Web

/// Integrity: a document is intact when its ciphertext is still the blob its document names
/// (SHA-256 of the stored bytes), opens under the citizen's key (the GCM tag) and gives back
/// the plaintext whose SHA-256 was kept at deposit. Reads skip the first check (the GCM tag
/// already refuses any changed byte; it only names the cause): `verify` and the export do all.
extension CitizenSafe {
    enum Opened: Sendable {
        case intact([UInt8])
        case altered(String)
    }

    func open(_ document: SafeDocument, thorough: Bool = true) async throws -> Opened {
        let key = try await dataKey()
        guard let stored = try await documents.document(document.documentID), let blobKey = BlobKey(stored.sha256) else {
            return .altered("le contenu chiffré n'est plus référencé")
        }
        var box: [UInt8] = []
        do {
            let content = try await services.blobs.read(member: member.slug, key: blobKey, range: nil)
            box.reserveCapacity(content.totalSize)
            for try await chunk in content.chunks { box.append(contentsOf: chunk.readableBytesView) }
        } catch BlobError.notFound {
            return .altered("le contenu chiffré est introuvable dans le stockage")
        }
        guard try !thorough || Hex.encode(Digest.sha256(box)) == stored.sha256 else {
            return .altered("le contenu chiffré stocké a été modifié (empreinte différente)")
        }
        let plaintext: [UInt8]
        do {
            plaintext = try AESGCM.open(box, key: key, associatedData: context(document.id, "content"))
        } catch {
            return .altered("le contenu chiffré ne s'authentifie plus (étiquette GCM)")
        }
        guard Hex.encode(try Digest.sha256(plaintext)) == document.sha256 else {
            return .altered("l'empreinte SHA-256 du document ne correspond plus")
        }
        return .intact(plaintext)
    }

    /// Re-reads the document and checks it; records the outcome (metadata and journal). An
    /// altered document is a 409 whose detail says « altéré ».
    func verify(_ id: UUID) async throws -> SafeDocument {
        var document = try await metadata(id, journaling: false)
        switch try await open(document) {
        case .intact:
            let now = Date()
            try await member.transaction { connection in
                try await connection.query("UPDATE safe_documents SET verified_at = \(now), verification = 'intact' WHERE id = \(id)")
                try await SafeStore.journal("verify", account: account, by: principal, document: id, sha256: document.sha256,
                                            detail: "intact", on: connection)
            }
            document.verifiedAt = now
            document.verification = "intact"
            return document
        case .altered(let reason):
            try await record(document, altered: reason, action: "verify")
            throw Self.altered(document, reason)
        }
    }

    func record(_ document: SafeDocument, altered reason: String, action: String) async throws {
        services.logger.error("document safe: altered document", metadata: [
            "member": "\(member.slug)", "document": "\(document.id)", "reason": "\(reason)",
        ])
        try await member.transaction { connection in
            try await connection.query("UPDATE safe_documents SET verified_at = now(), verification = 'altered' WHERE id = \(document.id)")
            try await SafeStore.journal(action, account: account, by: principal, document: document.id, sha256: document.sha256,
                                        outcome: "failure", detail: "altéré : \(reason)", on: connection)
        }
    }

    static func altered(_ document: SafeDocument, _ reason: String) -> WebError {
        WebError(.conflict, kind: "document-altered", title: "Document altéré",
                 detail: "Le document « \(document.fileName) » est altéré : \(reason). Il n'est pas servi ; signalez-le à votre mairie.",
                 extensions: ["document": document.id.uuidString.lowercased(), "status": "altered"])
    }
}
