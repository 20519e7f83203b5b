import Web

struct RequestsAPIRoutes: Sendable {
    let services: RequestsServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {}
}
