import Foundation
import Blobs
import Events
import Notifications
import Webhooks
import Identity
import Modules
import Tenancy
import TenantStore
import Web

/// `mutualis tenants sync --demo-content`: each module seeds its own section of each member's
/// `demo:` (if the member enabled the module and has none of that content yet).
extension Operations {
    func seedDemoContent(_ manifests: [TenantManifest]) async throws {
        let modules = try PlatformModules.set()
        for manifest in manifests {
            if let unknown = manifest.demo.keys.first(where: { !modules.demoSections.contains($0) }) {
                throw TenancyError.invalidManifest(
                    file: "\(manifest.tenant.slug).yaml",
                    reason: "demo.\(unknown) is read by no module (known: \(modules.demoSections.sorted().joined(separator: ", ")))"
                )
            }
        }
        try await withModuleContext(tenants: manifests.map(\.tenant), modules: modules) { context in
            for (description, module) in modules.instantiate(context) {
                for manifest in manifests where description.id.map(manifest.tenant.modules.contains) ?? true {
                    let added = try await module.seedDemo(manifest.demo, tenant: manifest.tenant, store: context.tenants.member(manifest.tenant.slug))
                    if !added.isEmpty { output("demo content: \(manifest.tenant.slug): \(added.joined(separator: ", "))") }
                }
            }
        }
    }

    /// The modules' context as the server makes it, for commands that run a module's work in
    /// the operator's process (demo content, `opendata refresh`).
    func withModuleContext<T>(tenants: [Tenant], modules: ModuleSet, _ body: (ModuleContext) async throws -> T) async throws -> T {
        let blobs = try FileSystemBlobStore(root: configuration.blobRoot)
        let replicaBlobs = try FileSystemBlobStore(root: configuration.archiveSecondRoot)
        defer { Task { await blobs.shutdown(); await replicaBlobs.shutdown() } }
        return try await withIdentity { identity, postgres in
            let context = ModuleContext(
                tenants: TenantStore(client: postgres), identity: identity, pages: try PageRenderer(templates: modules.templates),
                cookie: SessionCookie(insecure: configuration.insecureCookies),
                directory: StaticTenantDirectory(TenantDirectory(tenants: tenants, baseDomain: configuration.baseDomain)),
                addresses: configuration.publicAddresses, blobs: blobs, uploadLimit: configuration.uploadLimit,
                events: PlatformEvents.log(modules), eventTypes: modules.eventTypes,
                webhooksAllowPrivate: configuration.webhooksAllowPrivate, trust: try loadTrust(),
                replicaBlobs: replicaBlobs, specifications: configuration.specificationsDirectory, workDirectory: configuration.workDirectory,
                archiveCheckDays: configuration.archiveCheckDays, openDataUploadLimit: configuration.openDataUploadLimit,
                payments: configuration.paymentProvider(logger: logger), paymentMode: configuration.payfipMode,
            paymentSettleAfter: configuration.paymentSettleAfter,
                logger: logger
            )
            return try await body(context)
        }
    }
}
