import Web

/// The partners' requests API as the OpenAPI document describes it.
enum RequestsAPI {
    static let tags = ["Démarches en ligne"]
    static let numberPath = APIParameter("number", in: .path, description: "Numéro de la demande (DEPOTS-SAUVAGES-2026-000042)",
                                         schema: .string(pattern: "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{4}-[0-9]{6,}$", maxLength: 60))
    static let slug = JSONSchema.string(pattern: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", maxLength: 40)

    static let choice = JSONSchema.object(properties: [("value", .string), ("label", .string)], required: ["value", "label"])
    static let condition = JSONSchema.object(properties: [("field", .string), ("value", .string)], required: ["field", "value"],
                                             description: "Le champ n'est affiché (et sa réponse gardée) que si le champ `field` vaut `value`.")
    static let field = JSONSchema.object(properties: [
        ("key", .string), ("label", .string), ("help", .nullable(.string)), ("kind", .string(values: RequestsAPIWriter.kinds)),
        ("required", .boolean), ("max_length", .integer(minimum: 1)), ("media_types", .array(.string)), ("max_bytes", .integer(minimum: 1)),
        ("text", .string), ("choices", .array(choice)), ("condition", condition),
    ], required: ["key", "label", "help", "kind", "required"])
    static let transitionSchema = JSONSchema.object(properties: [
        ("id", .string), ("label", .string), ("from", .array(.string)), ("to", .string),
    ], required: ["id", "label", "from", "to"])

    static let requestType = JSONSchema.object(properties: [
        ("slug", slug), ("title", .string), ("description", .string),
        ("owner", .object(properties: [("slug", .string), ("name", .string)], required: ["slug", "name"],
                          description: "Le membre qui traite les demandes (l'intercommunalité pour ses compétences)")),
        ("allows_anonymous", .boolean), ("located", .boolean), ("delay_days", .integer(minimum: 1)), ("version", .integer(minimum: 1)),
        ("open311_group", .string),
        ("form", .object(properties: [
            ("title", .string),
            ("pages", .array(.object(properties: [("title", .string), ("fields", .array(field))], required: ["title", "fields"]))),
        ], required: ["title", "pages"])),
        ("statuses", .array(.object(properties: [("id", .string), ("label", .string), ("initial", .boolean), ("final", .boolean)],
                                    required: ["id", "label", "initial", "final"]))),
        ("transitions", .array(transitionSchema)),
    ], required: ["slug", "title", "description", "owner", "allows_anonymous", "located", "delay_days", "version", "form", "statuses", "transitions"])

    static let address = JSONSchema.object(properties: [
        ("text", .string), ("latitude", .any(description: "Latitude WGS 84 (nombre), ou null")),
        ("longitude", .any(description: "Longitude WGS 84 (nombre), ou null")),
    ], required: ["text", "latitude", "longitude"])

    static let historyEntry = JSONSchema.object(properties: [
        ("at", .dateTime), ("event", .string(values: ["filed", "transition", "citizen_reply", "agent_message"])),
        ("status", .string), ("status_label", .string), ("transition", .string), ("message", .nullable(.string)), ("documents", .array(.uuid)),
    ], required: ["at", "event"])

    static let request = JSONSchema.object(properties: [
        ("id", .uuid), ("number", .string),
        ("type", .object(properties: [("slug", .string), ("title", .string), ("version", .integer(minimum: 1))], required: ["slug", "title", "version"])),
        ("status", .string), ("status_label", .string), ("closed", .boolean), ("filed_at", .dateTime), ("updated_at", .dateTime),
        ("late_from", .dateTime), ("filing_member", .string), ("channel", .string(values: ["portal", "api", "open311"])),
        ("revision", .integer(minimum: 1)), ("address", .nullable(address)),
        ("answers", .array(.object(properties: [
            ("key", .string), ("label", .string), ("kind", .string(values: RequestsAPIWriter.kinds)), ("display", .string),
            ("value", .any(description: "La réponse enregistrée : texte, tableau de choix, booléen (oui/non), identifiant de document ou adresse")),
        ], required: ["key", "label", "kind", "display", "value"]))),
        ("documents", .array(.uuid)), ("history", .array(historyEntry)),
        ("transitions", .array(transitionSchema, description: "Les transitions possibles depuis le statut actuel")),
    ], required: ["id", "number", "type", "status", "status_label", "closed", "filed_at", "updated_at", "filing_member", "channel",
                  "revision", "address", "answers", "documents", "history", "transitions"])

    static let listItem = JSONSchema.object(properties: [
        ("id", .uuid), ("number", .string), ("type", .string), ("type_title", .string), ("status", .string), ("status_label", .string),
        ("closed", .boolean), ("late", .boolean), ("filed_at", .dateTime), ("filing_member", .string),
    ], required: ["id", "number", "type", "type_title", "status", "status_label", "closed", "late", "filed_at", "filing_member"])

    static let filing = JSONSchema.object(properties: [
        ("type", .string(maxLength: 40, description: "Le `slug` d'une démarche proposée sur ce portail")),
        ("answers", .object(properties: [], required: [], additional: true,
                            description: "Les réponses par clé de champ : une chaîne, ou un tableau de chaînes (choix multiples). Une adresse : `clé`, `clé.latitude`, `clé.longitude`.")),
        ("contact", .object(properties: [("email", .string(maxLength: 254)), ("name", .string(maxLength: 200))], required: ["email"],
                            description: "La personne pour qui la demande est déposée : elle reçoit l'accusé de réception et les messages")),
    ], required: ["type", "contact"])

    static let listTypes = APIOperation(
        "listRequestTypes", summary: "Les démarches proposées sur ce portail (les siennes et celles de l'intercommunalité), formulaire et statuts",
        tags: tags,
        responses: [200: APIResponse("Les démarches", schema: .object(properties: [("data", .array(requestType))], required: ["data"])),
                    401: .problem("Non authentifié"), 403: .problem("Permission requests.read requise")]
    )

    static let file = APIOperation(
        "fileRequest", summary: "Déposer une demande pour le compte d'un usager",
        description: """
            Corps JSON, ou formulaire `multipart/form-data` dont la partie `request` est ce JSON et chaque autre partie le fichier \
            d'un champ fichier (nom de la partie = clé du champ ; type vérifié d'après le contenu). Les réponses sont contrôlées \
            comme sur le portail : une demande non conforme est refusée (422) avec ses erreurs par champ dans `errors` \
            (`field`, `message`), y compris une démarche inconnue (`field` = `type`) ou un contact invalide (`contact.email`). \
            L'usager reçoit l'accusé de réception par courriel.
            """,
        tags: tags,
        requestBody: filing,
        requestExample: ["type": "eclairage-public", "answers": ["adresse": "Place de la Mairie", "panne": "eteint", "danger": "non"] as [String: String],
                         "contact": ["email": "habitant@example.org", "name": "Claude Habitant"] as [String: String]] as [String: any Sendable],
        requestMediaTypes: ["multipart/form-data": .object(properties: [("request", .string(description: "Le corps JSON de la demande"))],
                                                           required: ["request"], additional: true)],
        responses: [201: APIResponse("Déposée", schema: request, headers: ["Location": "Adresse de la demande"]),
                    400: .problem("Corps illisible"), 401: .problem("Non authentifié"), 403: .problem("Permission requests.file requise"),
                    413: .problem("Contenu trop volumineux"), 415: .problem("Type de contenu non pris en charge"),
                    422: .problem("Demande non conforme (erreurs par champ dans `errors`)")]
    )

    static let list = APIOperation(
        "listRequests", summary: "Les demandes que traite ce membre, les plus récentes d'abord", tags: tags,
        parameters: [APIParameter("type", in: .query, description: "Identifiant de la démarche", schema: slug),
                     APIParameter("status", in: .query, description: "Identifiant du statut", schema: .string(pattern: "^[a-z][a-z0-9_-]*$", maxLength: 40)),
                     .after, .limit()],
        responses: [200: APIResponse("Les demandes", schema: .object(properties: [("data", .array(listItem)), ("next_cursor", .nullable(.string))],
                                                                     required: ["data", "next_cursor"])),
                    400: .problem("Paramètre invalide"), 401: .problem("Non authentifié"), 403: .problem("Permission requests.read requise")]
    )

    static let get = APIOperation(
        "getRequest", summary: "Une demande : statut, réponses, historique public (sans les notes internes), documents", tags: tags,
        parameters: [numberPath],
        responses: [200: APIResponse("La demande", schema: request), 401: .problem("Non authentifié"),
                    403: .problem("Permission requests.read requise"), 404: .problem("Aucune demande de ce numéro")]
    )

    static let message = APIOperation(
        "sendRequestMessage", summary: "Écrire au demandeur sans changer le statut", tags: tags, parameters: [numberPath],
        requestBody: .object(properties: [("message", .string(maxLength: 10_000))], required: ["message"]),
        requestExample: ["message": "Pouvez-vous préciser le numéro de la maison la plus proche ?"],
        responses: [201: APIResponse("Message envoyé ; la demande", schema: request), 400: .problem("Corps illisible"),
                    401: .problem("Non authentifié"), 403: .problem("Permission requests.process requise"),
                    404: .problem("Aucune demande de ce numéro"), 409: .problem("Demande close"), 415: .problem("Type de contenu non pris en charge"),
                    422: .problem("Message vide ou invalide")]
    )

    static let transition = APIOperation(
        "applyRequestTransition", summary: "Faire avancer une demande dans son circuit (prendre en charge, accepter…)", tags: tags,
        parameters: [numberPath],
        requestBody: .object(properties: [
            ("transition", .string(maxLength: 40, description: "L'identifiant d'une transition de la démarche")),
            ("comment", .string(maxLength: 10_000, description: "Ajouté au message envoyé au demandeur")),
            ("revision", .integer(minimum: 1, description: "La révision lue : refusée (409) si la demande a changé depuis")),
        ], required: ["transition"]),
        requestExample: ["transition": "prendre-en-charge"],
        responses: [200: APIResponse("La demande après la transition", schema: request), 400: .problem("Corps illisible"),
                    401: .problem("Non authentifié"), 403: .problem("Permission requise par la transition"),
                    404: .problem("Aucune demande de ce numéro"), 409: .problem("Transition impossible depuis le statut actuel, ou demande modifiée"),
                    415: .problem("Type de contenu non pris en charge"), 422: .problem("Transition inconnue ou commentaire invalide")]
    )
}
