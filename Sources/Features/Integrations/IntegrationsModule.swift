import Events
import Foundation
import Hummingbird
import Identity
import Modules
import Postgres
import Tenancy
import TenantStore
import Web
import Webhooks

extension Permission {
    public static let eventsRead = Permission("events.read")
    public static let webhooksManage = Permission("webhooks.manage")
}

/// What partner systems plug into: the member's event log (`/api/v1/events`) and its signed
/// webhooks (subscriptions, delivery log, replays), on pages for administrators and in the API.
/// Every member has it.
public struct IntegrationsModule: FeatureModule {
    public static let id: PlatformModule? = nil
    public static let name = "integrations"
    public static var templates: [String: String] { WebhookTemplates.all }
    public static let permissions: [PermissionDeclaration] = [
        .init(.eventsRead, label: "lire le journal des événements", delegable: true, roles: [.tenantAdmin]),
        .init(.webhooksManage, label: "gérer les webhooks", delegable: true, roles: [.tenantAdmin]),
    ]
    /// A rotated-out secret keeps signing this long, so receivers can switch without losing events.
    static let rotationOverlap: Duration = .seconds(24 * 3600)

    let context: ModuleContext

    public init(context: ModuleContext) {
        self.context = context
    }

    var eventTypeNames: [String] { context.eventTypes.map(\.name).sorted() }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        EventRoutes(module: self).register(on: routes)
        WebhookRoutes(module: self).register(on: routes)
        WebhookPages(module: self).register(on: routes)
    }

    /// Checks a subscription's fields; French errors for forms and the API.
    func checked(url: String, description: String?, eventTypes: [String]) throws -> (String, String, [String]) {
        do {
            _ = try WebhookTarget.validate(url.trimmingCharacters(in: .whitespaces), allowPrivate: context.webhooksAllowPrivate)
        } catch let error as WebhookError {
            throw WebError.invalidParameter("url", error.description)
        }
        let description = (description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard description.count <= 500, description.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" }) else {
            throw WebError.invalidParameter("description", "La description fait au plus 500 caractères, sans caractère de contrôle.")
        }
        let known = Set(eventTypeNames)
        let types = Array(Set(eventTypes)).sorted()
        guard !types.isEmpty else { throw WebError.invalidParameter("event_types", "Choisissez au moins un type d'événement.") }
        if let unknown = types.first(where: { !known.contains($0) }) {
            throw WebError.invalidParameter("event_types", "Type d'événement inconnu : \(unknown.prefix(60)).")
        }
        return (url.trimmingCharacters(in: .whitespaces), description, types)
    }
}
