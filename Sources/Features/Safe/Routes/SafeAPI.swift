import Web

/// The safe's API as the OpenAPI document describes it (a citizen's session: cookie and
/// `X-CSRF-Token` on writes).
enum SafeAPI {
    static let tags = ["Coffre-fort"]
    static let document = JSONSchema.object(properties: [
        ("id", .uuid), ("file_name", .string(maxLength: 200)), ("media_type", .string), ("size", .integer(minimum: 1)),
        ("hash_algorithm", .string(values: ["SHA-256"])), ("sha256", .string(pattern: "^[0-9a-f]{64}$")), ("deposited_at", .dateTime),
        ("deposited_by", .object(properties: [("kind", .string), ("label", .nullable(.string))], required: ["kind", "label"])),
        ("verified_at", .nullable(.dateTime)), ("verification", .nullable(.string(values: ["intact", "altered"]))),
        ("content", .string(description: "Adresse du contenu")),
    ], required: ["id", "file_name", "media_type", "size", "hash_algorithm", "sha256", "deposited_at", "deposited_by",
                  "verified_at", "verification", "content"])
    static let usage = JSONSchema.object(properties: [
        ("documents", .integer(minimum: 0)), ("bytes", .integer(minimum: 0)), ("quota", .integer(minimum: 1)),
    ], required: ["documents", "bytes", "quota"])
    static let entry = JSONSchema.object(properties: [
        ("id", .integer(minimum: 1)), ("occurred_at", .dateTime), ("actor", .object(properties: [("kind", .string), ("label", .nullable(.string))],
                                                                                       required: ["kind", "label"])),
        ("action", .string(values: ["deposit", "read", "metadata", "list", "verify", "delete", "export", "journal", "rotate", "share"])),
        ("document_id", .nullable(.uuid)), ("sha256", .nullable(.string)), ("outcome", .string(values: ["success", "failure"])), ("detail", .string),
    ], required: ["id", "occurred_at", "actor", "action", "document_id", "sha256", "outcome", "detail"])
    static let id = APIParameter.uuidID("id", "Identifiant du document dans le coffre-fort")
    static let errors: [Int: APIResponse] = [401: .problem("Non connecté"), 403: .problem("Réservé aux usagers, ou jeton anti-falsification manquant"),
                                             503: .problem("Coffre-fort indisponible")]

    static func responses(_ own: [Int: APIResponse]) -> [Int: APIResponse] { errors.merging(own) { mine, _ in mine } }

    static let deposit = APIOperation(
        "depositSafeDocument", summary: "Déposer un document dans mon coffre-fort",
        description: """
            Le corps est le fichier lui-même, son nom dans `Content-Disposition: attachment; filename*=UTF-8''…`. Il est chiffré \
            (AES-256-GCM, clé propre à l'usager) avant d'être stocké ; son empreinte SHA-256 est conservée. Le type est reconnu \
            d'après le contenu.
            """,
        tags: tags, requestMediaTypes: ["application/octet-stream": .binary],
        responses: responses([201: APIResponse("Déposé", schema: document, headers: ["Location": "Adresse des métadonnées"]),
                              400: .problem("Fichier vide ou nom invalide"), 413: .problem("Fichier trop volumineux, ou espace du coffre-fort insuffisant")])
    )
    static let list = APIOperation(
        "listSafeDocuments", summary: "Les documents de mon coffre-fort (les plus récents d'abord), leur nombre et l'espace utilisé", tags: tags,
        parameters: [.after, .limit()],
        responses: responses([200: APIResponse("Une page de documents", schema: .object(properties: [
            ("data", .array(document)), ("next_cursor", .nullable(.string)), ("count", .integer(minimum: 0)), ("usage", usage),
        ], required: ["data", "next_cursor", "count", "usage"])), 400: .problem("Paramètre invalide")])
    )
    static let content = APIOperation(
        "getSafeDocument", summary: "Le contenu d'un document de mon coffre-fort (vérifié avant d'être servi)", tags: tags, parameters: [id],
        responses: responses([200: APIResponse("Le contenu, avec le type reconnu au dépôt", schema: .binary, mediaType: "*/*",
                                               headers: ["ETag": "SHA-256 du document"],
                                               alternatives: ["application/json": .any(description: "Un document JSON")]),
                              400: .problem("Identifiant invalide"), 404: .problem("Aucun document de ce numéro dans mon coffre-fort"),
                              409: .problem("Document altéré")])
    )
    static let metadata = APIOperation(
        "getSafeDocumentMetadata", summary: "Les métadonnées d'un document (déposant, date, taille, empreinte et algorithme, type)", tags: tags,
        parameters: [id],
        responses: responses([200: APIResponse("Les métadonnées", schema: document), 400: .problem("Identifiant invalide"),
                              404: .problem("Aucun document de ce numéro dans mon coffre-fort")])
    )
    static let verify = APIOperation(
        "verifySafeDocument", summary: "Vérifier l'intégrité d'un document (relu, déchiffré, empreinte recalculée)", tags: tags, parameters: [id],
        responses: responses([200: APIResponse("Intègre", schema: document), 400: .problem("Identifiant invalide"),
                              404: .problem("Aucun document de ce numéro dans mon coffre-fort"), 409: .problem("Document altéré")])
    )
    static let delete = APIOperation(
        "deleteSafeDocument", summary: "Supprimer un document de mon coffre-fort (définitivement)", tags: tags, parameters: [id],
        responses: responses([204: .empty("Supprimé"), 400: .problem("Identifiant invalide"),
                              404: .problem("Aucun document de ce numéro dans mon coffre-fort")])
    )
    static let journal = APIOperation(
        "getSafeJournal", summary: "Le journal de mon coffre-fort (qui, quoi, quand, quel document, quelle empreinte)", tags: tags,
        parameters: [.after, .limit()],
        responses: responses([200: APIResponse("Une page du journal, le plus récent d'abord", schema: .object(properties: [
            ("data", .array(entry)), ("next_cursor", .nullable(.string)),
        ], required: ["data", "next_cursor"])), 400: .problem("Paramètre invalide")])
    )
    static let export = APIOperation(
        "exportSafe", summary: "Tout mon coffre-fort en une archive ZIP (documents, manifeste des empreintes, SHA256SUMS)", tags: tags,
        responses: responses([200: APIResponse("L'archive", schema: .binary, mediaType: "application/zip")])
    )
}
