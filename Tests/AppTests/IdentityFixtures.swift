import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Modules
import Postgres
import Synchronization
import Testing
import Tenancy
import TenantStore
import TestSupport

extension TestPlatform {
    static let password = "une phrase de passe assez longue"

    /// Creates an active account directly (as an administrator would).
    @discardableResult
    func account(_ slug: String, _ email: String, roles: Set<Role>, password: String = TestPlatform.password) async throws -> Account {
        let tenant = try #require(services.directory.current.tenant(try TenantSlug(slug)))
        return try await MemberAdministration(context: services.identity).createAccount(
            tenant: tenant, email: email, displayName: "", kind: roles.isEmpty ? .citizen : .agent, roles: roles, password: password,
            by: Principal(kind: .operator, id: "tests", label: "tests", tenant: nil, roles: [], permissions: Set(services.modules.catalog.all)),
            origin: nil
        )
    }

    func count(_ sql: String) async throws -> Int {
        try await services.postgres.query(.init(unsafeSQL: sql)).single()?.decode(Int.self, at: 0) ?? -1
    }
}

/// The CSRF token of each session the tests signed in through the API (cookie → token), so that
/// `send` echoes it in `X-CSRF-Token` as a browser script would.
let signedInTokens = Mutex<[String: String]>([:])

extension TestClientProtocol {
    /// Signs in through the JSON API; returns the session cookie's value.
    func signIn(_ host: String, _ email: String, _ password: String = TestPlatform.password) async throws -> String {
        let response = try await send(.post, "/api/v1/session", host: host, json: ["email": email, "password": password])
        guard response.status == .ok, let cookie = response.cookie("__Host-mutualis") else {
            throw TestFailure("sign-in of \(email) on \(host) answered \(response.status): \(response.text)")
        }
        if let token = try response.json()["csrf_token"] as? String { signedInTokens.withLock { $0[cookie] = token } }
        return cookie
    }

    /// A request with a Host, optional JSON body, cookie and extra headers. A state-changing API
    /// call with a cookie from `signIn` carries its CSRF token unless `csrf` is false.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, host: String, json: Any? = nil, cookie: String? = nil,
        headers extra: HTTPFields = [:], body: String? = nil, contentType: String? = nil, csrf: Bool = true
    ) async throws -> TestResponse {
        var headers = extra
        headers[HTTPField.Name("Host")!] = host
        if csrf, ![.get, .head].contains(method), uri.hasPrefix("/api/"), headers[HTTPField.Name("X-CSRF-Token")!] == nil,
           let cookie, let token = signedInTokens.withLock({ $0[cookie] }) {
            headers[HTTPField.Name("X-CSRF-Token")!] = token
        }
        var buffer: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let body {
            headers[.contentType] = contentType ?? "application/x-www-form-urlencoded"
            buffer = ByteBuffer(string: body)
        }
        if let cookie { headers[.cookie] = cookie.contains("=") ? cookie : "__Host-mutualis=\(cookie)" }
        return try await execute(uri: uri, method: method, headers: headers, body: buffer)
    }
}

extension TestResponse {
    /// The value a `Set-Cookie` gives to `name`, if any.
    func cookie(_ name: String) -> String? {
        for field in headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first ?? ""
            if pair.hasPrefix("\(name)=") { return String(pair.dropFirst(name.count + 1)) }
        }
        return nil
    }

    func setCookieLine(_ name: String) -> String? {
        headers.filter { $0.name == .setCookie }.map(\.value).first { $0.hasPrefix("\(name)=") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func form(_ fields: [String: String]) -> String {
    fields.map { key, value in
        "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }.joined(separator: "&")
}

extension TestPlatform {
    /// A partner client of `slug` holding `scopes` (every delegable permission by default), and
    /// a bearer token for it.
    func clientToken(_ slug: String, scopes: [String]? = nil) async throws -> String {
        let tenant = try TenantSlug(slug)
        let catalog = services.modules.catalog
        let administration = MemberAdministration(context: services.identity)
        let scopes = scopes ?? catalog.delegable.map(\.rawValue).sorted()
        let (client, secret) = try await administration.createClient(
            tenant: tenant, name: "Client de test", scopes: scopes,
            by: Principal(kind: .operator, id: "tests", label: "tests", tenant: nil, roles: [], permissions: Set(catalog.all)), origin: nil
        )
        return try await administration.issueToken(tenant: tenant, clientID: client.clientID, secret: secret, scope: nil, origin: nil).token
    }
}
