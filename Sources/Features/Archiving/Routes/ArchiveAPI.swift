import Web

/// The archive API as the OpenAPI document describes it.
enum ArchiveAPI {
    static let tags = ["Archivage"]
    static let id = APIParameter.uuidID("id", "Identifiant du transfert")
    static let event = JSONSchema.object(properties: [
        ("type", .string(description: "Étape de contrôle (CHECK_CONTAINER, CHECK_SEDA, CHECK_DIGEST…)")), ("outcome", .string(values: ["OK", "KO"])),
        ("detail", .string(description: "Code stable du motif")), ("message", .string(description: "Motif en français")),
    ], required: ["type", "outcome", "detail", "message"])
    static let reply = JSONSchema.object(properties: [
        ("transfer_id", .uuid), ("version", .string(values: ["2.1", "2.2", "2.3"])), ("message_identifier", .string),
        ("date", .dateTime), ("reply_code", .string(values: ["OK", "KO"])), ("message_request_identifier", .string),
        ("archival_agreement", .nullable(.string)), ("archival_agency", .string), ("transferring_agency", .string),
        ("grant_date", .nullable(.dateTime)), ("events", .array(event)),
    ], required: ["transfer_id", "version", "message_identifier", "date", "reply_code", "message_request_identifier",
                  "archival_agency", "transferring_agency", "events"])

    /// The SEDA form of a reply (`Accept: application/xml`).
    static let xml: [String: JSONSchema] = ["application/xml": .string(description: "ArchiveTransferReply (SEDA)")]

    static let ingest = APIOperation(
        "createArchiveTransfer", summary: "Verser un paquet d'archives (SIP SEDA 2.1, 2.2 ou 2.3)",
        description: """
            Corps : le SIP, une archive ZIP contenant `manifest.xml` (un `ArchiveTransfer`) et ses objets. Contrôles, dans l'ordre : \
            sûreté du ZIP (chemins, liens, taille, taux de compression), sûreté du XML (pas de DTD), schéma SEDA, empreintes et tailles, \
            formats, convention d'entrée et service producteur, identifiants, références. Réponse : l'`ArchiveTransferReply` dans la \
            version SEDA du SIP, en XML avec `Accept: application/xml`, sinon en JSON (même contenu). 201 : accepté et conservé en \
            deux exemplaires vérifiés ; 422 : refusé (KO, avec les motifs), rien n'est conservé.
            """,
        tags: tags,
        requestMediaTypes: ["application/zip": .binary, "application/octet-stream": .binary],
        responses: [201: APIResponse("Transfert accepté (OK)", schema: reply, headers: ["Location": "Adresse du transfert"], alternatives: xml),
                    401: .problem("Non authentifié"), 403: .problem("Permission archive.ingest requise"),
                    413: .problem("Paquet trop volumineux"), 422: APIResponse("Transfert refusé (KO), avec ses motifs ; ou clé d'idempotence réutilisée (problème)", schema: reply,
                                         alternatives: xml.merging(["application/problem+json": .reference("Problem")]) { $1 }),
                    503: .problem("Archivage indisponible (stockage, schémas)")]
    )
    static let get = APIOperation(
        "getArchiveTransfer", summary: "La réponse (ArchiveTransferReply) d'un transfert", tags: tags, parameters: [id],
        responses: [200: APIResponse("La réponse du transfert (XML avec Accept: application/xml)", schema: reply, alternatives: xml),
                    400: .problem("Identifiant invalide"), 401: .problem("Non authentifié"), 403: .problem("Permission archive.read requise"),
                    404: .problem("Aucun transfert de ce numéro")]
    )

    static let deliver = APIOperation(
        "createArchiveDelivery", summary: "Communiquer des unités d'archives (DIP)",
        description: """
            Corps JSON : `{"units": ["<uuid>", …]}`. Réponse : une archive ZIP contenant `manifest.xml` (un \
            `ArchiveDeliveryRequestReply` SEDA 2.2 décrivant les unités et leurs objets) et les objets sous `content/`. Chaque unité doit \
            être communicable (délai de sa règle d'accès échu) — sauf pour un archiviste (permission archive.admin), dont la \
            communication est tracée au journal.
            """,
        tags: tags,
        requestBody: .object(properties: [("units", .array(.uuid))], required: ["units"]),
        requestExample: ["units": ["5f0c6a9e-3b1d-4c2a-9e8f-1a2b3c4d5e6f"]],
        responses: [200: APIResponse("Le DIP", schema: .binary, mediaType: "application/zip"),
                    400: .problem("Corps invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission archive.read requise, ou unité pas encore communicable"),
                    404: .problem("Unité inconnue"), 409: .problem("Unité éliminée"), 422: .problem("Aucune unité demandée"),
                    503: .problem("Archivage indisponible")]
    )
}
