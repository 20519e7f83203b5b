import ArgumentParser
import Composition

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "The platform's mail.", subcommands: [Outbox.self])

    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the latest mail written to the outbox (when no SMTP relay is configured), oldest first."
        )
        @Option(help: "Only mail to this address.") var to: String?
        @Option(help: "How many messages.") var limit = 10

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be in 1…1000") }
        }

        func run() async throws {
            try await Operations(configuration: try prepare()).mailOutbox(recipient: to, limit: limit)
        }
    }
}
