import ArgumentParser
import Composition
import Tenancy

struct OpenDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opendata", abstract: "Open data: regenerate members' produced datasets.", subcommands: [Refresh.self]
    )

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Regenerate produced datasets now (every active member's, or one member's, or one dataset); a new version only where the data changed. Exits 1 if one failed its schema."
        )
        @Option(help: "One member's slug (default: every active member with open-data).") var tenant: String?
        @Option(help: "One dataset's identifier (e.g. subventions).") var dataset: String?

        func run() async throws {
            let slug = try tenant.map { text in
                do { return try TenantSlug(text) } catch { throw ValidationError("--tenant: \(error)") }
            }
            guard try await Operations(configuration: try prepare()).refreshOpenData(tenant: slug, dataset: dataset) else { throw ExitCode(1) }
        }
    }
}
