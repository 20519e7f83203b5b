import Cryptography
import Foundation
import Parapheur
import Tenancy
import TenantStore
import Trust

/// `mutualis pki …`: the trust material of the install.
extension Operations {
    var pkiDirectory: PKIDirectory { PKIDirectory(root: configuration.pkiDirectory) }

    /// The trust services as a server would load them (nil: no PKI installed).
    func loadTrust() throws -> TrustServices? {
        try TrustServices.load(directory: pkiDirectory, kekFile: configuration.kekFile,
                               externalAuthority: configuration.externalTSA, policy: configuration.tsaPolicy)
    }

    /// `pki init`: the KEK if missing, then a development CA, TSA and a seal per declared member.
    public func initializePKI() throws {
        let kek = try KeyEncryptionKey.createIfMissing(at: configuration.kekFile)
        let manifests = try TenantManifestLoader.loadAll(directory: configuration.tenantsDirectory)
        let made = try PKIInitializer(directory: pkiDirectory, kek: kek)
            .initialize(members: manifests.map { (slug: $0.tenant.slug.rawValue, name: $0.tenant.name) })
        output(made.isEmpty ? "pki: \(pkiDirectory.root.path) is complete" : made.map { "pki: made \($0)" }.joined(separator: "\n"))
    }

    /// `pki import`: anchors (PEM), the TSA or a member's seal (PKCS#12, or PEM chain + PEM key).
    public func importPKI(_ material: PKIInitializer.Material, tenant: TenantSlug?, file: URL, passwordFile: URL?, keyFile: URL?) throws {
        let kek = try KeyEncryptionKey.createIfMissing(at: configuration.kekFile)
        let password = try passwordFile.map { try String(contentsOf: $0, encoding: .utf8).trimmingCharacters(in: .newlines) }
        let line = try PKIInitializer(directory: pkiDirectory, kek: kek).importMaterial(
            material, member: tenant?.rawValue, file: Array(try Data(contentsOf: file)), password: password,
            keyPEM: try keyFile.map { Array(try Data(contentsOf: $0)) })
        output("pki: imported \(line)")
    }

    /// `pki status`: what is installed, with validity dates.
    public func pkiStatus() throws {
        guard let trust = try loadTrust() else {
            output("pki: none in \(pkiDirectory.root.path) (mutualis pki init, or pki import)")
            return
        }
        let format = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()
        func line(_ role: String, _ certificate: Certificate) -> String {
            "\(role): \(certificate.subject) — valid until \(certificate.notAfter.formatted(format)), SHA-256 \(certificate.fingerprint.prefix(16))…"
        }
        for anchor in trust.anchors { output(line("anchor", anchor)) }
        if let local = trust.localAuthority { output(line("timestamping unit", local.certificate)) }
        if let external = trust.externalAuthority { output("external timestamping: \(external.absoluteString)") }
        for manifest in try TenantManifestLoader.loadAll(directory: configuration.tenantsDirectory) {
            let slug = manifest.tenant.slug.rawValue
            if let seal = try? trust.seal(member: slug) { output(line("seal of \(slug)", seal.certificate)) } else { output("seal of \(slug): none") }
        }
    }
}

extension Operations {
    /// `pki enrol`: a signing certificate from the install's issuing CA for an agent, its key
    /// sealed under the PIN (read from a file or standard input, never the command line).
    public func enrolSignatory(tenant slug: TenantSlug, email: String, pin: String) async throws {
        guard let trust = try loadTrust() else { throw TrustError.configuration("no PKI in \(pkiDirectory.root.path) (mutualis pki init)") }
        let manifests = try TenantManifestLoader.loadAll(directory: configuration.tenantsDirectory)
        guard let tenant = manifests.first(where: { $0.tenant.slug == slug })?.tenant else { throw TenancyError.unknownTenant(slug.rawValue) }
        try await withOwnerClient { client in
            output("pki: enrolled " + (try await ParapheurEnrolment.enrol(email: email, pin: pin, tenant: tenant, member: TenantStore(client: client).member(slug), trust: trust)))
        }
    }
}
