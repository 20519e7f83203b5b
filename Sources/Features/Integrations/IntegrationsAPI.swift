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

/// The events and webhooks API as the OpenAPI document describes it.
enum IntegrationsAPI {
    static let eventTags = ["Événements"]
    static let webhookTags = ["Webhooks"]
    static let event = JSONSchema.object(properties: [
        ("id", .uuid), ("seq", .integer(minimum: 1)), ("type", .string), ("subject", .string), ("data", .any(description: "Propre au type")),
        ("actor", .object(properties: [("kind", .string), ("label", .nullable(.string))], required: ["kind", "label"])),
        ("occurred_at", .dateTime),
    ], required: ["id", "seq", "type", "subject", "data", "actor", "occurred_at"])
    static let subscription = JSONSchema.object(properties: [
        ("id", .uuid), ("url", .string), ("description", .string), ("event_types", .array(.string)), ("enabled", .boolean),
        ("disabled_reason", .nullable(.string)), ("created_at", .dateTime),
        ("secret", .string(pattern: "^whsec_", description: "Montré une seule fois, à la création")),
    ], required: ["id", "url", "description", "event_types", "enabled", "disabled_reason", "created_at"])
    static let delivery = JSONSchema.object(properties: [
        ("id", .integer(minimum: 1)), ("event_id", .uuid), ("event_type", .string), ("attempt", .integer(minimum: 1)),
        ("status_code", .nullable(.integer)), ("latency_ms", .nullable(.integer)), ("response_excerpt", .nullable(.string)),
        ("error", .nullable(.string)), ("succeeded", .boolean), ("created_at", .dateTime),
    ], required: ["id", "event_id", "event_type", "attempt", "status_code", "latency_ms", "response_excerpt", "error", "succeeded", "created_at"])
    static let id = APIParameter.uuidID("id", "Identifiant de l'abonnement")
    static let errors: [Int: APIResponse] = [401: .problem("Non authentifié"), 403: .problem("Permission webhooks.manage requise")]
    static func with(_ responses: [Int: APIResponse]) -> [Int: APIResponse] { errors.merging(responses) { first, _ in first } }

    static let events = APIOperation(
        "listEvents", summary: "Le journal des événements du membre, dans l'ordre",
        description: "Reprendre avec `after` = le `next_cursor` reçu ; une page vide renvoie le même curseur. Événements conservés au moins 30 jours.",
        tags: eventTags,
        parameters: [.after, .limit(maximum: 500),
                     APIParameter("types", in: .query, description: "Types, séparés par des virgules", schema: .string(maxLength: 2000))],
        responses: [200: APIResponse("Une page d'événements", schema: .object(properties: [
            ("data", .array(event)), ("next_cursor", .string),
        ], required: ["data", "next_cursor"]), example: [
            "data": [[
                "id": "0f8e4a52-7d1c-4d4b-9a61-3c2f5be0a9d1", "seq": 42, "type": "news.published", "subject": "17",
                "data": ["title": "Fermeture de la piscine"], "actor": ["kind": "agent", "label": "redaction@amiens.fr"],
                "occurred_at": "2026-12-03T08:15:00Z",
            ] as [String: any Sendable]],
            "next_cursor": "NDI",
        ] as [String: any Sendable]), 400: .problem("Paramètre invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission events.read requise")]
    )
    static let listWebhooks = APIOperation(
        "listWebhooks", summary: "Les abonnements", tags: webhookTags,
        responses: with([200: APIResponse("Abonnements", schema: .object(properties: [("data", .array(subscription))], required: ["data"]))])
    )
    static let createWebhook = APIOperation(
        "createWebhook", summary: "S'abonner à des événements (le secret n'est montré qu'une fois)", tags: webhookTags,
        requestBody: .object(properties: [("url", .string(maxLength: 2000)), ("description", .string(maxLength: 500)),
                                          ("event_types", .array(.string))], required: ["url", "event_types"]),
        requestExample: [
            "url": "https://reservations.partenaire.example/webhooks/mutualis", "description": "Logiciel de réservation des salles",
            "event_types": ["news.published", "document.added"],
        ] as [String: any Sendable],
        responses: with([201: APIResponse("Créé", schema: subscription, headers: ["Location": "Adresse de l'abonnement"]),
                         400: .problem("Adresse, description ou types refusés")])
    )
    static let getWebhook = APIOperation(
        "getWebhook", summary: "Un abonnement", tags: webhookTags, parameters: [id],
        responses: with([200: APIResponse("L'abonnement", schema: subscription), 400: .problem("Identifiant invalide"), 404: .problem("Aucun abonnement de ce numéro")])
    )
    static let changeWebhook = APIOperation(
        "changeWebhook", summary: "Modifier un abonnement (adresse, description, types, actif)", tags: webhookTags, parameters: [id],
        requestBody: .object(properties: [("url", .string(maxLength: 2000)), ("description", .string(maxLength: 500)),
                                          ("event_types", .array(.string)), ("enabled", .boolean)], required: []),
        responses: with([200: APIResponse("Modifié", schema: subscription), 400: .problem("Champ refusé"), 404: .problem("Aucun abonnement de ce numéro")])
    )
    static let deleteWebhook = APIOperation(
        "deleteWebhook", summary: "Supprimer un abonnement", tags: webhookTags, parameters: [id],
        responses: with([204: .empty("Supprimé"), 400: .problem("Identifiant invalide"), 404: .problem("Aucun abonnement de ce numéro")])
    )
    static let rotateSecret = APIOperation(
        "rotateWebhookSecret", summary: "Changer de secret (l'ancien signe encore 24 heures)", tags: webhookTags, parameters: [id],
        responses: with([201: APIResponse("Le nouveau secret", schema: .object(properties: [
            ("secret", .string(pattern: "^whsec_")), ("previous_secret_valid_until", .dateTime),
        ], required: ["secret", "previous_secret_valid_until"])), 400: .problem("Identifiant invalide"), 404: .problem("Aucun abonnement de ce numéro")])
    )
    static let deliveries = APIOperation(
        "listWebhookDeliveries", summary: "Le journal des livraisons d'un abonnement, les plus récentes d'abord", tags: webhookTags,
        parameters: [id, .after, .limit()],
        responses: with([200: APIResponse("Une page de livraisons", schema: .object(properties: [
            ("data", .array(delivery)), ("next_cursor", .nullable(.string)),
        ], required: ["data", "next_cursor"])), 400: .problem("Paramètre invalide"), 404: .problem("Aucun abonnement de ce numéro")])
    )
    static let replayDelivery = APIOperation(
        "replayWebhookDelivery", summary: "Renvoyer l'événement d'une livraison", tags: webhookTags,
        parameters: [id, APIParameter("delivery", in: .path, description: "Identifiant de la livraison", schema: .integer(minimum: 1))],
        responses: with([202: APIResponse("Renvoyé", schema: AccountsLikeAPI.message), 400: .problem("Identifiant invalide"),
                         404: .problem("Aucune livraison de ce numéro")])
    )
    static let replaySince = APIOperation(
        "replayWebhookSince", summary: "Renvoyer tous les événements (de ses types) depuis une date", tags: webhookTags, parameters: [id],
        requestBody: .object(properties: [("since", .dateTime)], required: ["since"]),
        requestExample: ["since": "2026-12-01T00:00:00Z"],
        responses: with([202: APIResponse("Renvoyés", schema: .object(properties: [("message", .string), ("events", .integer(minimum: 0))],
                                                                       required: ["message", "events"])),
                         400: .problem("Date invalide"), 404: .problem("Aucun abonnement de ce numéro")])
    )
}

enum AccountsLikeAPI {
    static let message = JSONSchema.object(properties: [("message", .string)], required: ["message"])
}
