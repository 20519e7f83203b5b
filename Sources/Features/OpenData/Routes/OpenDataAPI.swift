import Web

/// The open-data API as the OpenAPI document describes it.
enum OpenDataAPI {
    static let tags = ["Données ouvertes"]
    static let datasetPath = APIParameter("id", in: .path, description: "Identifiant du jeu de données", schema: .string(pattern: "^[a-z0-9][a-z0-9-]{0,62}$"))
    static let resourcePath = APIParameter("resource", in: .path, description: "La ressource : csv, json ou geojson",
                                           schema: .string(values: ["csv", "json", "geojson"]))

    static let version = JSONSchema.object(properties: [
        ("version", .integer(minimum: 1)), ("sha256", .string(pattern: "^[0-9a-f]{64}$")), ("size", .integer(minimum: 0)),
        ("rows", .nullable(.integer(minimum: 0))), ("published_at", .dateTime), ("url", .string),
    ], required: ["version", "sha256", "size", "rows", "published_at", "url"])

    static let resource = JSONSchema.object(properties: [
        ("id", .string), ("title", .string), ("format", .string(values: ["csv", "json", "geojson"])), ("media_type", .string),
        ("url", .nullable(.string)), ("versions", .array(version)),
    ], required: ["id", "title", "format", "media_type", "url", "versions"])

    static let dataset = JSONSchema.object(properties: [
        ("id", .string), ("title", .string), ("description", .string), ("licence", .string(values: ["lov2", "odbl"])),
        ("licence_url", .string), ("frequency", .string), ("keywords", .array(.string)),
        ("temporal_start", .nullable(.string(format: "date"))), ("temporal_end", .nullable(.string(format: "date"))),
        ("spatial_code", .string), ("spatial_name", .string), ("producer", .string), ("producer_siret", .string),
        ("contact_email", .string), ("theme", .string), ("schema", .nullable(.string)), ("schema_url", .nullable(.string)),
        ("source", .string(values: ["records", "catalogue", "files"])), ("updated_at", .dateTime),
        ("resources", .array(resource)),
    ], required: ["id", "title", "description", "licence", "keywords", "schema", "source", "resources"])

    static let list = APIOperation(
        "listDatasets", summary: "Les jeux de données du catalogue de la commune", tags: tags,
        parameters: [APIParameter("q", in: .query, description: "Recherche en texte intégral (français, sans accents)", schema: .string(maxLength: 200)),
                     APIParameter("schema", in: .query, description: "Schéma SCDL déclaré", schema: .string(values: SCDLSchemas.names))],
        responses: [200: APIResponse("Les jeux de données", schema: .object(properties: [("data", .array(dataset))], required: ["data"])),
                    400: .problem("Paramètre invalide")]
    )

    static let get = APIOperation(
        "getDataset", summary: "Un jeu de données, ses ressources et leurs versions", tags: tags, parameters: [datasetPath],
        responses: [200: APIResponse("Le jeu de données", schema: dataset), 404: .problem("Aucun jeu de données de cet identifiant")]
    )

    static let download = APIOperation(
        "downloadDatasetResource", summary: "Télécharger la version en cours d'une ressource (GET conditionnel accepté)", tags: tags,
        parameters: [datasetPath, resourcePath,
                     APIParameter("version", in: .query, description: "Une version conservée (par défaut la dernière)", schema: .integer(minimum: 1, maximum: 999_999_999))],
        responses: [200: APIResponse("Le fichier (CSV en UTF-8 avec ligne d'en-tête, JSON ou GeoJSON)", schema: .binary, mediaType: "text/csv",
                                     headers: ["ETag": "SHA-256 du fichier", "Last-Modified": "Date de publication de la version"],
                                     alternatives: ["application/json": .array(.any(description: "Une ligne")),
                                                    "application/geo+json": .any(description: "Une FeatureCollection")]),
                    206: APIResponse("Une plage du fichier CSV (Range)", schema: .binary, mediaType: "text/csv"),
                    416: .problem("Plage hors du fichier"),
                    304: .empty("Inchangé (If-None-Match ou If-Modified-Since)"), 400: .problem("Paramètre invalide"),
                    404: .problem("Aucune version publiée")]
    )

    static let upload = APIOperation(
        "uploadDatasetResource", summary: "Déposer une nouvelle version (CSV contrôlé par le schéma déclaré)",
        description: """
            Le corps est le fichier (`text/csv` en UTF-8 ; `?encodage=latin1` le convertit depuis Latin-1) ou un formulaire \
            `multipart/form-data` dont le champ `fichier` est le fichier. Un jeu produit à partir de lignes reçoit les lignes du \
            fichier puis est actualisé ; un jeu de fichiers reçoit le fichier comme nouvelle version (JSON et GeoJSON acceptés). \
            Un fichier non conforme est refusé (422) avec ses erreurs par ligne et par colonne, et rien ne change.
            """,
        tags: tags,
        parameters: [datasetPath, APIParameter("encodage", in: .query, description: "latin1 : convertir depuis Latin-1", schema: .string(values: ["utf-8", "latin1"]))],
        requestMediaTypes: ["text/csv": .binary, "application/json": .any(), "multipart/form-data": .object(properties: [("fichier", .binary)], required: ["fichier"])],
        responses: [201: APIResponse("Publiée (ou identique à la version en cours)", schema: .object(properties: [
                        ("outcome", .string(values: ["published", "unchanged"])), ("rows", .integer(minimum: 0)),
                        ("versions", .object(properties: [], required: [], additional: true)), ("dataset", dataset),
                    ], required: ["outcome", "rows", "versions", "dataset"])),
                    400: .problem("Fichier vide ou illisible"), 401: .problem("Non authentifié"), 403: .problem("Permission opendata.publish requise"),
                    404: .problem("Aucun jeu de données de cet identifiant"), 413: .problem("Fichier plus grand que la limite"),
                    422: .problem("Fichier non conforme (erreurs dans `errors`)")]
    )
}
