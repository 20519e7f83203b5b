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

/// What agents and partners do with folders, for pages and API alike: submit a folder, act on
/// it (the circuit decides, then the documents are signed, then everything is written in one
/// transaction with its event).
struct FolderService: Sendable {
    let member: MemberStore
    let tenant: Tenant
    let blobs: any BlobStore
    let events: EventLog
    let trust: TrustServices?
    let throttle: LoginThrottle
    let logger: Logger

    var store: FolderStore { FolderStore(member) }
    var parapheur: ParapheurStore { ParapheurStore(member) }
    static func holder(_ folder: UUID) -> String { "parapheur.folder:\(folder.uuidString.lowercased())" }

    struct NewFile: Sendable {
        var name: String?
        var bytes: [UInt8]
    }

    struct Submission: Sendable {
        var title: String
        var type: FolderType
        var emitter: DeskID
        var metadata: [String: String]
        var dueDate: String?
        var documents: [NewFile]
        var annexes: [NewFile]
    }

    /// Submits a folder: main documents must be readable, unencrypted PDFs.
    func submit(_ submission: Submission, by actor: EventActor, at time: Date = Date()) async throws -> Folder {
        guard !submission.documents.isEmpty else { throw WebError.invalidParameter("document", "Joignez au moins un document principal (PDF).") }
        for (index, document) in submission.documents.enumerated() {
            try PDFCheck.signable(document.bytes, name: document.name ?? "document \(index + 1)")
        }
        let (circuit, effects): (Circuit, [CircuitEffect])
        do { (circuit, effects) = try Circuit.start(template: submission.type.circuit, emitter: submission.emitter, at: time) } catch {
            throw WebError(.unprocessableContent, kind: "invalid-circuit", title: "Circuit invalide", detail: error.reason)
        }
        let folder = Folder(
            id: UUID(), title: submission.title, type: submission.type, emitter: submission.emitter, metadata: submission.metadata,
            dueDate: submission.dueDate, circuit: circuit, createdBy: actor.label ?? actor.kind, createdAt: time, updatedAt: time, version: 1
        )
        var files: [(role: FolderFile.Role, document: UUID)] = []
        do {
            for document in submission.documents {
                files.append((.main, try await addDocument(document.bytes, name: document.name, folder: folder.id, author: actor)))
            }
            for annex in submission.annexes {
                files.append((.annex, try await addDocument(annex.bytes, name: annex.name, folder: folder.id, author: actor)))
            }
            try await member.transaction { connection in
                try await FolderStore.insert(folder, files: files, on: connection)
                try await record(ParapheurEvents.submitted, folder: folder, entry: nil, effects: effects, actor: actor, on: connection)
            }
        } catch {
            await release(files.map(\.document), folder: folder.id)
            throw error
        }
        return folder
    }

    /// Stores bytes as a document held by the folder.
    func addDocument(_ bytes: [UInt8], name: String?, folder: UUID, author: EventActor) async throws -> UUID {
        let staged = try await blobs.stage(member: member.slug, from: MemoryBytes(bytes), limit: max(bytes.count, 1))
        let document = try await DocumentStore(member: member, blobs: blobs).add(
            staged, fileName: name, by: DocumentAuthor(kind: author.kind, id: author.id, label: author.label), holder: Self.holder(folder))
        return document.id
    }

    func release(_ documents: [UUID], folder: UUID) async {
        guard !documents.isEmpty else { return }
        do {
            try await member.transaction { connection in
                for document in documents { try await DocumentStore.release(document, holder: Self.holder(folder), on: connection) }
            }
        } catch {
            logger.warning("parapheur: documents of an abandoned change not released (the collector keeps them)", metadata: ["error": "\(error)"])
        }
    }

    func bytes(of file: FolderFile) async throws -> [UInt8] {
        guard let document = try await DocumentStore(member: member, blobs: blobs).document(file.documentID) else { throw WebError.notFound() }
        guard let key = BlobKey(document.sha256) else { throw WebError.notFound() }
        let content = try await blobs.read(member: member.slug, key: key, range: nil)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(document.size)
        for try await chunk in content.chunks { bytes.append(contentsOf: chunk.readableBytesView) }
        return bytes
    }

    /// Records the event of a change (in the change's transaction).
    func record(_ type: EventType, folder: Folder, entry: CircuitEntry?, effects: [CircuitEffect], actor: EventActor,
                on connection: PostgresConnection) async throws {
        var notify: [String: [String]] = [:]
        for case .notify(let desks, let reason) in effects {
            notify[reason.rawValue, default: []] += desks.map { $0.uuidString.lowercased() }.sorted()
        }
        let data = ParapheurEvents.Data(
            id: folder.id.uuidString.lowercased(), title: folder.title, type: folder.type.type, subtype: folder.type.subtype,
            status: folder.circuit.status.rawValue, action: entry?.action.rawValue, comment: entry?.comment,
            step: folder.circuit.status == .inProgress ? folder.circuit.stepIndex + 1 : nil, stepCount: folder.circuit.steps.count,
            notify: notify, link: "/parapheur/dossiers/\(folder.id.uuidString.lowercased())"
        )
        try await events.record(try NewEvent(type: type.name, subject: "parapheur/folders/\(data.id)", data: data, actor: actor),
                                tenant: member.slug, on: connection)
    }
}
