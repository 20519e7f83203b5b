import Blobs
import Events
import Foundation
import NIOCore
import Identity
import Jobs
import Modules
import Postgres
import Tenancy
import TenantStore
import Web

extension Permission {
    public static let documentsRead = Permission("documents.read")
    public static let documentsWrite = Permission("documents.write")
}

/// A member's documents as such: the document API (upload, list, metadata, download with
/// ranges, release), the agents' documents page, and the collector that removes documents no
/// service needs. Every member has it; services store their own files through `DocumentStore`.
public struct DocumentsModule: FeatureModule {
    public static let id: PlatformModule? = nil
    public static let name = "documents"
    public static var templates: [String: String] { DocumentTemplates.all }
    public static let added = EventType("document.added", family: EventFamily("documents", label: "Documents déposés"), label: "Un document est déposé")
    public static var events: [EventType] { [added] }
    public static let permissions: [PermissionDeclaration] = [
        .init(.documentsRead, label: "consulter les documents", delegable: true, roles: [.agent, .signatory, .buyer, .archivist, .tenantAdmin]),
        .init(.documentsWrite, label: "déposer des documents", delegable: true, roles: [.agent, .archivist, .tenantAdmin]),
    ]
    /// What a document uploaded as such is held by (until its deletion).
    static let holder = "documents.api"

    let context: ModuleContext

    public init(context: ModuleContext) {
        self.context = context
    }

    var policy: UploadPolicy {
        UploadPolicy(maximumBytes: context.uploadLimit, accepted: Set(MediaType.all).subtracting([.binary]))
    }

    func documents(_ store: MemberStore) -> DocumentStore { DocumentStore(member: store, blobs: context.blobs) }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        DocumentRoutes(module: self).register(on: routes)
    }

    public func register(jobs: inout JobRegistry) {
        jobs.register(CollectDocumentsJob(blobs: context.blobs))
    }

    public func schedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "documents.collect", cron: "40 3 * * *", CollectDocumentsJob.self, payload: .init(graceHours: 24), perTenant: true)]
    }

    /// `demo: documents:` — a list of `{file: <path in Tenants/>, name: <file name>}`.
    struct DemoFile: Decodable {
        var file: String
        var name: String
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let files = try demo.section(Self.name, as: [DemoFile].self), !files.isEmpty else { return [] }
        let existing = try await store.read("SELECT count(*) FROM document_references WHERE holder = \(Self.holder)").single()?.decode(Int.self, at: 0) ?? 0
        guard existing == 0 else { return [] }
        let author = DocumentAuthor(kind: "system", id: nil, label: "contenu de démonstration")
        for file in files {
            let bytes = try demo.file(file.file)
            let staged = try await context.blobs.stage(member: tenant.slug, from: MemoryBytes(Array(bytes)), limit: policy.maximumBytes)
            _ = try await documents(store).add(staged, fileName: file.name, by: author, holder: Self.holder)
        }
        return ["\(files.count) document(s)"]
    }
}
