import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import News
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Isolation between members")
struct IsolationTests {
    /// What each member holds under each id, read straight from its schema.
    func expectedTitles(_ platform: TestPlatform) async throws -> [String: [Int: String]] {
        var titles: [String: [Int: String]] = [:]
        for tenant in platform.services.directory.current.tenants {
            let schema = try tenant.schemaName.identifier()
            let rows = try await platform.services.postgres.query("SELECT id, summary FROM \(identifier: schema).news")
            titles[tenant.slug.rawValue] = Dictionary(uniqueKeysWithValues: try rows.map { try $0.decode((Int, String).self) })
        }
        return titles
    }

    @Test("the same ids exist in every member, and each host reads only its own rows, under interleaved concurrency")
    func concurrentReads() async throws {
        try await TestPlatform.with { platform in
            let expected = try await expectedTitles(platform)
            let slugs = expected.keys.sorted()
            #expect(slugs.count == 9)
            for slug in slugs { #expect(Set(expected[slug]!.keys) == [1, 2, 3]) }
            // Same ids, different contents: a leak would show.
            #expect(expected["boves"]![1] != expected["camon"]![1])

            let mismatches = Recorder<String>()
            try await platform.test { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for request in 0..<1_800 {
                        let slug = slugs[request % slugs.count]
                        let id = request / slugs.count % 3 + 1
                        group.addTask {
                            let response = try await client.get("/api/v1/news/\(id)", host: "\(slug).localhost")
                            let summary = try response.json()["summary"] as? String
                            if response.status != .ok || summary != expected[slug]?[id] {
                                mismatches.append("\(slug)/\(id): \(response.status) \(summary ?? "nil")")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(mismatches.values.isEmpty, "\(mismatches.values.prefix(5))")
        }
    }

    @Test("over real sockets, concurrent clients each see their own member")
    func liveSockets() async throws {
        try await TestPlatform.with { platform in
            let expected = try await expectedTitles(platform)
            let slugs = expected.keys.sorted()
            try await platform.application.test(.live) { client in
                let port = try #require(client.port)
                let mismatches = Recorder<String>()
                // Plain threads: the raw client blocks on its socket.
                let threads = (0..<6).map { worker in
                    let done = DispatchSemaphore(value: 0)
                    Thread {
                        for request in 0..<60 {
                            let slug = slugs[(request + worker) % slugs.count]
                            let id = (request + worker) % 3 + 1
                            do {
                                let response = try RawHTTP.get(port: port, host: "\(slug).localhost", path: "/api/v1/news/\(id)")
                                let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
                                if object?["summary"] as? String != expected[slug]?[id] { mismatches.append("\(slug)/\(id)") }
                            } catch {
                                mismatches.append("\(slug)/\(id): \(error)")
                            }
                        }
                        done.signal()
                    }.start()
                    return done
                }
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().async {
                        threads.forEach { $0.wait() }
                        continuation.resume()
                    }
                }
                #expect(mismatches.values.isEmpty, "\(mismatches.values.prefix(5))")
            }
        }
    }

    @Test("interactive transactions of different members interleave without crossing")
    func interleavedTransactions() async throws {
        try await TestPlatform.with { platform in
            let store = platform.services.tenantStore
            let slugs = try ["amiens", "boves", "camon"].map { try TenantSlug($0) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<60 {
                    let slug = slugs[round % 3]
                    group.addTask {
                        try await store.withTenant(slug) { connection in
                            let path = try await connection.query("SHOW search_path").single()?.decode(String.self, at: 0)
                            #expect(path == slug.schemaName.rawValue)
                            try await connection.query("""
                                INSERT INTO news (title, summary) VALUES (\("round \(round)"), \(slug.rawValue))
                                """)
                            try await Task.sleep(for: .milliseconds(Int.random(in: 0...5)))
                            let foreign = try await connection.query("SELECT count(*) FROM news WHERE title LIKE 'round %' AND summary <> \(slug.rawValue)")
                            #expect(try foreign.single()?.decode(Int.self, at: 0) == 0)
                        }
                    }
                }
                try await group.waitForAll()
            }
            for slug in slugs {
                let rows = try await store.oneShot(slug, "SELECT count(*) FROM news WHERE title LIKE 'round %'")
                #expect(try rows.single()?.decode(Int.self, at: 0) == 20)
            }
        }
    }

    @Test("a news item written for one member is invisible to the others")
    func writesStayHome() async throws {
        try await TestPlatform.with { platform in
            let news = NewsStore(platform.services.tenantStore.member(try TenantSlug("saleux")))
            let id = try await news.add(NewsDraft(
                title: "Réservé à Saleux", summary: "s", body: "b", publishedAt: Date(timeIntervalSinceNow: -60)
            ))
            try await platform.test { client in
                let own = try await client.get("/api/v1/news/\(id)", host: "saleux.localhost")
                #expect(try own.json()["title"] as? String == "Réservé à Saleux")
                let other = try await client.get("/api/v1/news/\(id)", host: "salouel.localhost")
                #expect(other.status == .notFound)
            }
        }
    }
}
