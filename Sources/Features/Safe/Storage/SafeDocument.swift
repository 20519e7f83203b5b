import Foundation

/// A document of a citizen's safe as its metadata says (the name decrypted for its owner).
struct SafeDocument: Sendable, Equatable {
    var id: UUID
    var account: UUID
    /// The ciphertext's document (`documents`, held by `safe.document:<id>`).
    var documentID: UUID
    var fileName: String
    var mediaType: String
    /// The plaintext's size and SHA-256.
    var size: Int
    var sha256: String
    var depositedByKind: String
    var depositedBy: String?
    var depositedByLabel: String?
    var depositedAt: Date
    var verifiedAt: Date?
    /// `intact` or `altered` (the last verification).
    var verification: String?

    static let hashAlgorithm = "SHA-256"

    /// What keeps the ciphertext from the collector.
    var holder: String { Self.holder(id) }
    static func holder(_ id: UUID) -> String { "safe.document:\(id.uuidString.lowercased())" }
}

/// A line of a safe's journal.
struct SafeJournalEntry: Sendable {
    var id: Int
    var occurredAt: Date
    var actorKind: String
    var actorLabel: String?
    var action: String
    var documentID: UUID?
    var sha256: String?
    var outcome: String
    var detail: String

    /// For people.
    static let labels = [
        "deposit": "Dépôt", "read": "Lecture", "metadata": "Lecture des métadonnées", "list": "Consultation de la liste",
        "verify": "Vérification d'intégrité", "delete": "Suppression", "export": "Export complet (ZIP)", "journal": "Consultation du journal",
        "rotate": "Renouvellement de la clé de la commune", "share": "Copie jointe à une démarche",
    ]
}

/// A citizen's use of the space they are given.
struct SafeUsage: Sendable {
    var documents: Int
    var bytes: Int
    var quota: Int

    var remaining: Int { max(0, quota - bytes) }
    /// Whole percent used (for the gauge).
    var percent: Int { quota > 0 ? min(100, bytes * 100 / quota) : 100 }
}
