import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Modules
import Postgres
import Tenancy
import TenantStore
import Web
import Webhooks

/// The administrators' webhook pages (`/administration/webhooks`).
struct WebhookPages {
    let module: IntegrationsModule

    struct CreateForm: FormPayload {
        var csrf: String?
        var url: String
        var description: String?
        var types: [String]?
    }

    struct SinceForm: FormPayload {
        var csrf: String?
        var depuis: String
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        let manage = RequiredAccess.permission(.webhooksManage)
        routes.get("/administration/webhooks", manage) { request, context, _ in
            try await list(request, context)
        }
        routes.form("/administration/webhooks", manage, CreateForm.self) { request, context, principal, form in
            do {
                let (subscription, secret) = try await module.create(url: form.url, description: form.description, eventTypes: form.types ?? [],
                                                                     context: context, principal: principal)
                return render("webhook-secret", context, ["url": subscription.url, "secret": secret,
                                                          "id": subscription.id.uuidString.lowercased(), "created": true])
            } catch let error as WebError where error.status == .badRequest {
                return try await list(request, context, error: error.detail, status: .unprocessableContent)
            }
        }
        routes.get("/administration/webhooks/:id", manage) { request, context, _ in
            let subscription = try await module.subscription(context)
            let deliveries = try await WebhookStore(member: context.store).deliveries(of: subscription.id, limit: 50, before: nil)
            let notices = ["renvoi": "Les événements sont renvoyés.", "modifie": "L'abonnement est modifié."]
            return render("webhook-detail", context, [
                "id": subscription.id.uuidString.lowercased(), "url": subscription.url, "description": subscription.description,
                "types": subscription.eventTypes, "enabled": subscription.enabled, "reason": subscription.disabledReason ?? false,
                "notice": request.query["message"].flatMap { notices[$0] } ?? false,
                "deliveries": deliveries.map { delivery in
                    [
                        "id": delivery.id, "subscription": subscription.id.uuidString.lowercased(), "type": delivery.eventType, "attempt": delivery.attempt,
                        "status": delivery.statusCode.map(String.init) ?? "—", "latency": delivery.latencyMilliseconds.map { "\($0) ms" } ?? "—",
                        "ok": delivery.succeeded, "error": delivery.error ?? false, "excerpt": delivery.responseExcerpt ?? "",
                        "date": FrenchDate.long(delivery.createdAt) + " à " + FrenchDate.time(delivery.createdAt),
                    ] as [String: Any]
                },
                "none": deliveries.isEmpty,
            ])
        }
        for (path, enabled) in [("activer", true), ("desactiver", false)] {
            routes.form("/administration/webhooks/:id/\(path)", manage, ButtonForm.self) { _, context, principal, _ in
                let subscription = try await module.subscription(context)
                try await context.store.transaction { connection in
                    _ = try await WebhookStore(member: context.store).update(subscription.id, url: nil, description: nil, eventTypes: nil, enabled: enabled, on: connection)
                    try await module.journal("webhook.change", subscription.id, principal, ["enabled": String(enabled)], on: connection)
                }
                throw WebError.redirect(to: "/administration/webhooks/\(subscription.id.uuidString.lowercased())?message=modifie")
            }
        }
        routes.form("/administration/webhooks/:id/secret", manage, ButtonForm.self) { _, context, principal, _ in
            let subscription = try await module.subscription(context)
            let secret = try await module.rotate(subscription, context: context, principal: principal)
            return render("webhook-secret", context, ["url": subscription.url, "secret": secret, "id": subscription.id.uuidString.lowercased(),
                                                      "created": false])
        }
        routes.form("/administration/webhooks/:id/supprimer", manage, ButtonForm.self) { _, context, principal, _ in
            let subscription = try await module.subscription(context)
            try await context.store.transaction { connection in
                _ = try await WebhookStore(member: context.store).delete(subscription.id, on: connection)
                try await module.journal("webhook.delete", subscription.id, principal, ["url": subscription.url], on: connection)
            }
            throw WebError.redirect(to: "/administration/webhooks")
        }
        routes.form("/administration/webhooks/:id/livraisons/:delivery/renvoi", manage, ButtonForm.self) { _, context, principal, _ in
            let subscription = try await module.subscription(context)
            guard let text = context.parameters.get("delivery"), text.count <= 19, let id = Int(text),
                  let delivery = try await WebhookStore(member: context.store).delivery(id), delivery.subscriptionID == subscription.id
            else { throw WebError.notFound("Aucune livraison de ce numéro pour cet abonnement.") }
            try await module.replay([delivery.eventID], to: subscription, context: context, principal: principal)
            throw WebError.redirect(to: "/administration/webhooks/\(subscription.id.uuidString.lowercased())?message=renvoi")
        }
        routes.form("/administration/webhooks/:id/renvoi", manage, SinceForm.self) { _, context, principal, form in
            let subscription = try await module.subscription(context)
            guard let date = Self.parisDate(form.depuis) else {
                throw WebError.invalidParameter("depuis", "Indiquez une date et une heure (par exemple 2026-12-01T08:00).")
            }
            _ = try await module.replay(since: date, to: subscription, context: context, principal: principal)
            throw WebError.redirect(to: "/administration/webhooks/\(subscription.id.uuidString.lowercased())?message=renvoi")
        }
    }

    func list(_ request: Request, _ context: TenantRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let subscriptions = try await WebhookStore(member: context.store).subscriptions()
        return render("webhook-list", context, [
            "error": error ?? false,
            "subscriptions": subscriptions.map { subscription in
                [
                    "id": subscription.id.uuidString.lowercased(), "url": subscription.url, "description": subscription.description,
                    "types": subscription.eventTypes.joined(separator: ", "), "enabled": subscription.enabled,
                    "reason": subscription.disabledReason ?? false,
                ] as [String: Any]
            },
            "none": subscriptions.isEmpty,
            "types": module.context.eventTypes.sorted { $0.name < $1.name }.map { ["name": $0.name, "label": $0.label] },
        ], status: status)
    }

    func render(_ template: String, _ context: TenantRequestContext, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        values["csrf"] = context.session?.record.csrf ?? ""
        return module.context.pages.render(template, site: PageSite(tenant: context.tenant), viewer: context.viewer, values: values, status: status)
    }

    /// `2026-12-01T08:00` (a `datetime-local` field), Paris time.
    static func parisDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        return nil
    }
}
