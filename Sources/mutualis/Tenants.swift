import ArgumentParser
import Composition
import Foundation
import Tenancy

struct Tenants: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the consortium's members (communes).",
        subcommands: [List.self, Sync.self, Create.self, Suspend.self, Resume.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the members, their status and schema version.")
        func run() async throws {
            try await Operations(configuration: try prepare()).listTenants()
        }
    }

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the database match Tenants/: create new members, update changed ones, suspend removed ones."
        )
        @Flag(help: "Also add the demo news of Tenants/*.yaml to members that have none.")
        var demoContent = false

        func run() async throws {
            try await Operations(configuration: try prepare()).syncTenants(demoContent: demoContent)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create one member outside Tenants/ (tenants sync leaves it alone).",
            discussion: "Give a declaration file (--manifest, same format as Tenants/*.yaml) or the options below."
        )
        @Option(help: "A declaration file in the Tenants/ format.") var manifest: String?
        @Option var slug: String?
        @Option var name: String?
        @Option(help: "commune or intercommunality.") var kind = "commune"
        @Option(help: "INSEE commune code.") var insee: String?
        @Option var siren: String?
        @Option(help: "A host name the portal answers on (repeatable).") var host: [String] = []
        @Option(help: "An enabled module (repeatable): \(PlatformModule.allCases.map(\.rawValue).joined(separator: ", ")).")
        var module: [String] = ["news"]
        @Option var primaryColor = "#2b3a55"
        @Option var accentColor = "#e6b450"
        @Option var tagline: String?
        @Option(help: "An SVG or PNG logo file.") var logo: String?
        @Option(help: "The member's time zone (IANA name), for the morning digest.") var timeZone = "Europe/Paris"

        func run() async throws {
            let configuration = try prepare()
            let declaration: TenantManifest
            if let manifest {
                let file = URL(fileURLWithPath: manifest)
                declaration = try TenantManifestLoader.load(file: file, assetsRoot: file.deletingLastPathComponent())
            } else {
                guard let slug, let name, let siren else {
                    throw ValidationError("give --manifest, or at least --slug, --name and --siren")
                }
                let logoURL = logo.map { URL(fileURLWithPath: $0) }
                var raw = TenantManifestFile(
                    slug: slug, name: name, kind: kind, insee: insee, siren: siren, hosts: host, modules: module,
                    branding: .init(primaryColor: primaryColor, accentColor: accentColor, tagline: tagline, logo: logoURL?.lastPathComponent)
                )
                raw.timeZone = timeZone
                declaration = try TenantManifestLoader.validate(
                    raw, source: "command line", assetsRoot: logoURL?.deletingLastPathComponent() ?? URL(fileURLWithPath: "."),
                    declarationBytes: Array(CommandLine.arguments.joined(separator: "\u{0}").utf8)
                )
            }
            try await Operations(configuration: configuration).createTenant(declaration)
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend a member: its data is kept, its portal answers 503.")
        @Argument(help: "The member's slug.") var slug: String
        func run() async throws {
            try await Operations(configuration: try prepare()).setStatus(try TenantSlug(slug), .suspended)
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a suspended member.")
        @Argument(help: "The member's slug.") var slug: String
        func run() async throws {
            try await Operations(configuration: try prepare()).setStatus(try TenantSlug(slug), .active)
        }
    }
}
