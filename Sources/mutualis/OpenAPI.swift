import ArgumentParser
import Composition
import Tenancy

struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print a member's OpenAPI 3.1 document (what GET /api/v1/openapi.json serves on its host)."
    )
    @Option(help: "The member's slug.") var tenant: String

    func run() async throws {
        let slug: TenantSlug
        do { slug = try TenantSlug(tenant) } catch { throw ValidationError("--tenant: \(error)") }
        try await Operations(configuration: try prepare()).openAPIDocument(tenant: slug)
    }
}
