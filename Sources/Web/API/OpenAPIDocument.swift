import Foundation
import HTTPTypes
import Identity
import Tenancy

/// The partner API's OpenAPI 3.1 document, derived from the route table: every `/api/v1`
/// route declared with its operation (a route without one is a programming error the tests
/// catch), its security from its declared access, the answers every API route can give
/// (RFC 9457 problems, 401/403 by access, 429 with the rate-limit headers) and, on every `POST`,
/// the `Idempotency-Key` header.
public struct OpenAPIDocument: Sendable {
    public var serverURL: String
    public var memberName: String
    public var sessionCookie: String
    public var catalog: PermissionCatalog

    public init(serverURL: String, memberName: String, sessionCookie: String, catalog: PermissionCatalog) {
        self.serverURL = serverURL
        self.memberName = memberName
        self.sessionCookie = sessionCookie
        self.catalog = catalog
    }

    public static let version = "1.0.0"

    /// The API routes of `routes` that belong in the document (a member's routes under `/api/v1`,
    /// of the modules `enabled` says the member has).
    public static func documented(_ routes: [RouteTable.Declaration], enabled: (PlatformModule) -> Bool = { _ in true }) -> [RouteTable.Declaration] {
        routes.filter { $0.scope == .member && $0.path.hasPrefix("/api/v1/") && ($0.module.map(enabled) ?? true) }
    }

    /// `/api/v1/news/:id` → `/api/v1/news/{id}`.
    public static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }

    public func object(for routes: [RouteTable.Declaration]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            guard let operation = route.operation else { continue }
            let path = Self.openAPIPath(route.path)
            paths[path, default: [:]][route.method.rawValue.lowercased()] = self.operation(operation, route: route)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "API de \(memberName) (Mutualis)",
                "version": Self.version,
                "description": Self.introduction,
            ] as [String: Any],
            "servers": [["url": serverURL]],
            "paths": paths,
            "components": components,
            "tags": Set(routes.compactMap(\.operation).flatMap(\.tags)).sorted().map { ["name": $0] },
        ]
    }

    public func json(for routes: [RouteTable.Declaration]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object(for: routes), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    func operation(_ operation: APIOperation, route: RouteTable.Declaration) -> [String: Any] {
        var object: [String: Any] = ["operationId": operation.id, "summary": operation.summary, "tags": operation.tags]
        if let description = operation.description { object["description"] = description }
        var parameters = operation.parameters.map(\.document)
        if route.method == .post {
            parameters.append(APIParameter(
                "Idempotency-Key", in: .header,
                description: "Rejouer sans risque : la première réponse est gardée 24 h pour ce client et cette clé, et rendue pour le même corps (`Idempotent-Replayed: true`) ; un autre corps est une erreur 422.",
                schema: .string(pattern: "^[!-~]{1,255}$", minLength: 1, maxLength: 255)
            ).document)
        }
        if !parameters.isEmpty { object["parameters"] = parameters }
        var content: [String: Any] = [:]
        if let body = operation.requestBody {
            var media: [String: Any] = ["schema": body.document(request: true)]
            if let example = operation.requestExample { media["example"] = example }
            content["application/json"] = media
        }
        for (type, schema) in operation.requestMediaTypes { content[type] = ["schema": schema.document] }
        if !content.isEmpty { object["requestBody"] = ["required": true, "content": content] }
        var responses: [String: Any] = [:]
        for (status, response) in operation.responses { responses[String(status)] = response.document(status: status, rateLimited: true) }
        for (status, response) in commonResponses(route) where responses[String(status)] == nil {
            responses[String(status)] = response.document(status: status, rateLimited: status != 429)
        }
        object["responses"] = responses
        object["security"] = security(route)
        return object
    }

    /// Answers any route can give beyond its own: by its access, its method and the API guard.
    func commonResponses(_ route: RouteTable.Declaration) -> [(Int, APIResponse)] {
        var responses: [(Int, APIResponse)] = [
            (429, APIResponse("Trop de requêtes : réessayer après `Retry-After` secondes", schema: .reference("Problem"),
                              mediaType: "application/problem+json", headers: ["Retry-After": "Secondes à attendre"])),
            (400, .problem("Requête invalide (paramètre, en-tête ou corps)")),
            (404, .problem("Ressource introuvable, ou service non ouvert par la commune")),
        ]
        if route.access != .public {
            responses.append((401, APIResponse("Non authentifié", schema: .reference("Problem"), mediaType: "application/problem+json",
                                               headers: ["WWW-Authenticate": "Bearer"])))
            responses.append((403, .problem("Droits insuffisants, ou jeton CSRF absent d'une écriture par session")))
        }
        if route.method == .post {
            responses.append((409, .problem("Une requête avec la même clé d'idempotence est en cours")))
            responses.append((422, .problem("Clé d'idempotence déjà utilisée pour un autre corps")))
        }
        if route.operation?.requestBody != nil || !(route.operation?.requestMediaTypes.isEmpty ?? true) {
            responses.append((413, .problem("Corps trop volumineux")))
            responses.append((415, .problem("Type de contenu non accepté")))
        }
        return responses
    }

    /// Who may call: anyone; a signed-in person (session cookie, and the CSRF header on writes);
    /// or a permission's holder (a person by role, a partner by a token carrying it as scope).
    func security(_ route: RouteTable.Declaration) -> [[String: [String]]] {
        let write = ![HTTPRequest.Method.get, .head].contains(route.method)
        let session: [String: [String]] = write ? ["session": [], "csrf": []] : ["session": []]
        switch route.access {
        case .public: return [[:]]
        case .signedIn: return [session]
        case .permission(let permission):
            var options = [session]
            if catalog.delegable.contains(permission) { options.insert(["partner": [permission.rawValue]], at: 0) }
            return options
        }
    }

    var components: [String: Any] {
        let scopes = Dictionary(catalog.delegable.map { ($0.rawValue, catalog.label($0)) }, uniquingKeysWith: { first, _ in first })
        return [
            "schemas": [
                "Problem": JSONSchema.object(properties: [
                    ("type", .string(description: "Référence du type de problème (`/problems/<sorte>`)")),
                    ("title", .string), ("status", .integer(minimum: 400, maximum: 599)), ("detail", .string), ("instance", .string),
                    ("request_id", .string(description: "À citer au support")),
                    ("parameter", .string(description: "Le paramètre en cause")),
                ], required: ["type", "title", "status"], additional: true, description: "RFC 9457").document,
            ],
            "securitySchemes": [
                "partner": [
                    "type": "oauth2",
                    "description": "Client d'un système partenaire (OAuth 2.0, client credentials) : le jeton porte les permissions accordées au client comme portées.",
                    "flows": ["clientCredentials": ["tokenUrl": "\(serverURL)/oauth/token", "scopes": scopes]],
                ] as [String: Any],
                "session": [
                    "type": "apiKey", "in": "cookie", "name": sessionCookie,
                    "description": "Session d'une personne connectée (`POST /api/v1/session`).",
                ],
                "csrf": [
                    "type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                    "description": "Le jeton CSRF de la session (`csrf_token` de `POST /api/v1/session` ou `GET /api/v1/me`), exigé sur toute écriture faite par session.",
                ],
            ] as [String: Any],
        ]
    }

    static let introduction = """
        API de la plate-forme mutualisée pour les systèmes partenaires et les applications de la commune.

        - Authentification : jeton d'un client partenaire (`POST /oauth/token`, client credentials, portées = permissions), ou session d'une personne (cookie, plus l'en-tête `X-CSRF-Token` sur les écritures).
        - Erreurs : documents RFC 9457 (`application/problem+json`) avec `request_id`.
        - Listes : pagination par curseur (`?after=<next_cursor>&limit=`) ; les plus anciennes listes gardent `?page=&per_page=` et l'en-tête `Link`.
        - Dates : RFC 3339, en UTC. Montants : entiers en centimes, avec la devise ISO 4217.
        - `POST` : en-tête `Idempotency-Key` pour rejouer sans doublon (24 h).
        - Limites : par client et par adresse, annoncées par `RateLimit-Policy` et `RateLimit` ; au-delà, 429 et `Retry-After`.
        """
}

extension APIParameter {
    var document: [String: Any] {
        ["name": name, "in": location.rawValue, "required": required, "description": description, "schema": schema.document]
    }
}

extension APIResponse {
    static let exampleKinds: [Int: String] = [
        400: "invalid-parameter", 401: "unauthorized", 403: "forbidden", 404: "not-found", 409: "conflict", 413: "payload-too-large",
        415: "unsupported-media-type", 416: "range-not-satisfiable", 422: "unprocessable", 429: "rate-limited", 503: "service-unavailable",
    ]

    func document(status: Int, rateLimited: Bool) -> [String: Any] {
        var object: [String: Any] = ["description": description]
        if let schema {
            var media: [String: Any] = ["schema": schema.document]
            if let example {
                media["example"] = example
            } else if mediaType == "application/problem+json" {
                // Every problem the same way: its kind, French text, the request id to quote.
                media["example"] = [
                    "type": "/problems/\(Self.exampleKinds[status] ?? "bad-request")", "title": description, "status": status,
                    "detail": description + ".", "request_id": "6f1c2b9e0d4a4e7f8a3b5c1d2e3f4a5b",
                ] as [String: Any]
            }
            var content: [String: Any] = [mediaType: media]
            for (type, schema) in alternatives { content[type] = ["schema": schema.document] }
            object["content"] = content
        }
        var headers = self.headers.mapValues { ["description": $0, "schema": ["type": "string"]] as [String: Any] }
        if rateLimited {
            headers["RateLimit-Policy"] = ["description": "Les limites du client et de l'adresse (`\"caller\";q=600;w=60, …`)", "schema": ["type": "string"]]
            headers["RateLimit"] = ["description": "Ce qu'il reste dans la limite la plus proche (`\"caller\";r=599;t=1`)", "schema": ["type": "string"]]
        }
        if !headers.isEmpty { object["headers"] = headers }
        return object
    }
}
