import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// What the parapheur's routes share: making a `FolderService` for the request's member, and
/// resolving the caller (an agent with desks, or a partner system).
struct ParapheurServices: Sendable {
    let blobs: any BlobStore
    let events: EventLog
    let trust: TrustServices?
    let throttle: LoginThrottle
    let formLimit: Int
    let cookie: SessionCookie
    let logger: Logger

    func service(_ context: TenantRequestContext) -> FolderService {
        FolderService(member: context.store, tenant: context.tenant, blobs: blobs, events: events, trust: trust, throttle: throttle, logger: logger)
    }

    static func folderID(_ context: TenantRequestContext, _ name: String = "id") throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else {
            throw WebError.invalidParameter(name, "L'identifiant doit être un UUID.")
        }
        return id
    }

    /// The folder of the path, if the caller may see it (else 404, as for a folder of another member).
    func visibleFolder(_ context: TenantRequestContext, _ principal: Principal) async throws -> (Folder, FolderService) {
        let id = try Self.folderID(context)
        let service = service(context)
        guard let folder = try await service.store.folder(id) else { throw FolderService.noFolder(id) }
        let actor = try await actor(principal, service: service)
        guard FolderAccess.visible(folder, to: principal, actor: actor) else { throw FolderService.noFolder(id) }
        return (folder, service)
    }

    func actor(_ principal: Principal, service: FolderService) async throws -> CircuitActor? {
        guard principal.kind != .client, let account = UUID(uuidString: principal.id) else { return nil }
        return try await service.parapheur.actor(account: account, isAdministrator: principal.roles.contains(.tenantAdmin), at: Date())
    }

    /// The person acting; partner systems do not act in circuits.
    func agent(_ principal: Principal, context: TenantRequestContext) async throws -> FolderService.Agent {
        guard principal.kind != .client, let account = UUID(uuidString: principal.id) else {
            throw WebError(.forbidden, kind: "forbidden", title: "Accès refusé",
                           detail: "Seul un agent peut agir dans un circuit ; un système partenaire dépose et suit les dossiers.")
        }
        guard let row = try await context.store.read("SELECT email, display_name FROM accounts WHERE id = \(account)").first,
              let email = EmailAddress(try row.decode(String.self, at: 0)) else {
            throw WebError(.forbidden, kind: "forbidden", title: "Accès refusé", detail: "Compte inconnu.")
        }
        let display = try row.decode(String.self, at: 1)
        return FolderService.Agent(account: account, email: email, name: display.isEmpty ? email.rawValue : display,
                                   isAdministrator: principal.roles.contains(.tenantAdmin), clientIP: context.clientIP)
    }

    func eventActor(_ principal: Principal) -> EventActor {
        EventActor(kind: principal.kind.rawValue, id: principal.id.lowercased(), label: principal.label)
    }

    func view(_ folder: Folder, service: FolderService) async throws -> FolderView {
        FolderView(folder: folder, files: try await service.store.files(folder.id), names: try await service.parapheur.deskNames())
    }

    /// Checks a submission's fields and resolves its type and emitter desk.
    func submission(title: String, type: String, subtype: String, dueDate: String?, metadata: [String: String], emitter: String?,
                    principal: Principal, context: TenantRequestContext,
                    documents: [FolderService.NewFile], annexes: [FolderService.NewFile]) async throws -> FolderService.Submission {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count) else { throw WebError.invalidParameter("title", "Le titre doit comporter de 1 à 200 caractères.") }
        if let dueDate, FolderDates.day(dueDate) == nil {
            throw WebError.invalidParameter("due_date", "La date limite s'écrit AAAA-MM-JJ (par exemple 2026-12-31).")
        }
        guard metadata.count <= 50, metadata.allSatisfy({ (1...100).contains($0.key.count) && $0.value.count <= 1000 }) else {
            throw WebError.invalidParameter("metadata", "Au plus 50 métadonnées, de noms de 1 à 100 caractères et de valeurs d'au plus 1 000.")
        }
        guard documents.count + annexes.count <= 40 else { throw WebError.badRequest("Au plus 40 fichiers par dossier.") }
        let service = service(context)
        guard let folderType = try await service.parapheur.type(named: type, subtype: subtype) else {
            let known = try await service.parapheur.types().map(\.label).joined(separator: ", ")
            throw WebError(.unprocessableContent, kind: "unknown-type", title: "Type inconnu",
                           detail: "Aucun type « \(type.prefix(100)) / \(subtype.prefix(100)) » dans ce parapheur (types : \(known)).")
        }
        let desks = try await service.parapheur.desks()
        let emitterDesk: DeskID
        if let emitter {
            emitterDesk = try ActionInput.desk(emitter, in: desks, field: "emitter")
        } else if let actor = try await actor(principal, service: service), let held = actor.desks.sorted(by: { $0.uuidString < $1.uuidString }).first {
            emitterDesk = held
        } else if let first = folderType.circuit.steps.first?.assignment.desks.first {
            emitterDesk = first
        } else {
            throw WebError.invalidParameter("emitter", "Indiquez le bureau émetteur.")
        }
        return FolderService.Submission(title: title, type: folderType, emitter: emitterDesk, metadata: metadata, dueDate: dueDate,
                                        documents: documents, annexes: annexes)
    }

    func download(_ folder: Folder, service: FolderService, request: Request, context: TenantRequestContext, inline: Bool) async throws -> Response {
        let fileID = try Self.folderID(context, "file")
        guard let file = try await service.store.files(folder.id, includingSuperseded: true).first(where: { $0.id == fileID }),
              let document = try await DocumentStore(member: context.store, blobs: blobs).document(file.documentID) else {
            throw WebError.notFound("Aucun fichier \(fileID.uuidString.lowercased()) dans ce dossier.")
        }
        let response = try await DocumentDownload.response(document, blobs: blobs, member: context.tenant.slug, request: request, inline: inline)
        // The folder page shows the main document inline, in a frame of the same portal.
        return inline ? response.allowingSameOriginFraming() : response
    }
}
