import Blobs
import Foundation
import Postgres
import TenantStore
import Web

/// Files given to a form's file fields: checked against the field (size, media type identified
/// from the content, not from the name or the declared type), then stored as documents of the
/// member that processes the request. A document nobody files a request with is collected after
/// the document store's grace period. `uploader` (a form's nonce, an account, a client) is
/// recorded as its author: a request may only be filed with documents its own uploader gave.
struct Attachments: Sendable {
    let services: RequestsServices
    let owner: MemberStore

    struct Refusal: Error {
        var key: String
        var message: String
    }

    static let author = "requests-form"

    func store(_ bytes: [UInt8], fileName: String?, for field: FormField, uploader: String) async throws -> UUID {
        guard case .file(let mediaTypes, let maxBytes) = field.kind else {
            throw Refusal(key: field.key, message: "Ce champ n'accepte pas de fichier.")
        }
        guard !bytes.isEmpty else { throw Refusal(key: field.key, message: "Le fichier est vide.") }
        guard bytes.count <= maxBytes else {
            throw Refusal(key: field.key, message: "Le fichier dépasse la taille autorisée (\(ByteCount.french(maxBytes))).")
        }
        let staged = try await services.blobs.stage(member: owner.slug, from: MemoryBytes(bytes), limit: max(bytes.count, 1))
        let detected = staged.mediaType ?? .binary
        guard mediaTypes.contains(detected.rawValue) else {
            await services.blobs.discard(staged)
            let accepted = mediaTypes.compactMap { MediaType(rawValue: $0)?.label ?? $0 }.joined(separator: ", ")
            throw Refusal(key: field.key, message: "Ce fichier est \(detected.label) ; sont acceptés : \(accepted).")
        }
        let document = try await DocumentStore(member: owner, blobs: services.blobs).add(
            staged, fileName: fileName, by: DocumentAuthor(kind: Self.author, id: uploader, label: "formulaire de démarche"), holder: nil)
        return document.id
    }

    /// The answers' documents, each one given by this uploader; nil names the first that was not.
    func verify(_ answers: [String: AnswerValue], uploader: String) async throws -> (documents: [UUID], foreign: String?) {
        var documents: [UUID] = []
        for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
            guard case .document(let id) = answer else { continue }
            let row = try await owner.read("""
                SELECT 1 FROM documents WHERE id = \(id) AND added_by_kind = \(Self.author) AND added_by = \(uploader)
                """).first
            guard row != nil else { return (documents, key) }
            documents.append(id)
        }
        return (documents, nil)
    }
}
