import Web

struct QueuePages: Sendable {
    let services: RequestsServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {}
}
