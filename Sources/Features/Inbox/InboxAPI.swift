import Events
import Foundation
import Hummingbird
import Identity
import Modules
import Notifications
import Postgres
import Tenancy
import TenantStore
import Web

enum InboxAPI {
    static let tags = ["Notifications"]
    static let notification = JSONSchema.object(properties: [
        ("id", .integer(minimum: 1)), ("event_id", .uuid), ("family", .string), ("title", .string), ("body", .string),
        ("link", .nullable(.string)), ("created_at", .dateTime), ("read_at", .nullable(.dateTime)),
    ], required: ["id", "event_id", "family", "title", "body", "link", "created_at", "read_at"])
    static let preferences = JSONSchema.object(properties: [("data", .array(.object(properties: [
        ("family", .string), ("label", .string), ("delivery", .string(values: ["immediate", "digest", "in_app"])),
    ], required: ["family", "label", "delivery"])))], required: ["data"])
    static let id = APIParameter("id", in: .path, description: "Identifiant de la notification", schema: .integer(minimum: 1))
    static let errors: [Int: APIResponse] = [401: .problem("Non connecté"), 403: .problem("Jeton anti-falsification manquant"),
                                             404: .problem("Pas de notifications pour ce compte")]

    static let list = APIOperation(
        "listMyNotifications", summary: "Mes notifications, les plus récentes d'abord", tags: tags, parameters: [.after, .limit()],
        responses: errors.merging([200: APIResponse("Une page de notifications", schema: .object(properties: [
            ("data", .array(notification)), ("unread", .integer(minimum: 0)), ("next_cursor", .nullable(.string)),
        ], required: ["data", "unread", "next_cursor"])), 400: .problem("Paramètre invalide")]) { first, _ in first }
    )
    static let read = APIOperation(
        "markNotificationRead", summary: "Marquer une notification comme lue", tags: tags, parameters: [id],
        responses: errors.merging([204: .empty("Marquée"), 400: .problem("Identifiant invalide")]) { first, _ in first }
    )
    static let readAll = APIOperation(
        "markAllNotificationsRead", summary: "Tout marquer comme lu", tags: tags,
        responses: errors.merging([204: .empty("Marquées")]) { first, _ in first }
    )
    static let preferencesOperation = APIOperation(
        "getNotificationPreferences", summary: "Comment je suis prévenu, par famille d'événements", tags: tags,
        responses: errors.merging([200: APIResponse("Les préférences", schema: preferences)]) { first, _ in first }
    )
    static let setPreferences = APIOperation(
        "setNotificationPreferences", summary: "Choisir comment être prévenu (courriel immédiat, récapitulatif quotidien, portail seulement)",
        tags: tags,
        requestBody: .object(properties: [("preferences", .object(properties: [], required: [], additional: true,
                                                                     description: "Famille → immediate, digest ou in_app"))], required: ["preferences"]),
        requestExample: ["preferences": ["news": "immediate", "documents": "digest"]] as [String: any Sendable],
        responses: errors.merging([200: APIResponse("Les préférences", schema: preferences), 400: .problem("Famille ou choix inconnu")]) { first, _ in first }
    )
}
