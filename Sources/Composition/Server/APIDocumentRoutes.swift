import Foundation
import HTTPTypes
import Hummingbird
import Identity
import NIOCore
import Tenancy
import Web

/// `GET /api/v1/openapi.json` on every member host: the OpenAPI document of the routes that
/// member serves (the modules it has enabled), with its own server URL.
struct APIDocumentRoutes: Sendable {
    let table: RouteTable
    let document: @Sendable (Tenant) -> OpenAPIDocument

    init(table: RouteTable, configuration: MutualisConfiguration, catalog: PermissionCatalog) {
        self.table = table
        let cookie = SessionCookie(insecure: configuration.insecureCookies)
        document = { tenant in
            OpenAPIDocument(serverURL: configuration.publicAddresses.portal(tenant.slug), memberName: tenant.name, sessionCookie: cookie.name, catalog: catalog)
        }
    }

    static let operation = APIOperation(
        "getOpenAPIDocument", summary: "Le document OpenAPI 3.1 de cette API", tags: ["API"],
        responses: [200: APIResponse("Le document, propre à la commune (ses services, son adresse)", schema: .object(properties: [
            ("openapi", .string(values: ["3.1.0"])), ("info", .any()), ("paths", .any()), ("components", .any()), ("servers", .any()), ("tags", .any()),
        ], required: ["openapi", "info", "paths"], additional: true))]
    )

    /// The member's document: the routes of the modules it has enabled.
    func json(for tenant: Tenant) -> Data {
        document(tenant).json(for: OpenAPIDocument.documented(table.all, enabled: { tenant.modules.contains($0) }))
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/api/v1/openapi.json", .public, operation: Self.operation) { _, context in
            let body = json(for: context.tenant)
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
