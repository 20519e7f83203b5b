import Events
import Foundation
import Identity
import Modules
import Tenancy
import TenantStore
import Web

/// A completed folder is final: the archive receives its bundle (signed documents, detached
/// signatures, timestamp tokens, annexes, the signature summary and the history).
extension ParapheurModule {
    public static var archivableEvents: [String] { [ParapheurEvents.completed.name] }

    public func archivableRecord(for event: RecordedEvent, member: MemberStore) async throws -> ArchivableRecord? {
        guard event.type == ParapheurEvents.completed.name, let data = try? event.decodeData(ParapheurEvents.Data.self),
              let id = UUID(uuidString: data.id), let tenant = context.directory.current.tenant(member.slug) else { return nil }
        let service = FolderService(member: member, tenant: tenant, blobs: context.blobs, events: context.events, trust: context.trust,
                                    throttle: context.identity.throttle, logger: context.logger)
        guard let folder = try await service.store.folder(id), folder.circuit.status == .completed else { return nil }
        let entries = try await FolderBundle(service: service, names: try await service.parapheur.deskNames()).entries(folder)
        return ArchivableRecord(
            documentType: "parapheur:\(folder.type.type)/\(folder.type.subtype)", identifier: "parapheur-\(id.uuidString.lowercased())",
            title: folder.title,
            description: "Dossier du parapheur « \(folder.type.type) / \(folder.type.subtype) », circuit terminé le \(FrenchDate.long(folder.updatedAt)).",
            keywords: [folder.type.type, folder.type.subtype], date: folder.updatedAt,
            files: entries.map { ArchivableRecord.File(name: $0.0, bytes: $0.1, mimeType: Self.mediaType(of: $0.0)) }
        )
    }

    static func mediaType(of path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "p7s": "application/pkcs7-signature"
        case "html": "text/html"
        case "json": "application/json"
        case "csv": "text/csv"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        default: nil
        }
    }
}
