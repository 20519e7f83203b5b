import Web

/// The accounts, sessions, agents and clients API as the OpenAPI document describes it.
enum AccountsAPI {
    static let tags = ["Comptes et sessions"]
    static let email = JSONSchema.string(format: "email", maxLength: 254)
    static let message = JSONSchema.object(properties: [("message", .string)], required: ["message"])
    static let me = JSONSchema.object(properties: [
        ("kind", .string(values: ["citizen", "agent", "operator", "client"])), ("id", .string), ("email", .string), ("name", .string),
        ("tenant", .string), ("roles", .array(.string)), ("permissions", .array(.string)),
        ("csrf_token", .string(description: "À renvoyer dans X-CSRF-Token pour les écritures authentifiées par le cookie")),
    ], required: ["kind", "id", "tenant", "roles", "permissions"])

    static let signIn = APIOperation(
        "signIn", summary: "Se connecter (ouvre une session : cookie)", tags: tags,
        requestBody: .object(properties: [("email", .string(maxLength: 254)), ("password", .string(maxLength: 1024))], required: ["email", "password"]),
        requestExample: ["email": "claire.martin@exemple.fr", "password": "une phrase de passe assez longue"],
        responses: [200: APIResponse("Connecté ; le cookie de session est posé", schema: me), 400: .problem("Corps invalide"),
                    401: .problem("Identifiants incorrects"), 403: .problem("Adresse non confirmée"), 429: .problem("Trop de tentatives")]
    )
    static let meOperation = APIOperation(
        "getMe", summary: "Qui suis-je (session ou client partenaire)", tags: tags,
        responses: [200: APIResponse("L'appelant", schema: me), 401: .problem("Non connecté")]
    )
    static let signOut = APIOperation(
        "signOut", summary: "Fermer la session courante", tags: tags,
        responses: [204: .empty("Session fermée"), 401: .problem("Non connecté"), 403: .problem("Jeton anti-falsification manquant")]
    )
    static let sessions = APIOperation(
        "listSessions", summary: "Mes sessions ouvertes", tags: tags,
        responses: [200: APIResponse("Sessions", schema: .object(properties: [("data", .array(.object(properties: [
            ("id", .string(pattern: "^[0-9a-f]{64}$")), ("created_at", .dateTime), ("last_seen_at", .dateTime),
            ("ip", .nullable(.string)), ("user_agent", .nullable(.string)), ("current", .boolean),
        ], required: ["id", "created_at", "last_seen_at", "ip", "user_agent", "current"])))], required: ["data"])),
        401: .problem("Non connecté")]
    )
    static let endSession = APIOperation(
        "endSession", summary: "Fermer l'une de mes sessions", tags: tags,
        parameters: [APIParameter("id", in: .path, description: "Empreinte de la session (liste des sessions)", schema: .string(pattern: "^[0-9a-f]{64}$"))],
        responses: [204: .empty("Fermée"), 401: .problem("Non connecté"), 403: .problem("Jeton anti-falsification manquant"),
                    404: .problem("Aucune de vos sessions ne porte ce nom")]
    )
    static let endAllSessions = APIOperation(
        "endAllSessions", summary: "Me déconnecter partout", tags: tags,
        responses: [204: .empty("Toutes les sessions sont fermées"), 401: .problem("Non connecté"), 403: .problem("Jeton anti-falsification manquant")]
    )
    static let signUp = APIOperation(
        "signUp", summary: "Créer un compte d'usager (un lien de confirmation est envoyé)", tags: tags,
        requestBody: .object(properties: [("email", .string(maxLength: 254)), ("password", .string(maxLength: 1024)),
                                          ("display_name", .string(maxLength: 120))], required: ["email", "password"]),
        responses: [202: APIResponse("Demande prise en compte (la réponse ne dit pas si l'adresse a déjà un compte)", schema: message),
                    400: .problem("Corps invalide"), 422: .problem("Adresse ou mot de passe refusé"), 429: .problem("Trop de demandes")]
    )
    static let verify = APIOperation(
        "verifyEmail", summary: "Confirmer son adresse avec le jeton reçu", tags: tags,
        requestBody: .object(properties: [("token", .string(maxLength: 100))], required: ["token"]),
        responses: [204: .empty("Compte activé"), 400: .problem("Lien non valable")]
    )
    static let resendVerification = APIOperation(
        "resendVerification", summary: "Recevoir un nouveau lien de confirmation", tags: tags,
        requestBody: .object(properties: [("email", .string(format: "email", maxLength: 254))], required: ["email"]),
        responses: [202: APIResponse("Demande prise en compte", schema: message), 400: .problem("Corps invalide"), 422: .problem("Adresse invalide"),
                    429: .problem("Trop de demandes")]
    )
    static let requestReset = APIOperation(
        "requestPasswordReset", summary: "Recevoir un lien de réinitialisation du mot de passe", tags: tags,
        requestBody: .object(properties: [("email", .string(format: "email", maxLength: 254))], required: ["email"]),
        responses: [202: APIResponse("Demande prise en compte", schema: message), 400: .problem("Corps invalide"), 422: .problem("Adresse invalide"),
                    429: .problem("Trop de demandes")]
    )
    static let confirmReset = APIOperation(
        "confirmPasswordReset", summary: "Choisir un nouveau mot de passe avec le jeton reçu", tags: tags,
        requestBody: .object(properties: [("token", .string(maxLength: 100)), ("password", .string(maxLength: 1024))], required: ["token", "password"]),
        responses: [204: .empty("Mot de passe changé ; les autres sessions sont fermées"), 400: .problem("Lien non valable"),
                    422: .problem("Mot de passe refusé")]
    )

    static let agentTags = ["Agents"]
    static let agent = JSONSchema.object(properties: [
        ("id", .uuid), ("email", .string), ("display_name", .string), ("status", .string(values: ["pending", "active", "disabled"])),
        ("roles", .array(.string(values: ["agent", "signatory", "buyer", "archivist", "tenant_admin"]))),
    ], required: ["id", "email", "display_name", "status", "roles"])
    static let roles = JSONSchema.array(.string(values: ["agent", "signatory", "buyer", "archivist", "tenant_admin"]))

    static let listAgents = APIOperation(
        "listAgents", summary: "Les agents du membre", tags: agentTags,
        responses: [200: APIResponse("Agents", schema: .object(properties: [("data", .array(agent))], required: ["data"])),
                    401: .problem("Non authentifié"), 403: .problem("Permission users.manage requise")]
    )
    static let createAgent = APIOperation(
        "createAgent", summary: "Créer un agent (une invitation lui est envoyée)", tags: agentTags,
        requestBody: .object(properties: [("email", .string(maxLength: 254)), ("display_name", .string(maxLength: 120)), ("roles", roles)],
                             required: ["email", "roles"]),
        responses: [201: APIResponse("Créé", schema: agent, headers: ["Location": "Adresse de l'agent"]), 400: .problem("Corps invalide"),
                    401: .problem("Non authentifié"), 403: .problem("Permission users.manage requise"), 422: .problem("Adresse refusée ou déjà prise")]
    )
    static let setRoles = APIOperation(
        "setAgentRoles", summary: "Remplacer les rôles d'un agent (ses sessions sont fermées)", tags: agentTags,
        parameters: [.uuidID("id", "Identifiant de l'agent")],
        requestBody: .object(properties: [("roles", roles)], required: ["roles"]),
        responses: [204: .empty("Rôles remplacés"), 400: .problem("Corps ou identifiant invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission users.manage requise"), 404: .problem("Aucun agent de ce numéro")]
    )
    static func setEnabled(_ enabled: Bool) -> APIOperation {
        APIOperation(
            enabled ? "enableAgent" : "disableAgent", summary: enabled ? "Réactiver un agent" : "Désactiver un agent (ses sessions sont fermées)",
            tags: agentTags, parameters: [.uuidID("id", "Identifiant de l'agent")],
            responses: [204: .empty("Fait"), 400: .problem("Identifiant invalide"), 401: .problem("Non authentifié"),
                        403: .problem("Permission users.manage requise"), 404: .problem("Aucun agent de ce numéro")]
        )
    }

    static let clientTags = ["Clients partenaires"]
    static let client = JSONSchema.object(properties: [
        ("client_id", .string(pattern: "^c_[0-9a-f]{20}$")), ("client_secret", .string(description: "Montré une seule fois, à la création")),
        ("name", .string), ("active", .boolean), ("created_at", .dateTime), ("scopes", .array(.string)),
    ], required: ["client_id", "name", "active", "created_at", "scopes"])
    static let listClients = APIOperation(
        "listClients", summary: "Les clients partenaires du membre", tags: clientTags,
        responses: [200: APIResponse("Clients", schema: .object(properties: [("data", .array(client))], required: ["data"])),
                    401: .problem("Non authentifié"), 403: .problem("Permission clients.manage requise")]
    )
    static let createClient = APIOperation(
        "createClient", summary: "Créer un client partenaire (son secret n'est montré qu'une fois)",
        description: "Les périmètres sont des permissions délégables que le créateur détient lui-même.", tags: clientTags,
        requestBody: .object(properties: [("name", .string(maxLength: 120)), ("scopes", .array(.string))], required: ["name", "scopes"]),
        responses: [201: APIResponse("Créé", schema: client), 400: .problem("Corps invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission clients.manage requise"), 422: .problem("Nom ou périmètre refusé")]
    )
    static let revokeClient = APIOperation(
        "revokeClient", summary: "Révoquer un client (ses jetons cessent de valoir)", tags: clientTags,
        parameters: [APIParameter("client_id", in: .path, description: "Identifiant du client", schema: .string(maxLength: 64))],
        responses: [204: .empty("Révoqué"), 401: .problem("Non authentifié"), 403: .problem("Permission clients.manage requise"),
                    404: .problem("Aucun client de ce nom")]
    )
}
