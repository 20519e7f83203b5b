import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// Partner systems: the OAuth 2.0 token endpoint (RFC 6749 §4.4, client credentials) and the
/// management API of a member's clients (`clients.manage`).
struct ClientRoutes {
    let module: AccountsModule

    struct TokenRequest: Decodable {
        var grantType: String?
        var clientId: String?
        var clientSecret: String?
        var scope: String?

        enum CodingKeys: String, CodingKey {
            case grantType = "grant_type"
            case clientId = "client_id"
            case clientSecret = "client_secret"
            case scope
        }
    }

    struct NewClient: Decodable {
        var name: String
        var scopes: [String]
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.post("/oauth/token", .public) { request, context in
            try await token(request, context)
        }
        routes.get("/api/v1/clients", .permission(.clientsManage), operation: AccountsAPI.listClients) { _, context, _ in
            let clients = try await module.administration.clients(tenant: context.tenant.slug)
            var json = JSONWriter()
            json.beginObject()
            json.key("data")
            json.beginArray()
            for client in clients { Self.write(client, into: &json) }
            json.endArray()
            json.endObject()
            return json.response()
        }
        routes.post("/api/v1/clients", .permission(.clientsManage), operation: AccountsAPI.createClient) { request, context, principal in
            let input = try await RequestPayload.json(NewClient.self, from: request)
            let (client, secret) = try await module.administration.createClient(
                tenant: context.tenant.slug, name: input.name, scopes: input.scopes, by: principal, origin: module.origin(request, context)
            )
            var json = JSONWriter()
            Self.write(client, secret: secret, into: &json)
            return json.response(status: .created)
        }
        routes.delete("/api/v1/clients/:client_id", .permission(.clientsManage), operation: AccountsAPI.revokeClient) { request, context, principal in
            guard let clientID = context.parameters.get("client_id"), clientID.utf8.count <= 64 else { throw WebError.notFound() }
            try await module.administration.revokeClient(tenant: context.tenant.slug, clientID: clientID, by: principal,
                                                         origin: module.origin(request, context))
            return Response(status: .noContent)
        }
    }

    /// Client credentials in the body or in HTTP Basic; errors in RFC 6749's own format.
    func token(_ request: Request, _ context: TenantRequestContext) async throws -> Response {
        let form: TokenRequest
        do {
            form = try await RequestPayload.form(TokenRequest.self, from: request)
        } catch let error as WebError where error.status == .contentTooLarge {
            throw error
        } catch {
            return Self.oauthError("invalid_request", "Le corps doit être un formulaire application/x-www-form-urlencoded.", status: .badRequest)
        }
        guard form.grantType == "client_credentials" else {
            return Self.oauthError("unsupported_grant_type", "Seul grant_type=client_credentials est pris en charge.", status: .badRequest)
        }
        var clientID = form.clientId
        var secret = form.clientSecret
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(authorization.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }),
           let colon = decoded.firstIndex(of: ":") {
            clientID = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        guard let clientID, let secret else {
            return Self.oauthError("invalid_client", "Identifiants du client manquants.", status: .unauthorized)
        }
        do {
            let issued = try await module.administration.issueToken(
                tenant: context.tenant.slug, clientID: clientID, secret: secret, scope: form.scope, origin: module.origin(request, context)
            )
            var json = JSONWriter()
            json.beginObject()
            json.field("access_token", issued.token)
            json.field("token_type", "Bearer")
            json.field("expires_in", issued.expiresIn)
            json.field("scope", issued.scopes.map(\.rawValue).joined(separator: " "))
            json.endObject()
            return json.response(headers: [.cacheControl: "no-store", HTTPField.Name("Pragma")!: "no-cache"])
        } catch IdentityError.invalidClient {
            return Self.oauthError("invalid_client", IdentityError.invalidClient.description, status: .unauthorized)
        } catch IdentityError.invalidScope(let scope) {
            return Self.oauthError("invalid_scope", IdentityError.invalidScope(scope).description, status: .badRequest)
        }
    }

    static func oauthError(_ code: String, _ description: String, status: HTTPResponse.Status) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.field("error", code)
        json.field("error_description", description)
        json.endObject()
        var headers: HTTPFields = [.cacheControl: "no-store"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Basic realm=\"oauth\"" }
        return json.response(status: status, headers: headers)
    }

    /// A client as the API shows it; its secret only in the answer that created it.
    static func write(_ client: APIClient, secret: String? = nil, into json: inout JSONWriter) {
        json.beginObject()
        json.field("client_id", client.clientID)
        if let secret { json.field("client_secret", secret) }
        json.field("name", client.name)
        json.field("active", client.active)
        json.field("created_at", client.createdAt)
        json.key("scopes")
        json.beginArray()
        for scope in client.scopes { json.value(scope.rawValue) }
        json.endArray()
        json.endObject()
    }
}
