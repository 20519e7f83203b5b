import Events
import Synchronization
import TenantStore

/// The running modules that produce archivable records, installed when the modules are made
/// (`ModuleSet.instantiate`) and asked by the archive's worker.
public final class ArchivableSources: Sendable {
    private let modules = Mutex<[any FeatureModule]>([])

    public init() {}

    func install(_ instances: [any FeatureModule]) {
        modules.withLock { $0 = instances }
    }

    /// The record the event makes archivable, from the first module that knows it.
    public func record(for event: RecordedEvent, member: MemberStore) async throws -> ArchivableRecord? {
        for module in modules.withLock({ $0 }) where type(of: module).archivableEvents.contains(event.type) {
            if let record = try await module.archivableRecord(for: event, member: member) { return record }
        }
        return nil
    }
}
