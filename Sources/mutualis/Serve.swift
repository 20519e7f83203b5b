import ArgumentParser
import Composition

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve every member's portal and API (HTTP, Hummingbird).",
        discussion: "Members answer on <slug>.<MUTUALIS_BASE_DOMAIN> and on their declared hosts."
    )

    func run() async throws {
        try await PlatformServer.run(configuration: try prepare())
    }
}
