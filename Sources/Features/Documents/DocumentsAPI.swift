import Web

/// The document API as the OpenAPI document describes it.
enum DocumentsAPI {
    static let tags = ["Documents"]
    static let document = JSONSchema.object(properties: [
        ("id", .uuid), ("file_name", .string(maxLength: 200)), ("media_type", .string), ("size", .integer(minimum: 0)),
        ("sha256", .string(pattern: "^[0-9a-f]{64}$")), ("sha512", .string(pattern: "^[0-9a-f]{128}$")), ("added_at", .dateTime),
        ("added_by", .object(properties: [("kind", .string), ("label", .nullable(.string))], required: ["kind", "label"])),
        ("content", .string(description: "Adresse du contenu")),
    ], required: ["id", "file_name", "media_type", "size", "sha256", "sha512", "added_at", "added_by", "content"])
    static let id = APIParameter.uuidID("id", "Identifiant du document")

    static let upload = APIOperation(
        "uploadDocument", summary: "Déposer un document",
        description: """
            Le corps est le fichier lui-même (son nom dans `Content-Disposition: attachment; filename*=UTF-8''…` ou `?nom=`), \
            ou un formulaire `multipart/form-data` dont le champ `fichier` est le fichier. Le type est reconnu d'après le \
            contenu (PDF, PNG, JPEG, TIFF, ZIP, Word, Excel, PowerPoint, OpenDocument, XML, JSON, CSV, texte).
            """,
        tags: tags,
        parameters: [APIParameter("nom", in: .query, description: "Nom du fichier (corps brut)", schema: .string(maxLength: 200))],
        requestMediaTypes: [
            "application/octet-stream": .binary,
            "multipart/form-data": .object(properties: [("fichier", .binary)], required: ["fichier"]),
        ],
        responses: [201: APIResponse("Déposé", schema: document, headers: ["Location": "Adresse du document"]),
                    400: .problem("Formulaire mal formé ou fichier vide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission documents.write requise"), 413: .problem("Fichier trop volumineux"),
                    415: .problem("Type de fichier non reconnu")]
    )
    static let list = APIOperation(
        "listDocuments", summary: "Les documents, les plus récents d'abord", tags: tags, parameters: [.after, .limit()],
        responses: [200: APIResponse("Une page de documents", schema: .object(properties: [
            ("data", .array(document)), ("next_cursor", .nullable(.string)),
        ], required: ["data", "next_cursor"])), 400: .problem("Paramètre invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission documents.read requise")]
    )
    static let get = APIOperation(
        "getDocument", summary: "Un document", tags: tags, parameters: [id],
        responses: [200: APIResponse("Le document", schema: document), 400: .problem("Identifiant invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission documents.read requise"), 404: .problem("Aucun document de ce numéro")]
    )
    static let content = APIOperation(
        "getDocumentContent", summary: "Le contenu d'un document (plages d'octets acceptées)", tags: tags,
        parameters: [id, APIParameter("Range", in: .header, description: "Une plage d'octets (bytes=0-1023) ; une plage illisible est ignorée (RFC 9110)", schema: .string)],
        responses: [200: APIResponse("Le contenu, avec le type détecté à l'ajout (JSON : toujours entier)", schema: .binary, mediaType: "*/*",
                                     alternatives: ["application/json": .any(description: "Un document JSON"), "application/geo+json": .any(description: "Un document GeoJSON")]),
                    206: APIResponse("Une plage du contenu", schema: .binary, mediaType: "*/*"),
                    304: .empty("Inchangé (If-None-Match)"), 400: .problem("Identifiant invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission documents.read requise"), 404: .problem("Aucun document de ce numéro"),
                    416: .problem("Plage hors du document")]
    )
    static let release = APIOperation(
        "releaseDocument", summary: "Retirer un document déposé par l'API (il est effacé après un délai de grâce si aucun service ne s'en sert)",
        tags: tags, parameters: [id],
        responses: [204: .empty("Retiré"), 400: .problem("Identifiant invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission documents.write requise"), 404: .problem("Aucun document déposé par l'API de ce numéro")]
    )
}
