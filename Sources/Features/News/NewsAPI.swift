import Web

/// The news API as the OpenAPI document describes it.
enum NewsAPI {
    static let itemSchema = JSONSchema.object(properties: [
        ("id", .integer(minimum: 1)), ("title", .string(maxLength: 200)), ("summary", .string(maxLength: 1000)),
        ("body", .string(maxLength: 20_000)), ("published_at", .dateTime),
    ], required: ["id", "title", "summary", "published_at"])

    static let list = APIOperation(
        "listNews", summary: "Actualités publiées, les plus récentes d'abord", tags: ["Actualités"],
        parameters: [.page, .perPage],
        responses: [
            200: APIResponse("Une page d'actualités (sans leur texte)", schema: .object(properties: [
                ("data", .array(itemSchema)),
                ("meta", .object(properties: [("page", .integer), ("per_page", .integer), ("total", .integer), ("page_count", .integer)],
                                 required: ["page", "per_page", "total", "page_count"])),
            ], required: ["data", "meta"]), headers: ["Link": "Pages voisines (RFC 8288)"]),
            400: .problem("Paramètre de pagination invalide"),
        ]
    )

    static let item = APIOperation(
        "getNews", summary: "Une actualité publiée", tags: ["Actualités"], parameters: [.integerID("Identifiant de l'actualité")],
        responses: [200: APIResponse("L'actualité", schema: itemSchema), 400: .problem("Identifiant invalide"), 404: .problem("Aucune actualité publiée de ce numéro")]
    )

    static let publish = APIOperation(
        "publishNews", summary: "Publier une actualité", tags: ["Actualités"],
        requestBody: .object(properties: [
            ("title", .string(minLength: 1, maxLength: 200)), ("summary", .string(maxLength: 1000)), ("body", .string(maxLength: 20_000)),
            ("published_at", .nullable(.string(format: "date-time", description: "Passée ; maintenant si absente ou nulle"))),
        ], required: ["title"]),
        requestExample: [
            "title": "Fermeture de la piscine", "summary": "La piscine municipale est fermée pour vidange du 5 au 12 janvier.",
            "body": "Les créneaux des clubs sont reportés ; les abonnements sont prolongés d'autant.",
        ],
        responses: [
            201: APIResponse("Publiée", schema: itemSchema, headers: ["Location": "Adresse de l'actualité"], example: [
                "id": 17, "title": "Fermeture de la piscine", "summary": "La piscine municipale est fermée pour vidange du 5 au 12 janvier.",
                "body": "Les créneaux des clubs sont reportés ; les abonnements sont prolongés d'autant.", "published_at": "2026-12-03T08:15:00Z",
            ] as [String: any Sendable]),
            400: .problem("Corps invalide"), 415: .problem("Corps non JSON"),
        ]
    )
}
