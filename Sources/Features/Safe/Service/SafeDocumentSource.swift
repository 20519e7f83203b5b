import Foundation
import Modules
import TenantStore

/// What the safe lends another service (a démarche's attachment): the citizen's documents, and a
/// checked copy of one, the loan written in the safe's journal (« joint à … »).
struct SafeDocumentSource: CitizenDocumentSource {
    let services: SafeServices

    func documents(of account: UUID, member: MemberStore) async throws -> [CitizenDocument] {
        guard (try? services.keyring(member.slug)) != nil else { return [] }
        return try await CitizenSafe(services: services, member: member, account: account, principal: nil).list(limit: 200)
            .filter { $0.verification != "altered" }
            .map { CitizenDocument(id: $0.id, name: $0.fileName, mediaType: $0.mediaType, size: $0.size) }
    }

    func copy(_ id: UUID, of account: UUID, member: MemberStore, purpose: String) async throws -> (document: CitizenDocument, bytes: [UInt8])? {
        let safe = CitizenSafe(services: services, member: member, account: account, principal: nil)
        guard (try? await safe.metadata(id, journaling: false)) != nil else { return nil }
        let (document, bytes) = try await safe.read(id)
        try await safe.store.journal("share", account: account, by: nil, document: id, sha256: document.sha256, detail: String(purpose.prefix(300)))
        return (CitizenDocument(id: document.id, name: document.fileName, mediaType: document.mediaType, size: document.size), bytes)
    }
}
