import ArgumentParser
import Composition
import Tenancy

struct SafeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safe", abstract: "Citizens' document safes: rotate a member's key, set its quota.", subcommands: [RotateKey.self, Quota.self]
    )

    static func slug(_ text: String) throws -> TenantSlug {
        do { return try TenantSlug(text) } catch { throw ValidationError("--tenant: \(error)") }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Move a member's safe key (derived from the KEK) to its next version: citizens' data keys are re-wrapped, documents are not re-encrypted."
        )
        @Option(help: "One member's slug (default: every member with document-safe).") var tenant: String?

        func run() async throws {
            try await Operations(configuration: try prepare()).rotateSafeKey(tenant: try tenant.map(SafeCommand.slug))
        }
    }

    struct Quota: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the space each citizen of a member gets in their safe.")
        @Option(help: "The member's slug.") var tenant: String
        @Option(help: "Megabytes per citizen.") var megabytes: Int?
        @Flag(help: "Back to the platform's default (100 MB).") var `default` = false

        func validate() throws {
            guard (megabytes != nil) != `default` else { throw ValidationError("give --megabytes N or --default") }
            if let megabytes, megabytes < 1 || megabytes > 1_000_000 { throw ValidationError("--megabytes: 1 to 1000000") }
        }

        func run() async throws {
            try await Operations(configuration: try prepare()).setSafeQuota(tenant: try SafeCommand.slug(tenant), megabytes: megabytes)
        }
    }
}
