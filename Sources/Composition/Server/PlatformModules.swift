import Accounts
import Archiving
import Billing
import Documents
import Inbox
import Integrations
import Modules
import News
import OpenData
import Parapheur
import Requests
import Safe

/// The services this platform runs: the one list `Composition` iterates for the router, the
/// worker and the operators' commands. A new service is one line here.
public enum PlatformModules {
    public static let types: [any FeatureModule.Type] = [
        AccountsModule.self,
        ArchivingModule.self,
        BillingModule.self,
        DocumentsModule.self,
        InboxModule.self,
        IntegrationsModule.self,
        NewsModule.self,
        OpenDataModule.self,
        ParapheurModule.self,
        RequestsModule.self,
        SafeModule.self,
    ]

    /// Checked once per process: duplicate templates or permissions stop it at start-up.
    public static func set() throws -> ModuleSet { try ModuleSet(types) }
}
