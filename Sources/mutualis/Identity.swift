import ArgumentParser
import Composition
import Foundation

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account to a member (agent, or citizen) or an operator to the console.",
            discussion: "The password is read from standard input: echo 'a long passphrase' | mutualis users add …"
        )
        @Option(help: "The member's slug.") var tenant: String?
        @Flag(help: "A consortium operator (console) rather than a member's account.") var console = false
        @Option var email: String
        @Option(help: "Display name.") var name = ""
        @Option(help: "A role (repeatable): agent, signatory, buyer, archivist, tenant_admin; citizen for none; consortium_admin with --console.")
        var role: [String] = []
        @Flag(help: "Read the password from standard input.") var passwordStdin = false

        func validate() throws {
            guard passwordStdin else { throw ValidationError("give --password-stdin (passwords never go on the command line)") }
            guard (tenant == nil) == console else { throw ValidationError("give either --tenant SLUG or --console") }
        }

        func run() async throws {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no password on standard input") }
            try await Operations(configuration: try prepare()).addUser(
                tenant: tenant, email: email, displayName: name, password: line, roles: console ? ["consortium_admin"] : role
            )
        }
    }
}

struct Clients: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage partner API clients.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an OAuth 2.0 client (client credentials) to a member; prints its secret once.")
        @Option(help: "The member's slug.") var tenant: String
        @Option(help: "Comma-separated scopes (permissions), e.g. news.read,news.publish.") var scopes: String
        @Option(help: "What the client is.") var name = "Partenaire"

        func run() async throws {
            try await Operations(configuration: try prepare()).addClient(
                tenant: tenant, name: name, scopes: scopes.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            )
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit journals.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chains of the journals; name the first broken entry. Exits 1 if any is broken."
        )
        @Option(help: "Only this member's journal (default: the platform's and every member's).") var tenant: String?

        func run() async throws {
            guard try await Operations(configuration: try prepare()).verifyAudit(tenant: tenant) else { throw ExitCode(1) }
        }
    }
}
