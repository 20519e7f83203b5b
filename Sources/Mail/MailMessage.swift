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

/// Delivers a message: to the SMTP relay when one is configured, otherwise (development,
/// tests) to `platform.mail_outbox`, once per job whatever the retries. With a relay the
/// message is not kept (its links are secrets): the job's payload is erased once it is sent
/// (`payloadIsSecret`), two days after the job died otherwise; delivery is at least once (a worker that dies
/// between the relay's acceptance and the job's completion sends it again). A relay that
/// refuses this recipient or this message for good (5xx) makes the job dead at once, visible
/// in `mutualis jobs dead`; any other failure (relay down, refused greeting or sender: a
/// configuration to fix) is retried with backoff.
public struct SendMailJob: JobHandler {
    public typealias Payload = MailMessage
    public static let kind = "mail.send"
    public static let queue = "mail"
    /// Messages carry one-time links (verification, reset, invitation).
    public static let payloadIsSecret = true

    let relay: SMTPClient?

    public init(relay: SMTPClient? = nil) {
        self.relay = relay
    }

    public func run(_ job: Job<MailMessage>) async throws {
        guard let relay else {
            _ = try await job.withPlatform { connection in
                try await connection.query("""
                    INSERT INTO platform.mail_outbox (tenant_slug, recipient, subject, body, job_id)
                    VALUES (\(job.payload.tenant), \(job.payload.to), \(job.payload.subject), \(job.payload.body), \(job.id))
                    ON CONFLICT (job_id) WHERE job_id IS NOT NULL DO NOTHING
                    """)
            }
            job.logger.info("mail written to the outbox", metadata: ["subject": "\(job.payload.subject)"])
            return
        }
        // A member's mail comes from its own name ("Camon" <no-reply@…>), the rest from the platform's.
        let memberName: String? = if let tenant = job.payload.tenant {
            try await job.withPlatform { connection in
                try await connection.query("SELECT name FROM platform.tenants WHERE slug = \(tenant)").single()?.decode(String.self, at: 0)
            }
        } else {
            nil
        }
        do {
            // The job id makes the Message-ID: a resent message is recognisably the same.
            try await relay.send(job.payload, messageID: "job-\(job.id)", fromName: memberName)
        } catch let error as SMTPError where error.isPermanent && [.recipient, .message].contains(error.stage) {
            throw PermanentJobFailure(error)
        }
        job.logger.info("mail handed to the relay", metadata: ["subject": "\(job.payload.subject)", "relay": "\(relay.configuration.host)"])
    }
}
