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

extension Permission {
    public static let parapheurSubmit = Permission("parapheur.submit")
    public static let parapheurRead = Permission("parapheur.read")
    public static let parapheurAct = Permission("parapheur.act")
    public static let parapheurAdmin = Permission("parapheur.admin")
}

/// The parapheur: desks, delegations, types and circuits; folders that go through visa,
/// signature (PAdES/CAdES with the platform's trust services) and seal steps; their bundle.
public struct ParapheurModule: FeatureModule {
    public static let id: PlatformModule? = .parapheur
    public static let name = "parapheur"
    public static var templates: [String: String] { ParapheurTemplates.all }
    public static let permissions: [PermissionDeclaration] = [
        .init(.parapheurSubmit, label: "déposer des dossiers dans le parapheur", delegable: true, roles: [.agent, .signatory, .tenantAdmin]),
        .init(.parapheurRead, label: "consulter les dossiers du parapheur", delegable: true, roles: [.agent, .signatory, .tenantAdmin]),
        .init(.parapheurAct, label: "viser, signer et traiter les dossiers de ses bureaux", delegable: false, roles: [.agent, .signatory, .tenantAdmin]),
        .init(.parapheurAdmin, label: "administrer les bureaux, délégations et circuits du parapheur", delegable: false, roles: [.tenantAdmin]),
    ]
    public static var events: [EventType] { ParapheurEvents.all }

    let context: ModuleContext
    let services: ParapheurServices

    public init(context: ModuleContext) {
        self.context = context
        services = ParapheurServices(
            blobs: context.blobs, events: context.events, trust: context.trust, throttle: context.identity.throttle,
            formLimit: min(context.uploadLimit, 64 << 20), cookie: context.cookie, logger: context.logger
        )
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        FolderAPIRoutes(services: services).register(on: routes)
        DeskPages(services: services, pages: context.pages).register(on: routes)
        AdminPages(services: services, pages: context.pages).register(on: routes)
    }

    public func register(jobs: inout JobRegistry) {
        jobs.register(RemindLateFoldersJob(events: context.events))
    }

    public func schedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "parapheur.remind", cron: "15 8 * * 1-5", RemindLateFoldersJob.self, payload: .init(), perTenant: true)]
    }

    /// The desks the event names are told (their holders and delegates), but the one who acted.
    public func notices(for event: RecordedEvent, in context: EventContext) async throws -> [EventNotice] {
        guard ParapheurEvents.all.contains(where: { $0.name == event.type }),
              let data = try? event.decodeData(ParapheurEvents.Data.self) else { return [] }
        let author = event.actor.id.flatMap(UUID.init(uuidString:))
        var notices: [EventNotice] = []
        var told = Set<UUID>()
        for (reason, desks) in data.notify.sorted(by: { $0.key < $1.key }) {
            let ids = Set(desks.compactMap(UUID.init(uuidString:)))
            let (title, body) = ParapheurNotices.text(reason: reason, data: data, by: event.actor.label)
            for account in try await ParapheurStore(context.member).accounts(actingFor: ids, at: Date())
                where account != author && told.insert(account).inserted {
                notices.append(EventNotice(account: account, title: title, body: body, link: data.link))
            }
        }
        return notices
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        try await ParapheurDemo(context: context).seed(demo, tenant: tenant, store: store)
    }
}

/// What a desk is told.
enum ParapheurNotices {
    static func text(reason: String, data: ParapheurEvents.Data, by actor: String?) -> (String, String) {
        let folder = "« \(data.title) » (\(data.type) / \(data.subtype))"
        let who = actor.map { " par \($0)" } ?? ""
        return switch reason {
        case "arrived": ("Dossier à traiter : \(data.title)", "Le dossier \(folder) attend votre action (étape \(data.step ?? 1) sur \(data.stepCount)).")
        case "transferred": ("Dossier transféré : \(data.title)", "Le dossier \(folder) vous a été transféré\(who).")
        case "opinionRequested": ("Avis demandé : \(data.title)", "Votre avis est demandé\(who) sur le dossier \(folder).")
        case "opinionGiven": ("Avis rendu : \(data.title)", "L'avis demandé sur le dossier \(folder) a été rendu\(who).")
        case "withdrawn": ("Dossier repris : \(data.title)", "Le dossier \(folder) ne vous attend plus (action annulée ou étape passée).")
        case "rejected": ("Dossier rejeté : \(data.title)", "Le dossier \(folder) a été rejeté\(who). Motif : \(data.comment ?? "non précisé").")
        case "completed": ("Dossier terminé : \(data.title)", "Le circuit du dossier \(folder) est terminé ; le paquet signé est disponible.")
        case "late": ("Dossier en retard : \(data.title)", "Le dossier \(folder) attend votre action depuis plusieurs jours.")
        default: ("Parapheur : \(data.title)", "Le dossier \(folder) a évolué.")
        }
    }
}
