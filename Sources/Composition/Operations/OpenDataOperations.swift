import Foundation
import Modules
import OpenData
import Tenancy
import TenantStore

/// `mutualis opendata refresh`: regenerates members' produced datasets in the operator's process,
/// one line per dataset as it goes (new versions only where the source data changed).
extension Operations {
    /// Returns false when a refresh failed (the last good version stays published).
    public func refreshOpenData(tenant slug: TenantSlug?, dataset: String?) async throws -> Bool {
        let tenants = try await withOwnerClient { client in try await TenantRegistry(client: client).records().map(\.tenant) }
        let members = tenants.filter { ($0.slug == slug || slug == nil) && $0.status == .active && $0.modules.contains(.openData) }
        if let slug, members.isEmpty { throw TenancyError.invalidManifest(file: "\(slug).yaml", reason: "no active member \(slug) with open-data enabled") }
        return try await withModuleContext(tenants: tenants, modules: try PlatformModules.set()) { context in
            let services = OpenDataModule(context: context).services
            var work: [(TenantSlug, String)] = []
            for member in members {
                let datasets = try await services.refreshable(context.tenants.member(member.slug)).map(\.id)
                if let dataset, !datasets.contains(dataset) {
                    if slug != nil { output("\(member.slug): no produced dataset \(dataset)"); return false }
                    continue
                }
                work += datasets.filter { dataset == nil || $0 == dataset }.map { (member.slug, $0) }
            }
            var succeeded = true
            let started = ContinuousClock.now
            for (index, (member, dataset)) in work.enumerated() {
                let clock = ContinuousClock.now
                let outcome = try await services.refresh(dataset, member: context.tenants.member(member), by: "mutualis opendata refresh")
                let versions = outcome.versions.sorted { $0.key < $1.key }.map { "\($0.key) v\($0.value)" }.joined(separator: ", ")
                output("[\(index + 1)/\(work.count)] \(member)/\(dataset): \(outcome.kind.rawValue), \(outcome.rows) rows"
                       + (versions.isEmpty ? "" : " (\(versions))") + ", \(ContinuousClock.now - clock)"
                       + (outcome.message.map { " — \($0)" } ?? ""))
                if outcome.kind == .failed { succeeded = false }
            }
            output("\(work.count) dataset(s) refreshed in \(ContinuousClock.now - started)")
            return succeeded
        }
    }
}
