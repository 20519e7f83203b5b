import Composition
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Jobs
import Notifications
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Domain events and notifications")
struct EventsNotificationsTests {
    @Test("an event is written with its change or not at all: a rolled-back transaction leaves no event and no consumer job")
    func eventWithTheChange() async throws {
        try await TestPlatform.with { platform in
            let slug = try TenantSlug("boves")
            let store = platform.services.tenantStore
            let before = try await platform.count("SELECT count(*) FROM platform.jobs WHERE tenant_slug = 'boves'")
            struct Abandon: Error {}
            await #expect(throws: Abandon.self) {
                try await store.withTenant(slug) { connection in
                    _ = try await platform.services.events.record(
                        NewEvent(type: "news.published", subject: "999", actor: .system), tenant: slug, on: connection
                    )
                    throw Abandon()
                }
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_boves.events") == 0)
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE tenant_slug = 'boves'") == before)

            let recorded = try await store.withTenant(slug) { connection in
                try await platform.services.events.record(NewEvent(type: "news.published", subject: "1000", actor: .system), tenant: slug, on: connection)
            }
            #expect(recorded.seq >= 1)
            // One job per consumer, after commit: notifications and webhooks.
            #expect(try await platform.count("""
                SELECT count(*) FROM platform.jobs WHERE tenant_slug = 'boves' AND kind IN ('notifications.notify', 'webhooks.fanout')
                """) == 2)
        }
    }

    @Test("partners read the event log by cursor and by type (events.read)")
    func eventsAPI() async throws {
        try await TestPlatform.with { platform in
            let publisher = try await platform.clientToken("saleux", scopes: ["news.publish"])
            let reader = try await platform.clientToken("saleux", scopes: ["events.read"])
            try await platform.test { client in
                for title in ["Conseil municipal", "Collecte des encombrants"] {
                    let response = try await client.send(.post, "/api/v1/news", host: "saleux.localhost", json: ["title": title],
                                                         headers: [.authorization: "Bearer \(publisher)"])
                    #expect(response.status == .created)
                }
                let bearer: HTTPFields = [.authorization: "Bearer \(reader)"]
                let first = try await client.send(.get, "/api/v1/events?limit=1&types=news.published", host: "saleux.localhost", headers: bearer)
                #expect(first.status == .ok)
                let page = try first.json()
                let data = try #require(page["data"] as? [[String: Any]])
                #expect(data.count == 1)
                #expect(data.first?["type"] as? String == "news.published")
                #expect((data.first?["actor"] as? [String: Any])?["kind"] as? String == "client")
                // The event's data follows the API's conventions: snake_case, RFC 3339 dates.
                let published = (data.first?["data"] as? [String: Any])?["published_at"] as? String
                #expect(published.flatMap { ISO8601DateFormatter().date(from: $0) } != nil, "\(data.first?["data"] ?? "none")")
                let cursor = try #require(page["next_cursor"] as? String)
                let second = try await client.send(.get, "/api/v1/events?after=\(cursor)&types=news.published", host: "saleux.localhost", headers: bearer).json()
                let rest = try #require(second["data"] as? [[String: Any]])
                #expect(rest.count == 1)
                #expect((rest.first?["seq"] as? Int ?? 0) > (data.first?["seq"] as? Int ?? 0))
                let end = try #require(second["next_cursor"] as? String)
                let empty = try await client.send(.get, "/api/v1/events?after=\(end)", host: "saleux.localhost", headers: bearer).json()
                #expect((empty["data"] as? [Any])?.isEmpty == true)
                #expect(empty["next_cursor"] as? String == end)
                #expect(try await client.send(.get, "/api/v1/events?types=nope.unknown", host: "saleux.localhost", headers: bearer).status == .badRequest)
                #expect(try await client.send(.get, "/api/v1/events?after=%%%", host: "saleux.localhost", headers: bearer).status == .badRequest)
                #expect(try await client.send(.get, "/api/v1/events", host: "saleux.localhost", headers: [.authorization: "Bearer \(publisher)"]).status == .forbidden)
            }
        }
    }

    @Test("notifications: the module's rule picks who hears of an event; immediate mail, daily digest or in-app only; unread count, read, read all")
    func notifications() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("longueau", "redaction@longueau.fr", roles: [.tenantAdmin])
            let immediate = try await platform.account("longueau", "immediat@longueau.fr", roles: [.agent])
            let digest = try await platform.account("longueau", "resume@longueau.fr", roles: [.agent])
            let inApp = try await platform.account("longueau", "portail@longueau.fr", roles: [.agent])
            try await platform.account("longueau", "habitant@longueau.fr", roles: [])
            let store = platform.services.tenantStore.member(try TenantSlug("longueau"))
            try await Inbox(member: store, account: immediate.id).setPreferences(["news": .immediate])
            try await Inbox(member: store, account: inApp.id).setPreferences(["news": .inApp])
            _ = digest
            try await platform.test { client in
                let author = try await client.signIn("longueau.localhost", "redaction@longueau.fr")
                #expect(try await client.send(.post, "/api/v1/news", host: "longueau.localhost", json: ["title": "Fermeture de la mairie"], cookie: author).status == .created)
            }
            func mails(to address: String) async throws -> Int {
                // Sent mail lands in the outbox (no SMTP relay in tests); a mail job's payload is erased once sent.
                try await platform.count("SELECT count(*) FROM platform.mail_outbox WHERE recipient = '\(address)'")
            }
            let notified = try await platform.withWorker { () async throws -> (Bool, Bool) in
                (try await platform.eventually { try await platform.count("SELECT count(*) FROM tenant_longueau.notifications") == 3 },
                 try await platform.eventually { try await mails(to: "immediat@longueau.fr") == 1 })
            }
            #expect(notified.0 && notified.1)
            // The author, and citizens, are not told; digest and in-app readers get no mail yet.
            #expect(try await platform.count("""
                SELECT count(*) FROM tenant_longueau.notifications n JOIN tenant_longueau.accounts a ON a.id = n.account_id
                WHERE a.email IN ('redaction@longueau.fr', 'habitant@longueau.fr')
                """) == 0)
            #expect(try await mails(to: "resume@longueau.fr") == 0)
            // The morning digest: one mail for the digest reader only, and not twice.
            // The scheduled run at an hour that is not the digest's where the member is sends nothing.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
            let otherHour = (calendar.component(.hour, from: Date()) + 12) % 24
            _ = try await platform.services.postgres.withTransaction { connection in
                try await JobEnqueuer.enqueue(try NewJob(DigestJob.self, .init(atLocalHour: otherHour), tenant: try TenantSlug("longueau")), on: connection)
            }
            #expect(try await platform.withWorker { try await platform.eventually {
                try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'notifications.digest' AND state = 'succeeded'") == 1
            } })
            #expect(try await mails(to: "resume@longueau.fr") == 0)
            // An operator's run (no hour): now.
            _ = try await platform.services.postgres.withTransaction { connection in
                try await JobEnqueuer.enqueue(try NewJob(DigestJob.self, .init(), tenant: try TenantSlug("longueau")), on: connection)
            }
            #expect(try await platform.withWorker { try await platform.eventually { try await mails(to: "resume@longueau.fr") == 1 } })
            #expect(try await mails(to: "portail@longueau.fr") == 0)
            #expect(try await mails(to: "immediat@longueau.fr") == 1)

            try await platform.test { client in
                let cookie = try await client.signIn("longueau.localhost", "portail@longueau.fr")
                let list = try await client.send(.get, "/api/v1/me/notifications", host: "longueau.localhost", cookie: cookie).json()
                #expect(list["unread"] as? Int == 1)
                let item = try #require((list["data"] as? [[String: Any]])?.first)
                #expect(item["title"] as? String != nil)
                // The header of every page shows the count.
                let page = try await client.send(.get, "/actualites", host: "longueau.localhost", cookie: cookie)
                #expect(page.text.contains("Notifications") && page.text.contains(">1<"))
                let id = try #require(item["id"] as? Int)
                #expect(try await client.send(.post, "/api/v1/me/notifications/\(id)/read", host: "longueau.localhost", cookie: cookie).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me/notifications", host: "longueau.localhost", cookie: cookie).json()["unread"] as? Int == 0)
                // Another's notification is not found.
                let other = try await platform.count("""
                    SELECT n.id FROM tenant_longueau.notifications n JOIN tenant_longueau.accounts a ON a.id = n.account_id WHERE a.email = 'immediat@longueau.fr'
                    """)
                #expect(try await client.send(.post, "/api/v1/me/notifications/\(other)/read", host: "longueau.localhost", cookie: cookie).status == .notFound)
                let mine = try await client.signIn("longueau.localhost", "resume@longueau.fr")
                #expect(try await client.send(.post, "/api/v1/me/notifications/read-all", host: "longueau.localhost", cookie: mine).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me/notifications", host: "longueau.localhost", cookie: mine).json()["unread"] as? Int == 0)
                let choices = try await client.send(.put, "/api/v1/me/notification-preferences", host: "longueau.localhost",
                                                    json: ["preferences": ["news": "sometimes"]], cookie: mine)
                #expect(choices.status.code / 100 == 4)
            }
        }
    }
}

@Suite("The morning digest's hour (pure)")
struct DigestHourTests {
    @Test("07:30 where the member is: Paris and Cayenne are not at 7 at the same instant")
    func hours() throws {
        // 2026-12-03 06:30 UTC: 07:30 in Paris (UTC+1 in winter), 03:30 in Cayenne (UTC-3).
        let winter = try #require(ISO8601DateFormatter().date(from: "2026-12-03T06:30:00Z"))
        #expect(DigestJob.isDue(at: winter, hour: 7, timeZone: "Europe/Paris"))
        #expect(!DigestJob.isDue(at: winter, hour: 7, timeZone: "America/Cayenne"))
        #expect(DigestJob.isDue(at: winter.addingTimeInterval(4 * 3600), hour: 7, timeZone: "America/Cayenne"))
        // Summer time: 07:30 in Paris is 05:30 UTC.
        let summer = try #require(ISO8601DateFormatter().date(from: "2026-07-03T05:30:00Z"))
        #expect(DigestJob.isDue(at: summer, hour: 7, timeZone: "Europe/Paris"))
        #expect(!DigestJob.isDue(at: summer.addingTimeInterval(3600), hour: 7, timeZone: "Europe/Paris"))
    }
}
