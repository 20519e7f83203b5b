import Foundation
@testable import Jobs
@testable import Mail
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
            // Once sent, the message (its links are secrets) is no longer in the job's row.
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE payload = '{}' AND payload_erased_at IS NOT NULL") == 1)
            // Running the job again (at-least-once delivery: its worker died before recording the
            // success, so the payload is still there) writes nothing more.
            try await platform.postgres.query("""
                UPDATE platform.jobs SET state = 'enqueued', dispatched_at = NULL, attempts = 0, payload_erased_at = NULL,
                    payload = \(try PostgresJSON(encoding: message))
                """)
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

@Suite("Mail to an SMTP relay")
struct SMTPTests {
    func client(_ port: Int, timeout: Duration = .seconds(10)) -> SMTPClient {
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: port, fromAddress: "no-reply@amiens-metropole.fr", fromName: "Amiens Métropole")
        configuration.timeout = timeout
        return SMTPClient(configuration: configuration)
    }

    /// The message's header fields (unfolded) and its decoded body.
    func parse(_ data: String) throws -> (headers: [String: String], body: String) {
        let parts = data.components(separatedBy: "\r\n\r\n")
        var headers: [String: String] = [:]
        var last = ""
        for line in parts[0].components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") { headers[last, default: ""] += line.dropFirst(); continue }
            let pair = line.split(separator: ":", maxSplits: 1)
            last = String(pair[0])
            headers[last] = pair.count > 1 ? String(pair[1].dropFirst()) : ""
        }
        let body = try #require(Data(base64Encoded: parts[1].replacingOccurrences(of: "\r\n", with: "")))
        return (headers, String(decoding: body, as: UTF8.self))
    }

    func decodeWords(_ text: String) throws -> String {
        guard text.hasPrefix("=?") else { return text }
        return try text.components(separatedBy: "?=").filter { !$0.isEmpty }.map { word in
            let encoded = try #require(word.components(separatedBy: "?B?").last)
            return String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
        }.joined()
    }

    @Test("the relay receives sender, recipient, UTF-8 subject and body intact; nothing can add a header")
    func delivery() async throws {
        try await SMTPSink.with { sink in
            let subject = "Vérifiez votre adresse — mairie d’Amiens, une phrase assez longue pour être pliée\r\nBcc: intrus@exemple.fr"
            let body = "Bonjour Claire,\n.\n..\nCliquez : https://amiens.localhost/compte/verification?jeton=abc\n"
            try await client(sink.port).send(MailMessage(tenant: nil, to: "claire@exemple.fr", subject: subject, body: body), messageID: "job-7")
            let transaction = try #require(sink.transactions.first)
            #expect(transaction.sender == "no-reply@amiens-metropole.fr")
            #expect(transaction.recipients == ["claire@exemple.fr"])
            let (headers, decoded) = try parse(transaction.data)
            #expect(headers["Bcc"] == nil)
            #expect(try decodeWords(headers["Subject"] ?? "") == subject)
            #expect(try decodeWords(headers["From"]?.components(separatedBy: "<").first?.trimmingCharacters(in: .whitespaces) ?? "") == "Amiens Métropole")
            #expect(headers["To"] == "<claire@exemple.fr>")
            #expect(headers["Message-ID"] == "<job-7@amiens-metropole.fr>")
            #expect(headers["Content-Type"] == "text/plain; charset=utf-8")
            #expect(decoded == body)
            for line in transaction.data.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        }
    }

    @Test("a refused recipient is a permanent error; a silent relay times out; no relay is a connect error")
    func failures() async throws {
        try await SMTPSink.with(refusing: ["nobody@exemple.fr"]) { sink in
            let error = await #expect(throws: SMTPError.self) {
                try await client(sink.port).send(MailMessage(tenant: nil, to: "nobody@exemple.fr", subject: "x", body: "x"))
            }
            #expect(error?.stage == .recipient)
            #expect(error?.code == 550)
            #expect(error?.isPermanent == true)
            #expect(sink.transactions.isEmpty)
        }
        try await SMTPSink.with(silent: true) { sink in
            let error = await #expect(throws: SMTPError.self) {
                try await client(sink.port, timeout: .milliseconds(300)).send(MailMessage(tenant: nil, to: "a@b.fr", subject: "x", body: "x"))
            }
            #expect(error?.stage == .timeout)
            #expect(error?.isPermanent == false)
        }
        let port = try FreePort.find()
        let refused = await #expect(throws: SMTPError.self) {
            try await client(port).send(MailMessage(tenant: nil, to: "a@b.fr", subject: "x", body: "x"))
        }
        #expect(refused?.stage == .connect)
        let injected = await #expect(throws: SMTPError.self) {
            try await client(port).send(MailMessage(tenant: nil, to: "a@b.fr>\r\nRCPT TO:<c@d.fr", subject: "x", body: "x"))
        }
        #expect(injected?.code == 501)
    }

    @Test("relay URLs: host and port only")
    func configuration() throws {
        let parsed = try SMTPConfiguration(url: "smtp://relay.internal:2525", fromAddress: "no-reply@x.fr")
        #expect(parsed.host == "relay.internal")
        #expect(parsed.port == 2525)
        #expect(try SMTPConfiguration(url: "smtp://relay", fromAddress: "no-reply@x.fr").port == 25)
        for bad in ["http://relay", "smtp://user:pass@relay", "smtp://relay:0", "smtp://relay:x", "smtp://", "smtp://re lay"] {
            #expect(throws: SMTPError.self, "\(bad)") { try SMTPConfiguration(url: bad, fromAddress: "no-reply@x.fr") }
        }
        #expect(throws: SMTPError.self) { try SMTPConfiguration(url: "smtp://relay", fromAddress: "Mairie <no-reply@x.fr>") }
        #expect(throws: SMTPError.self) { try SMTPConfiguration(url: "smtp://relay", fromAddress: "no-reply@x.fr", hello: "x\r\nRSET") }
        #expect(try SMTPConfiguration(url: "smtp://relay", fromAddress: "no-reply@x.fr", hello: "services.amiens-metropole.fr").hello == "services.amiens-metropole.fr")
    }

    @Test("the mail job hands messages to the relay, from the member's name (and nothing to the outbox)")
    func job() async throws {
        try await SMTPSink.with { sink in
            try await JobsTestPlatform.with { platform in
                let message = MailMessage(tenant: platform.members[0], to: "jules@exemple.fr", subject: "Réinitialisation", body: "Votre lien")
                try await platform.postgres.withTransaction { try await Mailer.enqueue(message, on: $0) }
                var registry = JobsTestPlatform.defaultRegistry
                registry.register(SendMailJob(relay: client(sink.port)))
                try await platform.withRuntime(registry: registry) { _ in
                    let done = try await platform.eventually { try await platform.allSucceeded(1) }
                    #expect(done)
                }
                #expect(sink.transactions.map(\.recipients) == [["jules@exemple.fr"]])
                let headers = try parse(try #require(sink.transactions.first).data).headers
                #expect(headers["From"] == "Commune alpha <no-reply@amiens-metropole.fr>", "a member's mail comes from its name")
                #expect(try await platform.count("SELECT count(*) FROM platform.mail_outbox") == 0)
            }
        }
    }

    @Test("a relay's refusal of the recipient makes the job dead at once (listed, replayable); nothing is sent")
    func refusedForGood() async throws {
        try await SMTPSink.with(refusing: ["nobody@exemple.fr"]) { sink in
            try await JobsTestPlatform.with { platform in
                let message = MailMessage(tenant: platform.members[0], to: "nobody@exemple.fr", subject: "x", body: "x")
                try await platform.postgres.withTransaction { try await Mailer.enqueue(message, on: $0) }
                var registry = JobsTestPlatform.defaultRegistry
                registry.register(SendMailJob(relay: client(sink.port)))
                try await platform.withRuntime(registry: registry) { _ in
                    let dead = try await platform.eventually {
                        try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'mail.send' AND state = 'dead'") == 1
                    }
                    #expect(dead)
                }
                #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'mail.send' AND attempts = 1 AND last_error LIKE '%550%'") == 1)
                #expect(sink.transactions.isEmpty)
                // A dead mail job keeps its message for a replay for two days, then it is erased
                // and the job can no longer be replayed.
                let administration = JobAdministration(client: platform.postgres)
                #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE payload ? 'to'") == 1)
                _ = try await administration.purge(olderThan: .seconds(86_400 * 7))
                #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE payload ? 'to'") == 1)
                try await platform.postgres.query("UPDATE platform.jobs SET finished_at = now() - interval '49 hours'")
                _ = try await administration.purge(olderThan: .seconds(86_400 * 7))
                #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE payload = '{}' AND payload_erased_at IS NOT NULL") == 1)
                let id = try #require(try await administration.dead().first?.id)
                await #expect(throws: JobError.self) { try await administration.retry(id) }
                #expect(try await administration.retryAllDead() == 0)
            }
        }
    }

    @Test("header text: short ASCII as is, specials quoted in names, long or non-ASCII text in folded encoded words")
    func headerText() throws {
        #expect(MailHeaders.encodedWords("Votre compte") == "Votre compte")
        #expect(MailHeaders.displayName("Mutualis") == "Mutualis")
        #expect(MailHeaders.displayName("Mairie, Amiens") == "\"Mairie, Amiens\"")
        #expect(MailHeaders.displayName("Le \"guichet\"") == "\"Le \\\"guichet\\\"\"")
        let long = String(repeating: "Confirmation de votre demande ", count: 6)
        let family = "👨‍👩‍👧‍👦"
        for text in [long, family + family, "Amiens Métropole"] {
            let encoded = MailHeaders.encodedWords(text)
            #expect(encoded.hasPrefix("=?UTF-8?B?"))
            for line in encoded.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 70)
                #expect(line.trimmingCharacters(in: .whitespaces).utf8.count <= 75, "an encoded word is at most 75 characters")
            }
            #expect(try decodeWords(encoded.replacingOccurrences(of: "\r\n ", with: "")) == text)
        }
    }
}
