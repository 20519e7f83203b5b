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
            var work: [(member: TenantSlug, dataset: String, catalogue: Bool)] = []
            for member in members {
                let datasets = try await services.refreshable(context.tenants.member(member.slug))
                if let dataset, !datasets.contains(where: { $0.id == dataset }) {
                    if slug != nil { output("\(member.slug): no produced dataset \(dataset)"); return false }
                    continue
                }
                work += datasets.filter { dataset == nil || $0.id == dataset }.map { (member.slug, $0.id, $0.source == .catalogue) }
            }
            if let dataset, work.isEmpty {
                output("no member has a produced dataset \(dataset)")
                return false
            }
            var succeeded = true
            let started = ContinuousClock.now
            // As many at once as there are cores (the worker runs them concurrently too).
            let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
            var done = 0
            // The catalogues after everything they list.
            for phase in [false, true] {
                let batch = work.filter { $0.catalogue == phase }
                try await withThrowingTaskGroup(of: (TenantSlug, String, RefreshOutcome, Duration).self) { group in
                    var next = 0
                    func start() {
                        guard next < batch.count else { return }
                        let (member, dataset, _) = batch[next]
                        next += 1
                        group.addTask {
                            let clock = ContinuousClock.now
                            let outcome = try await services.refresh(dataset, member: context.tenants.member(member), by: "mutualis opendata refresh")
                            return (member, dataset, outcome, ContinuousClock.now - clock)
                        }
                    }
                    for _ in 0..<width { start() }
                    while let (member, dataset, outcome, elapsed) = try await group.next() {
                        done += 1
                        let versions = outcome.versions.sorted { $0.key < $1.key }.map { "\($0.key) v\($0.value)" }.joined(separator: ", ")
                        output("[\(done)/\(work.count)] \(member)/\(dataset): \(outcome.kind.rawValue), \(outcome.rows) rows"
                               + (versions.isEmpty ? "" : " (\(versions))") + ", \(Self.milliseconds(elapsed))" + (outcome.message.map { " — \($0)" } ?? ""))
                        if outcome.kind == .failed { succeeded = false }
                        start()
                    }
                }
            }
            output("\(work.count) dataset(s) refreshed in \(Self.milliseconds(ContinuousClock.now - started))")
            return succeeded
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
