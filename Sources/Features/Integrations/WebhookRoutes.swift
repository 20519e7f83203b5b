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

/// The webhooks API (`webhooks.manage`): subscriptions, their secret, their delivery log, replays.
struct WebhookRoutes {
    let module: IntegrationsModule

    struct NewSubscription: Decodable {
        var url: String
        var description: String?
        var eventTypes: [String]
    }

    struct Change: Decodable {
        var url: String?
        var description: String?
        var eventTypes: [String]?
        var enabled: Bool?
    }

    struct Since: Decodable {
        var since: Date
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        let manage = RequiredAccess.permission(.webhooksManage)
        routes.get("/api/v1/webhooks", manage, operation: IntegrationsAPI.listWebhooks) { _, context, _ in
            let subscriptions = try await WebhookStore(member: context.store).subscriptions()
            var json = JSONWriter()
            json.beginObject()
            json.key("data")
            json.beginArray()
            for subscription in subscriptions { Self.write(subscription, into: &json) }
            json.endArray()
            json.endObject()
            return json.response()
        }
        routes.post("/api/v1/webhooks", manage, operation: IntegrationsAPI.createWebhook) { request, context, principal in
            let input = try await RequestPayload.json(NewSubscription.self, from: request)
            let (subscription, secret) = try await module.create(url: input.url, description: input.description, eventTypes: input.eventTypes,
                                                                 context: context, principal: principal)
            var json = JSONWriter()
            Self.write(subscription, secret: secret, into: &json)
            return json.response(status: .created, headers: [.location: "/api/v1/webhooks/\(subscription.id.uuidString.lowercased())"])
        }
        routes.get("/api/v1/webhooks/:id", manage, operation: IntegrationsAPI.getWebhook) { _, context, _ in
            var json = JSONWriter()
            Self.write(try await module.subscription(context), into: &json)
            return json.response()
        }
        routes.patch("/api/v1/webhooks/:id", manage, operation: IntegrationsAPI.changeWebhook) { request, context, principal in
            let current = try await module.subscription(context)
            let input = try await RequestPayload.json(Change.self, from: request)
            let (url, description, types) = try module.checked(
                url: input.url ?? current.url, description: input.description ?? current.description, eventTypes: input.eventTypes ?? current.eventTypes
            )
            let changed = try await context.store.transaction { connection -> WebhookSubscription? in
                let changed = try await WebhookStore(member: context.store).update(current.id, url: url, description: description, eventTypes: types,
                                                                                  enabled: input.enabled, on: connection)
                try await module.journal("webhook.change", current.id, principal, ["enabled": input.enabled.map(String.init) ?? "unchanged"], on: connection)
                return changed
            }
            guard let changed else { throw WebError.notFound("Aucun abonnement de ce numéro.") }
            var json = JSONWriter()
            Self.write(changed, into: &json)
            return json.response()
        }
        routes.delete("/api/v1/webhooks/:id", manage, operation: IntegrationsAPI.deleteWebhook) { _, context, principal in
            let current = try await module.subscription(context)
            try await context.store.transaction { connection in
                _ = try await WebhookStore(member: context.store).delete(current.id, on: connection)
                try await module.journal("webhook.delete", current.id, principal, ["url": current.url], on: connection)
            }
            return Response(status: .noContent)
        }
        routes.post("/api/v1/webhooks/:id/secret", manage, operation: IntegrationsAPI.rotateSecret) { _, context, principal in
            let current = try await module.subscription(context)
            let secret = try await module.rotate(current, context: context, principal: principal)
            var json = JSONWriter()
            json.beginObject()
            json.field("secret", secret)
            json.field("previous_secret_valid_until", Date().addingTimeInterval(Double(IntegrationsModule.rotationOverlap.components.seconds)))
            json.endObject()
            return json.response(status: .created)
        }
        routes.get("/api/v1/webhooks/:id/deliveries", manage, operation: IntegrationsAPI.deliveries) { request, context, _ in
            let current = try await module.subscription(context)
            let query = request.query
            let limit = try Cursor.limit(from: query, preferred: 50, maximum: 200)
            let before = try Cursor.single("after", Int.self, from: query)
            let deliveries = try await WebhookStore(member: context.store).deliveries(of: current.id, limit: limit + 1, before: before)
            var json = JSONWriter()
            json.beginObject()
            json.page(deliveries, limit: limit, cursor: { Cursor([String($0.id)]) }) { Self.write($0, into: &$1) }
            json.endObject()
            return json.response()
        }
        routes.post("/api/v1/webhooks/:id/deliveries/:delivery/replay", manage, operation: IntegrationsAPI.replayDelivery) { _, context, principal in
            let current = try await module.subscription(context)
            guard let text = context.parameters.get("delivery"), text.count <= 19, let id = Int(text),
                  let delivery = try await WebhookStore(member: context.store).delivery(id), delivery.subscriptionID == current.id
            else { throw WebError.notFound("Aucune livraison de ce numéro pour cet abonnement.") }
            try await module.replay([delivery.eventID], to: current, context: context, principal: principal)
            return JSONWriter.message("La livraison est renvoyée.")
        }
        routes.post("/api/v1/webhooks/:id/replay", manage, operation: IntegrationsAPI.replaySince) { request, context, principal in
            let current = try await module.subscription(context)
            let input = try await RequestPayload.json(Since.self, from: request)
            let count = try await module.replay(since: input.since, to: current, context: context, principal: principal)
            var json = JSONWriter()
            json.beginObject()
            json.field("message", "\(count) événement(s) renvoyé(s).")
            json.field("events", count)
            json.endObject()
            return json.response(status: .accepted)
        }
    }

    static func write(_ subscription: WebhookSubscription, secret: String? = nil, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", subscription.id.uuidString.lowercased())
        json.field("url", subscription.url)
        json.field("description", subscription.description)
        json.key("event_types")
        json.beginArray()
        for type in subscription.eventTypes { json.value(type) }
        json.endArray()
        json.field("enabled", subscription.enabled)
        json.field("disabled_reason", subscription.disabledReason)
        json.field("created_at", subscription.createdAt)
        if let secret { json.field("secret", secret) }
        json.endObject()
    }

    static func write(_ delivery: WebhookDelivery, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", delivery.id)
        json.field("event_id", delivery.eventID.uuidString.lowercased())
        json.field("event_type", delivery.eventType)
        json.field("attempt", delivery.attempt)
        json.key("status_code")
        if let status = delivery.statusCode { json.value(status) } else { json.null() }
        json.key("latency_ms")
        if let latency = delivery.latencyMilliseconds { json.value(latency) } else { json.null() }
        json.field("response_excerpt", delivery.responseExcerpt)
        json.field("error", delivery.error)
        json.field("succeeded", delivery.succeeded)
        json.field("created_at", delivery.createdAt)
        json.endObject()
    }
}

extension IntegrationsModule {
    func subscription(_ context: TenantRequestContext) async throws -> WebhookSubscription {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw WebError.invalidParameter("id", "L'identifiant de l'abonnement n'est pas valable.")
        }
        guard let subscription = try await WebhookStore(member: context.store).subscription(id) else {
            throw WebError.notFound("Aucun abonnement de ce numéro.")
        }
        return subscription
    }

    func create(url: String, description: String?, eventTypes: [String], context: TenantRequestContext, principal: Principal) async throws
        -> (WebhookSubscription, String)
    {
        let (url, description, types) = try checked(url: url, description: description, eventTypes: eventTypes)
        return try await context.store.transaction { connection in
            let created = try await WebhookStore(member: context.store).create(url: url, description: description, eventTypes: types, on: connection)
            try await journal("webhook.create", created.0.id, principal, ["url": url, "event_types": types.joined(separator: ",")], on: connection)
            return created
        }
    }

    func rotate(_ subscription: WebhookSubscription, context: TenantRequestContext, principal: Principal) async throws -> String {
        try await context.store.transaction { connection in
            guard let secret = try await WebhookStore(member: context.store).rotateSecret(subscription.id, overlap: Self.rotationOverlap, on: connection)
            else { throw WebError.notFound("Aucun abonnement de ce numéro.") }
            try await journal("webhook.rotate_secret", subscription.id, principal, [:], on: connection)
            return secret
        }
    }

    /// Delivers these events to the subscription again.
    func replay(_ events: [UUID], to subscription: WebhookSubscription, context: TenantRequestContext, principal: Principal) async throws {
        try await context.store.transaction { connection in
            for event in events {
                try await WebhookDeliverJob.enqueue(subscription: subscription.id, event: event, tenant: context.tenant.slug, again: true, on: connection)
            }
            try await journal("webhook.replay", subscription.id, principal, ["events": String(events.count)], on: connection)
        }
    }

    /// Delivers again every event of its types since `date` (at most 10,000); returns how many.
    func replay(since date: Date, to subscription: WebhookSubscription, context: TenantRequestContext, principal: Principal) async throws -> Int {
        guard date <= Date() else { throw WebError.invalidParameter("since", "La date doit être passée.") }
        let events = try await EventLog.events(since: date, types: subscription.eventTypes, limit: 10_000, in: context.store)
        try await replay(events.map(\.id), to: subscription, context: context, principal: principal)
        return events.count
    }

    func journal(_ action: String, _ id: UUID, _ principal: Principal, _ details: [String: String], on connection: PostgresConnection) async throws {
        try await AuditJournal.append(AuditEntry(
            actorKind: principal.kind.rawValue, actorID: principal.id, actorLabel: principal.label, action: action,
            objectType: "webhook", objectID: id.uuidString.lowercased(), details: details
        ), scope: .tenant, on: connection)
    }
}
