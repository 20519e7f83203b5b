import Foundation
import Modules
import Postgres
import Tenancy
import TenantStore
import Webhooks

extension IntegrationsModule {
    /// `demo: integrations:` in a manifest: example webhook subscriptions, created switched off
    /// (their partner does not exist), for the pages to show what one looks like.
    struct DemoSubscription: Decodable {
        var url: String
        var description: String
        var event_types: [String]
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let subscriptions = try demo.section(Self.name, as: [DemoSubscription].self), !subscriptions.isEmpty else { return [] }
        guard try await WebhookStore(member: store).subscriptions().isEmpty else { return [] }
        try await store.transaction { connection in
            for demo in subscriptions {
                let (url, description, types) = try checked(url: demo.url, description: demo.description, eventTypes: demo.event_types)
                let (created, _) = try await WebhookStore(member: store).create(url: url, description: description, eventTypes: types, on: connection)
                _ = try await WebhookStore(member: store).update(created.id, url: nil, description: nil, eventTypes: nil, enabled: false, on: connection)
            }
        }
        return ["\(subscriptions.count) webhook subscription(s), switched off"]
    }
}
