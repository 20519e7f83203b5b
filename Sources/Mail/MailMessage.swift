import Jobs
import Logging
import Postgres
import Tenancy

/// A plain-text message to one recipient, sent by a job after the transaction that wanted it
/// commits.
public struct MailMessage: Codable, Sendable, Equatable {
    public var tenant: String?
    public var to: String
    public var subject: String
    public var body: String

    public init(tenant: TenantSlug?, to: String, subject: String, body: String) {
        self.tenant = tenant?.rawValue
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Queues messages (in the caller's transaction) for `SendMailJob`.
public enum Mailer {
    public static func enqueue(_ message: MailMessage, on connection: PostgresConnection) async throws {
        try await JobEnqueuer.enqueue(
            try NewJob(SendMailJob.self, message, tenant: message.tenant.flatMap { try? TenantSlug($0) }), on: connection
        )
    }
}

/// Delivers a message by writing it to `platform.mail_outbox`, once per job whatever the
/// retries. There is no SMTP relay yet: operators (and tests) read the outbox.
public struct SendMailJob: JobHandler {
    public typealias Payload = MailMessage
    public static let kind = "mail.send"
    public static let queue = "mail"

    public init() {}

    public func run(_ job: Job<MailMessage>) async throws {
        try await job.withPlatform { connection in
            try await connection.query("""
                INSERT INTO platform.mail_outbox (tenant_slug, recipient, subject, body, job_id)
                VALUES (\(job.payload.tenant), \(job.payload.to), \(job.payload.subject), \(job.payload.body), \(job.id))
                ON CONFLICT (job_id) WHERE job_id IS NOT NULL DO NOTHING
                """)
        }
        job.logger.info("mail written to the outbox", metadata: ["subject": "\(job.payload.subject)"])
    }
}
