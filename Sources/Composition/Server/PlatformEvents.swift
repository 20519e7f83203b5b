import Archiving
import Events
import Modules
import Notifications
import Webhooks

/// The members' event log with every consumer of the platform: notifications, webhooks, and the
/// archive's worker for the event types modules declare archivable.
enum PlatformEvents {
    static func log(_ modules: ModuleSet) -> EventLog {
        var consumers = [NotifyJob.consumer, WebhookFanoutJob.consumer] + modules.eventConsumers
        let archivable = modules.archivableEvents
        if !archivable.isEmpty { consumers.append(ArchivingModule.consumer(for: archivable)) }
        return EventLog(consumers: consumers)
    }
}
