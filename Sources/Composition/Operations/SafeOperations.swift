import Foundation
import Modules
import Safe
import Tenancy
import TenantStore

/// `mutualis safe …`: the document safe's operators' commands, run in the operator's process.
extension Operations {
    /// `safe rotate-key`: each member's (or one member's) safe key moves to its next version;
    /// the citizens' data keys are re-wrapped, documents are not re-encrypted.
    public func rotateSafeKey(tenant slug: TenantSlug?) async throws {
        try await withSafe(tenant: slug) { module, member in
            let rotated = try await module.rotateKey(member: member)
            output("\(member.slug): safe key v\(rotated.version), \(rotated.rewrapped) data key(s) re-wrapped")
        }
    }

    /// `safe quota`: the space each citizen of the member gets (nil: the platform's default).
    public func setSafeQuota(tenant slug: TenantSlug, megabytes: Int?) async throws {
        try await withSafe(tenant: slug) { module, member in
            try await module.setQuota(megabytes.map { $0 * 1024 * 1024 }, member: member)
            output("\(member.slug): safe quota per citizen \(megabytes.map { "\($0) MB" } ?? "default (\(SafeModule.defaultQuota >> 20) MB)")")
        }
    }

    func withSafe(tenant slug: TenantSlug?, _ body: (SafeModule, MemberStore) async throws -> Void) async throws {
        let tenants = try await withOwnerClient { client in try await TenantRegistry(client: client).records().map(\.tenant) }
        let members = tenants.filter { ($0.slug == slug || slug == nil) && $0.modules.contains(.documentSafe) }
        if let slug, members.isEmpty { throw TenancyError.invalidManifest(file: "\(slug).yaml", reason: "no member \(slug) with document-safe enabled") }
        try await withModuleContext(tenants: tenants, modules: try PlatformModules.set()) { context in
            let module = SafeModule(context: context)
            for member in members { try await body(module, context.tenants.member(member.slug)) }
        }
    }
}
