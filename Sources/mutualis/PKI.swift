import ArgumentParser
import Composition
import Foundation
import Tenancy
import Trust

struct PKICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pki", abstract: "Trust material: the development PKI, or an install's own CA, TSA and seals.",
        subcommands: [Initialize.self, Import.self, Status.self, Enrol.self, Bench.self]
    )

    struct Initialize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create what is missing under MUTUALIS_PKI_DIR (.local/pki): a test CA, a timestamping unit and a seal per member of Tenants/ (development and tests; never commit it)."
        )
        func run() async throws { try Operations(configuration: try prepare()).initializePKI() }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Install production material: trust anchors (PEM bundle), the TSA or a member's seal (PKCS#12, or PEM chain with --key)."
        )
        @Argument(help: "anchors, tsa or seal.") var material: String
        @Argument(help: "The PEM bundle or PKCS#12 file.") var file: String
        @Option(help: "The member (seal; anchors of one member only).") var tenant: String?
        @Option(help: "A file holding the PKCS#12 password.") var passwordFile: String?
        @Option(help: "A PEM private key, when the file is a PEM certificate chain.") var key: String?

        func run() async throws {
            guard let kind = PKIInitializer.Material(rawValue: material) else { throw ValidationError("material: anchors, tsa or seal") }
            let slug: TenantSlug?
            do { slug = try tenant.map(TenantSlug.init) } catch { throw ValidationError("--tenant: \(error)") }
            try Operations(configuration: try prepare()).importPKI(
                kind, tenant: slug, file: URL(fileURLWithPath: file), passwordFile: passwordFile.map(URL.init(fileURLWithPath:)),
                keyFile: key.map(URL.init(fileURLWithPath:)))
        }
    }

    struct Enrol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enrol",
            abstract: "Give an agent a signing certificate from the install's issuing CA (parapheur), its key sealed under a PIN of 4 to 12 digits.",
            discussion: "The PIN is read from --pin-file, or from standard input: echo 4821 | mutualis pki enrol --tenant amiens --email jeanne@…"
        )
        @Option(help: "The member's slug.") var tenant: String
        @Option(help: "The agent's address.") var email: String
        @Option(help: "A file holding the PIN.") var pinFile: String?

        func run() async throws {
            let slug: TenantSlug
            do { slug = try TenantSlug(tenant) } catch { throw ValidationError("--tenant: \(error)") }
            let pin = try pinFile.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? readLine(strippingNewline: true) ?? ""
            try await Operations(configuration: try prepare()).enrolSignatory(tenant: slug, email: email, pin: pin.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench", abstract: "Diagnostics: CAdES and PAdES signatures per second with a member's seal, on one thread (Ops/bench/sign)."
        )
        @Option(help: "The member whose seal signs.") var tenant: String = "amiens"
        @Option(help: "Seconds per measure.") var seconds: Double = 3
        @Option(help: "Bytes of the signed document.") var size: Int = 1 << 20
        @Option(help: "Signing loops at once.") var threads: Int = 1

        func run() async throws {
            guard (1...64).contains(threads), seconds > 0, (1...(1 << 30)).contains(size) else { throw ValidationError("threads 1-64, seconds > 0, size 1 B-1 GiB") }
            try await Operations(configuration: try prepare()).benchSignatures(tenant: tenant, seconds: seconds, size: size, threads: threads)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "List the installed anchors, timestamping unit and seals.")
        func run() async throws { try Operations(configuration: try prepare()).pkiStatus() }
    }
}
