import ArgumentParser
import Composition

@main
struct Mutualis: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutualis",
        abstract: "Mutualis: the shared services platform of a consortium of communes.",
        discussion: """
            Settings come from MUTUALIS_* environment variables, else from .local/mutualis.env
            in the working directory (written by Ops/run).
            """,
        subcommands: [Serve.self, Work.self, Migrate.self, Tenants.self, Users.self, Clients.self, Audit.self, JobsCommand.self, MailCommand.self, OpenAPICommand.self, PKICommand.self, ArchiveCommand.self, OpenDataCommand.self, BillingCommand.self, SafeCommand.self, PayFiPSimulatorCommand.self]
    )
}

/// Loads the configuration and sets up logging, for every subcommand.
func prepare() throws -> MutualisConfiguration {
    let configuration = try MutualisConfiguration.load()
    LogSetup.bootstrap(level: configuration.logLevel, format: configuration.logFormat)
    return configuration
}
