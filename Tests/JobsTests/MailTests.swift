import Foundation
@testable import Jobs
import Mail
import Postgres
import TestSupport
import Testing

@Suite("Mail through the job system")
struct MailTests {
    @Test("a message queued in a transaction is delivered to the outbox once, whatever the retries")
    func outbox() async throws {
        try await JobsTestPlatform.with { platform in
            let message = MailMessage(tenant: platform.members[0], to: "claire@exemple.fr", subject: "Objet", body: "Bonjour")
            try await platform.postgres.withTransaction { try await Mailer.enqueue(message, on: $0) }
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await platform.postgres.withTransaction { connection in
                    try await Mailer.enqueue(MailMessage(tenant: nil, to: "rolled@back.fr", subject: "x", body: "x"), on: connection)
                    throw Abort()
                }
            }
            var registry = JobsTestPlatform.defaultRegistry
            registry.register(SendMailJob())
            try await platform.withRuntime(registry: registry) { _ in
                let delivered = try await platform.eventually { try await platform.count("SELECT count(*) FROM platform.mail_outbox") == 1 }
                #expect(delivered)
            }
            // Running the job again (at-least-once delivery) writes nothing more.
            try await platform.postgres.query("UPDATE platform.jobs SET state = 'enqueued', dispatched_at = NULL, attempts = 0")
            try await platform.withRuntime(registry: registry) { _ in
                let done = try await platform.eventually { try await platform.allSucceeded(1) }
                #expect(done)
            }
            let rows = try await platform.postgres.query("SELECT recipient, subject, tenant_slug FROM platform.mail_outbox")
                .map { try $0.decode((String, String, String?).self) }
            #expect(rows.count == 1)
            #expect(rows.first?.0 == "claire@exemple.fr")
            #expect(rows.first?.2 == "alpha")
        }
    }
}
