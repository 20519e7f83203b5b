import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Postgres
import TestSupport
import Testing
import Webhooks

@Suite("Signed webhooks")
struct WebhooksTests {
    /// Checks deliveries with the reference verifier (`standardwebhooks` from PyPI); one result
    /// per (secret, request): nil when valid, else the verifier's error.
    static func verify(_ pairs: [(secret: String, request: WebhookReceiver.Request)]) async throws -> [String?] {
        let input = pairs.map { pair -> [String: Any] in
            ["secret": pair.secret, "headers": pair.request.headers, "body_base64": Data(pair.request.body).base64EncodedString()]
        }
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("deliveries.json")
        try JSONSerialization.data(withJSONObject: input).write(to: file)
        let run = try await ChildProcess.run([TestEnvironment.python, "Tests/Webhooks/verify.py", file.path], directory: TestEnvironment.repositoryRoot)
        guard run.status == 0, let results = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]] else {
            throw TestFailure("the verifier failed: \(run.output)")
        }
        return results.map { ($0["valid"] as? Bool ?? false) ? nil : ($0["error"] as? String ?? "invalid") }
    }

    static func subscribe(_ client: any TestClientProtocol, _ cookie: String, host: String, url: String, types: [String] = ["news.published"]) async throws -> (id: String, secret: String) {
        let response = try await client.send(.post, "/api/v1/webhooks", host: host,
                                             json: ["url": url, "description": "Logiciel partenaire", "event_types": types], cookie: cookie)
        guard response.status == .created, let id = try response.json()["id"] as? String, let secret = try response.json()["secret"] as? String else {
            throw TestFailure("subscription answered \(response.status): \(response.text)")
        }
        return (id, secret)
    }

    static func publish(_ client: any TestClientProtocol, _ cookie: String, host: String, _ title: String) async throws {
        let response = try await client.send(.post, "/api/v1/news", host: host, json: ["title": title], cookie: cookie)
        guard response.status == .created else { throw TestFailure("publishing answered \(response.status): \(response.text)") }
    }

    @Test("deliveries follow Standard Webhooks: the reference verifier accepts them, with both secrets during a rotation, and refuses a wrong secret")
    func signedDeliveries() async throws {
        try await WebhookReceiver.with { receiver in
            try await TestPlatform.with(environment: ["MUTUALIS_WEBHOOKS_ALLOW_PRIVATE": "1"]) { platform in
                try await platform.account("camon", "admin@camon.fr", roles: [.tenantAdmin])
                try await platform.test { client in
                    let admin = try await client.signIn("camon.localhost", "admin@camon.fr")
                    let (id, secret) = try await Self.subscribe(client, admin, host: "camon.localhost", url: receiver.url("/ok"))
                    #expect(secret.hasPrefix("whsec_"))
                    try await Self.publish(client, admin, host: "camon.localhost", "Fête de la musique")
                    #expect(try await platform.withWorker { try await receiver.waitFor(1) })
                    let first = try #require(receiver.requests.first)
                    #expect(first.headers["content-type"] == "application/json")
                    #expect(first.headers["webhook-signature"]?.hasPrefix("v1,") == true)
                    let payload = try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any]
                    #expect(payload?["type"] as? String == "news.published")
                    #expect(try await Self.verify([(secret, first), ("whsec_" + Data(repeating: 7, count: 32).base64EncodedString(), first)]).map { $0 == nil } == [true, false])

                    let rotated = try await client.send(.post, "/api/v1/webhooks/\(id)/secret", host: "camon.localhost", cookie: admin)
                    #expect(rotated.status == .created)
                    let newSecret = try #require(try rotated.json()["secret"] as? String)
                    #expect(newSecret != secret)
                    try await Self.publish(client, admin, host: "camon.localhost", "Brocante du dimanche")
                    #expect(try await platform.withWorker { try await receiver.waitFor(2) })
                    let second = receiver.requests[1]
                    #expect(second.headers["webhook-signature"]?.split(separator: " ").count == 2)
                    #expect(try await Self.verify([(newSecret, second), (secret, second)]) == [nil, nil])
                    #expect(second.headers["webhook-id"] != first.headers["webhook-id"])

                    // The delivery log, and a replay of one delivery.
                    let log = try await client.send(.get, "/api/v1/webhooks/\(id)/deliveries", host: "camon.localhost", cookie: admin).json()
                    let deliveries = try #require(log["data"] as? [[String: Any]])
                    #expect(deliveries.count == 2)
                    #expect(deliveries.allSatisfy { $0["succeeded"] as? Bool == true && $0["status_code"] as? Int == 200 })
                    #expect(deliveries.first?["response_excerpt"] as? String == "merci")
                    let deliveryID = try #require(deliveries.last?["id"] as? Int)
                    let replay = try await client.send(.post, "/api/v1/webhooks/\(id)/deliveries/\(deliveryID)/replay", host: "camon.localhost", cookie: admin)
                    #expect(replay.status == .accepted)
                    #expect(try await platform.withWorker { try await receiver.waitFor(3) })
                    #expect(receiver.requests[2].headers["webhook-id"] == first.headers["webhook-id"])
                }
            }
        }
    }

    @Test("a failing endpoint is retried on the schedule, then disabled after the last attempt and its administrators told; redirects are not followed")
    func failuresAndDisabling() async throws {
        try await WebhookReceiver.with { receiver in
            try await TestPlatform.with(environment: ["MUTUALIS_WEBHOOKS_ALLOW_PRIVATE": "1"]) { platform in
                try await platform.account("rivery", "admin@rivery.fr", roles: [.tenantAdmin])
                try await platform.test { client in
                    let admin = try await client.signIn("rivery.localhost", "admin@rivery.fr")
                    let failing = try await Self.subscribe(client, admin, host: "rivery.localhost", url: receiver.url("/fail"))
                    let moved = try await Self.subscribe(client, admin, host: "rivery.localhost", url: receiver.url("/redirect"))
                    try await Self.publish(client, admin, host: "rivery.localhost", "Coupure d'eau")
                    #expect(try await platform.withWorker {
                        try await platform.eventually {
                            try await platform.count("SELECT count(*) FROM tenant_rivery.webhook_deliveries") == 2
                        }
                    })
                    // Not followed: the receiver saw the redirect, never /ok.
                    #expect(receiver.requests.map(\.path).sorted() == ["/fail", "/redirect"])
                    #expect(try await platform.count("""
                        SELECT count(*) FROM tenant_rivery.webhook_deliveries WHERE NOT succeeded AND status_code IN (500, 302) AND attempt = 1
                        """) == 2)
                    // The next attempt waits for the schedule (5 s after the first).
                    #expect(try await platform.count("""
                        SELECT count(*) FROM platform.jobs WHERE kind = 'webhooks.deliver' AND state = 'retrying' AND attempts = 1
                          AND run_at > now() AND max_attempts = \(WebhookDeliverJob.maxAttempts)
                        """) == 2)
                    // Three days later: the last attempt of the failing one.
                    _ = try await platform.services.postgres.query("""
                        UPDATE platform.jobs SET attempts = max_attempts - 1, run_at = now(), dispatched_at = NULL
                        WHERE kind = 'webhooks.deliver' AND lower(payload->>'subscription') = \(failing.id)
                        """)
                    #expect(try await platform.withWorker {
                        try await platform.eventually {
                            try await platform.count("SELECT count(*) FROM tenant_rivery.webhook_subscriptions WHERE NOT enabled AND id = '\(failing.id)'") == 1
                        }
                    })
                    let subscription = try await client.send(.get, "/api/v1/webhooks/\(failing.id)", host: "rivery.localhost", cookie: admin).json()
                    #expect(subscription["enabled"] as? Bool == false)
                    #expect(subscription["disabled_reason"] as? String == "en échec depuis trois jours")
                    #expect(try await platform.count("""
                        SELECT count(*) FROM platform.jobs WHERE kind = 'webhooks.deliver' AND state = 'dead' AND lower(payload->>'subscription') = '\(failing.id)'
                        """) == 1)
                    let inbox = try await client.send(.get, "/api/v1/me/notifications", host: "rivery.localhost", cookie: admin).json()
                    let titles = (inbox["data"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
                    #expect(titles.contains("Abonnement de webhook désactivé"))
                    // The other one is still enabled, waiting for its retry.
                    let other = try await client.send(.get, "/api/v1/webhooks/\(moved.id)", host: "rivery.localhost", cookie: admin).json()
                    #expect(other["enabled"] as? Bool == true)
                }
            }
        }
    }

    @Test("targets that are not public addresses are refused: at subscription for literals, at delivery for names")
    func ssrf() async throws {
        for target in ["https://127.0.0.1/", "https://[::1]/", "https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/",
                       "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://0.0.0.0/", "https://[fe80::1]/", "https://224.0.0.1/",
                       "https://100.64.0.1/", "https://[64:ff9b::a00:1]/", "https://[2002:7f00:1::]/", "https://localhost/"] {
            let url = try #require(URL(string: target))
            #expect(throws: WebhookError.self, "\(target)") { _ = try WebhookTarget.resolve(url, allowPrivate: false) }
        }
        #expect(throws: WebhookError.self) { _ = try WebhookTarget.validate("http://partenaire.example/", allowPrivate: false) }
        #expect(throws: WebhookError.self) { _ = try WebhookTarget.validate("https://user:pw@partenaire.example/", allowPrivate: false) }
        #expect(throws: Never.self) { _ = try WebhookTarget.resolve(URL(string: "https://93.184.216.34/hook")!, allowPrivate: false) }

        try await WebhookReceiver.with { receiver in
            try await TestPlatform.with { platform in
                try await platform.account("boves", "admin@boves.fr", roles: [.tenantAdmin])
                try await platform.test { client in
                    let admin = try await client.signIn("boves.localhost", "admin@boves.fr")
                    for literal in ["https://127.0.0.1:\(receiver.port)/ok", "https://[::1]/", "https://169.254.169.254/", "http://partenaire.example/"] {
                        let refused = try await client.send(.post, "/api/v1/webhooks", host: "boves.localhost",
                                                            json: ["url": literal, "event_types": ["news.published"]], cookie: admin)
                        #expect(refused.status == .badRequest, "\(literal) → \(refused.status)")
                    }
                    // A name is accepted at subscription (it may resolve elsewhere later) and checked at each delivery.
                    let named = try await Self.subscribe(client, admin, host: "boves.localhost", url: "https://localhost:\(receiver.port)/ok")
                    try await Self.publish(client, admin, host: "boves.localhost", "Vide-grenier")
                    #expect(try await platform.withWorker {
                        try await platform.eventually {
                            try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'webhooks.deliver' AND state = 'dead'") == 1
                        }
                    })
                    #expect(receiver.requests.isEmpty)
                    let log = try await client.send(.get, "/api/v1/webhooks/\(named.id)/deliveries", host: "boves.localhost", cookie: admin).json()
                    let error = (log["data"] as? [[String: Any]])?.first?["error"] as? String
                    #expect(error?.contains("n'est pas une adresse publique") == true, "\(error ?? "none")")
                }
            }
        }
    }
}
