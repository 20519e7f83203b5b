import ArgumentParser
import Composition

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply Migrations/platform, then Migrations/tenant to every member.",
        discussion: """
            Each migration runs in its own transaction; an applied migration that was edited is refused.
            One runner at a time (advisory lock). A member that fails is reported; the others are migrated.
            """
    )

    func run() async throws {
        try await Operations(configuration: try prepare()).migrate()
    }
}
