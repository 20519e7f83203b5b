import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Modules
import Notifications
import Postgres
import Tenancy
import TenantStore
import Web

/// The inbox pages and API (`/compte/notifications`, `/api/v1/me/notifications`).
struct InboxRoutes {
    let module: InboxModule

    struct PreferencesForm: FormPayload {
        var csrf: String?
        var choices: [String: String]?

        enum CodingKeys: String, CodingKey {
            case csrf
            case choices = "livraison"
        }
    }

    struct PreferencesInput: Decodable {
        var preferences: [String: String]
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/compte/notifications", .signedIn) { request, context, principal in
            let inbox = try inbox(context, principal)
            let items = try await inbox.notifications(limit: 100, before: nil)
            let notices = ["lues": "Toutes vos notifications sont marquées comme lues.", "preferences": "Vos préférences sont enregistrées."]
            return module.context.pages.render("inbox", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
                "csrf": context.session?.record.csrf ?? "",
                "notice": request.query["message"].flatMap { notices[$0] } ?? false,
                "items": items.map { item in
                    [
                        "id": item.id, "title": item.title, "body": item.body, "link": item.link ?? false,
                        "date": FrenchDate.long(item.createdAt), "unread": item.readAt == nil,
                    ] as [String: Any]
                },
                "empty": items.isEmpty, "anyUnread": items.contains { $0.readAt == nil },
            ])
        }
        routes.form("/compte/notifications/:id/lue", .signedIn, ButtonForm.self) { _, context, principal, _ in
            guard try await inbox(context, principal).markRead(try Self.id(context)) else { throw WebError.notFound("Aucune de vos notifications ne porte ce numéro.") }
            throw WebError.redirect(to: "/compte/notifications")
        }
        routes.form("/compte/notifications/lues", .signedIn, ButtonForm.self) { _, context, principal, _ in
            try await inbox(context, principal).markAllRead()
            throw WebError.redirect(to: "/compte/notifications?message=lues")
        }
        routes.get("/compte/notifications/preferences", .signedIn) { _, context, principal in
            let choices = try await inbox(context, principal).preferences()
            return module.context.pages.render("inbox-preferences", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
                "csrf": context.session?.record.csrf ?? "",
                "families": module.families.map { family in
                    [
                        "id": family.id, "label": family.label,
                        "options": Delivery.allCases.map { delivery in
                            ["value": delivery.rawValue, "label": delivery.label, "selected": (choices[family.id] ?? .default) == delivery]
                        },
                    ] as [String: Any]
                },
                "none": module.families.isEmpty,
            ])
        }
        routes.form("/compte/notifications/preferences", .signedIn, PreferencesForm.self) { _, context, principal, form in
            try await inbox(context, principal).setPreferences(try choices(form.choices ?? [:]))
            throw WebError.redirect(to: "/compte/notifications?message=preferences")
        }

        routes.get("/api/v1/me/notifications", .signedIn, operation: InboxAPI.list) { request, context, principal in
            let query = request.query
            let limit = try Cursor.limit(from: query, preferred: 50, maximum: 200)
            let before = try Cursor.single("after", Int.self, from: query)
            let inbox = try inbox(context, principal)
            let items = try await inbox.notifications(limit: limit + 1, before: before)
            var json = JSONWriter()
            json.beginObject()
            json.page(items, limit: limit, cursor: { Cursor([String($0.id)]) }) { Self.write($0, into: &$1) }
            json.field("unread", try await inbox.unreadCount())
            json.endObject()
            return json.response()
        }
        routes.post("/api/v1/me/notifications/:id/read", .signedIn, operation: InboxAPI.read) { _, context, principal in
            guard try await inbox(context, principal).markRead(try Self.id(context)) else { throw WebError.notFound("Aucune de vos notifications ne porte ce numéro.") }
            return Response(status: .noContent)
        }
        routes.post("/api/v1/me/notifications/read-all", .signedIn, operation: InboxAPI.readAll) { _, context, principal in
            try await inbox(context, principal).markAllRead()
            return Response(status: .noContent)
        }
        routes.get("/api/v1/me/notification-preferences", .signedIn, operation: InboxAPI.preferencesOperation) { _, context, principal in
            let choices = try await inbox(context, principal).preferences()
            return preferences(choices)
        }
        routes.put("/api/v1/me/notification-preferences", .signedIn, operation: InboxAPI.setPreferences) { request, context, principal in
            let input = try await RequestPayload.json(PreferencesInput.self, from: request)
            let inbox = try inbox(context, principal)
            try await inbox.setPreferences(try choices(input.preferences))
            return preferences(try await inbox.preferences())
        }
    }

    func inbox(_ context: TenantRequestContext, _ principal: Principal) throws -> Inbox {
        guard let inbox = module.inbox(context, principal) else {
            throw WebError(.notFound, kind: "no-inbox", title: "Pas de notifications", detail: "Les notifications sont celles des comptes du membre.")
        }
        return inbox
    }

    /// Family → delivery, each checked.
    func choices(_ raw: [String: String]) throws -> [String: Delivery] {
        let known = Set(module.families.map(\.id))
        var choices: [String: Delivery] = [:]
        for (family, value) in raw {
            guard known.contains(family) else { throw WebError.invalidParameter("preferences", "Famille de notifications inconnue : \(family.prefix(40)).") }
            guard let delivery = Delivery(rawValue: value) else {
                throw WebError.invalidParameter("preferences", "Choix inconnu : \(value.prefix(40)) (immediate, digest ou in_app).")
            }
            choices[family] = delivery
        }
        return choices
    }

    func preferences(_ choices: [String: Delivery]) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.key("data")
        json.beginArray()
        for family in module.families {
            json.beginObject()
            json.field("family", family.id)
            json.field("label", family.label)
            json.field("delivery", (choices[family.id] ?? .default).rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.response()
    }

    static func id(_ context: TenantRequestContext) throws -> Int {
        guard let text = context.parameters.get("id"), text.count <= 19, let id = Int(text), id > 0 else {
            throw WebError.invalidParameter("id", "L'identifiant doit être un entier positif.")
        }
        return id
    }

    static func write(_ item: Notifications.Notification, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", item.id)
        json.field("event_id", item.eventID.uuidString.lowercased())
        json.field("family", item.family)
        json.field("title", item.title)
        json.field("body", item.body)
        json.field("link", item.link)
        json.field("created_at", item.createdAt)
        json.key("read_at")
        if let read = item.readAt { json.value(read) } else { json.null() }
        json.endObject()
    }
}
