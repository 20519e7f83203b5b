import Foundation
import Modules
import Postgres
import Tenancy
import TenantStore

extension InboxModule {
    /// `demo: inbox:` in a manifest: notices put in every active agent's inbox (unread, not to be
    /// mailed), once per agent.
    struct DemoNotice: Decodable {
        var title: String
        var body: String
        var link: String?
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let notices = try demo.section(Self.name, as: [DemoNotice].self), !notices.isEmpty else { return [] }
        let added = try await store.transaction { connection -> Int in
            let agents = try await connection.query("""
                SELECT a.id FROM accounts a
                WHERE a.kind = 'agent' AND a.status = 'active' AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.account_id = a.id)
                """).map { try $0.decode(UUID.self, at: 0) }
            for agent in agents {
                for notice in notices {
                    try await connection.query("""
                        INSERT INTO notifications (account_id, event_id, family, title, body, link, mailed_at)
                        VALUES (\(agent), \(UUID()), 'platform', left(\(notice.title), 200), left(\(notice.body), 2000), \(notice.link), now())
                        """)
                }
            }
            return agents.count
        }
        return added == 0 ? [] : ["\(notices.count) notification(s) for \(added) agent(s)"]
    }
}
