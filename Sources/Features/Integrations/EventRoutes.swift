import Events
import Foundation
import Hummingbird
import Identity
import Modules
import Postgres
import Tenancy
import TenantStore
import Web

/// `GET /api/v1/events`: the member's event log, in order, after a cursor, of some types.
struct EventRoutes {
    let module: IntegrationsModule

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/api/v1/events", .permission(.eventsRead), operation: IntegrationsAPI.events) { request, context, _ in
            let query = request.query
            let limit = try Cursor.limit(from: query, preferred: 100, maximum: 500)
            let after = try Cursor.single("after", Int.self, from: query) ?? 0
            guard after >= 0 else { throw WebError.invalidParameter("after", "Le curseur « after » n'est pas valable : reprenez celui de la page précédente.") }
            var types: [String]?
            if let text = query["types"] {
                let listed = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let known = Set(module.eventTypeNames)
                guard listed.count <= 50, listed.allSatisfy(known.contains) else {
                    throw WebError.invalidParameter("types", "types liste des types d'événements connus, séparés par des virgules.")
                }
                types = listed
            }
            let events = try await EventLog.events(after: after, types: types, limit: limit, in: context.store)
            var json = JSONWriter(capacity: 512 * max(1, events.count))
            json.beginObject()
            json.key("data")
            json.beginArray()
            for event in events { Self.write(event, into: &json) }
            json.endArray()
            // The position reached: the next call continues from there (empty page: same cursor).
            json.field("next_cursor", Cursor([String(events.last?.seq ?? after)]).encoded)
            json.endObject()
            return json.response()
        }
    }

    static func write(_ event: RecordedEvent, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", event.id.uuidString.lowercased())
        json.field("seq", event.seq)
        json.field("type", event.type)
        json.field("subject", event.subject)
        json.key("data")
        json.raw(Array(event.data.text.utf8))
        json.key("actor")
        json.beginObject()
        json.field("kind", event.actor.kind)
        json.field("label", event.actor.label)
        json.endObject()
        json.field("occurred_at", event.occurredAt)
        json.endObject()
    }
}
