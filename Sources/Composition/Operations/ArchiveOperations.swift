import Archiving
import Blobs
import Events
import Cryptography
import Foundation
import Trust
import Identity
import Migrator
import Notifications
import Tenancy
import TenantStore
import Webhooks

/// `mutualis archive …`: the archive's referentials, and SIPs ingested from a file.
extension Operations {
    public enum ReferentialEntry: Sendable {
        case agreement(identifier: String, name: String, agencies: [String])
        case agency(identifier: String, name: String)
        case rule(identifier: String, kind: String, name: String, duration: String?, measurement: String?, finalAction: String?)
        case profile(documentType: String, agreement: String, agency: String, rule: String?, finalAction: String?)
    }

    /// Adds or replaces an entry of a member's referentials; an invalid one exits with its reason.
    public func saveReferential(_ entry: ReferentialEntry, tenant slug: TenantSlug) async throws {
        try await withOwnerClient { client in
            let referentials = ArchiveReferentials(member: TenantStore(client: client).member(slug))
            switch entry {
            case .agreement(let identifier, let name, let agencies):
                try await referentials.save(try ReferentialInput.agreement(identifier: identifier, name: name, agencies: agencies))
            case .agency(let identifier, let name):
                try await referentials.save(try ReferentialInput.agency(identifier: identifier, name: name))
            case .rule(let identifier, let kind, let name, let duration, let measurement, let finalAction):
                try await referentials.save(try ReferentialInput.rule(identifier: identifier, kind: kind, name: name, duration: duration,
                                                                      measurement: measurement, finalAction: finalAction))
            case .profile(let documentType, let agreement, let agency, let rule, let finalAction):
                try await referentials.save(try ReferentialInput.profile(documentType: documentType, agreement: agreement, agency: agency, rule: rule,
                                                                         finalAction: finalAction, agreements: try await referentials.agreements()))
            }
            output("archive: \(slug): saved")
        }
    }

    /// Lists a member's referentials.
    public func listReferentials(tenant slug: TenantSlug) async throws {
        try await withOwnerClient { client in
            let referentials = ArchiveReferentials(member: TenantStore(client: client).member(slug))
            for agreement in try await referentials.agreements() {
                output("agreement \(agreement.identifier)\t\(agreement.name)\t\(agreement.originatingAgencies.isEmpty ? "*" : agreement.originatingAgencies.joined(separator: ","))")
            }
            for agency in try await referentials.agencies() { output("agency \(agency.identifier)\t\(agency.name)") }
            for profile in try await referentials.profiles() {
                output("profile \(profile.documentType)\t\(profile.archivalAgreement)\t\(profile.originatingAgency)\t\(profile.appraisalRule ?? "-")\t\(profile.finalAction)")
            }
            for rule in try await referentials.rules() {
                output("rule \(rule.identifier)\t\(rule.kind)\t\(rule.duration.map { "\($0) \(rule.measurement)" } ?? "unlimited")\t\(rule.finalAction ?? "-")")
            }
        }
    }

    /// `archive verify`: each member's journal chain and every archived object in both locations
    /// (read, not repaired). Prints what is wrong; false if anything is.
    public func verifyArchive(tenant slug: TenantSlug?) async throws -> Bool {
        let first = try FileSystemBlobStore(root: configuration.blobRoot)
        let second = try FileSystemBlobStore(root: configuration.archiveSecondRoot)
        defer { Task { await first.shutdown(); await second.shutdown() } }
        return try await withOwnerClient { client in
            let store = TenantStore(client: client)
            var slugs: [TenantSlug] = []
            if let slug { slugs = [slug] } else { slugs = try await TenantRegistry(client: client).records().map(\.tenant.slug) }
            var intact = true
            for member in slugs {
                switch try await store.withTenant(member, { try await AuditJournal.verify(scope: .tenant, on: $0) }) {
                case .intact(let entries):
                    output("\(member): journal intact (\(entries) entries)")
                case .broken(let id, let reason):
                    intact = false
                    output("\(member): journal BROKEN at entry \(id): \(reason)")
                }
                if let trust = try loadTrust() {
                    let problems = try await JournalSeals(member: store.member(member), trust: trust).verify()
                    for problem in problems { output("\(member): \(problem)") }
                    if !problems.isEmpty { intact = false }
                }
                let checker = IntegrityChecker(member: store.member(member), copies: ArchiveCopies(first: first, second: second), logger: logger)
                let findings = try await checker.run(limit: nil, repair: false, record: false)
                let bad = findings.filter { $0.outcome != .intact }
                for finding in bad { output("\(member): \(finding)") }
                output("\(member): \(findings.count - bad.count) of \(findings.count) archived objects intact in both locations")
                if !bad.isEmpty { intact = false }
            }
            return intact
        }
    }

    /// `archive prove`: the Merkle audit path of a journal entry of a sealed day.
    public func proveJournalEntry(_ id: Int, tenant slug: TenantSlug) async throws -> Bool {
        guard let trust = try loadTrust() else { throw TrustError.configuration("no PKI in \(configuration.pkiDirectory.path)") }
        return try await withOwnerClient { client in
            guard let proof = try await JournalSeals(member: TenantStore(client: client).member(slug), trust: trust).proof(entry: id) else {
                output("entry \(id): not in a sealed day (days are sealed the night after)")
                return false
            }
            output("entry \(id) of \(proof.day): leaf \(proof.index + 1) of \(proof.count), root \(Hex.encode(proof.root))")
            for (level, sibling) in proof.path.enumerated() { output("  path[\(level)] \(Hex.encode(sibling))") }
            output(proof.valid ? "the path leads to the sealed root: the entry is as it was sealed" : "the path does NOT lead to the sealed root")
            return proof.valid
        }
    }

    /// Ingests a SIP file as the operator; prints the reply; exits 1 when refused.
    public func ingestSIP(_ file: URL, tenant slug: TenantSlug) async throws -> Bool {
        let first = try FileSystemBlobStore(root: configuration.blobRoot)
        let second = try FileSystemBlobStore(root: configuration.archiveSecondRoot)
        defer { Task { await first.shutdown(); await second.shutdown() } }
        return try await withOwnerClient { client in
            let service = IngestService(
                member: TenantStore(client: client).member(slug), copies: ArchiveCopies(first: first, second: second),
                schemas: SEDASchemas(directory: configuration.specificationsDirectory), limits: .standard,
                workDirectory: configuration.workDirectory.appendingPathComponent("archive"),
                events: PlatformEvents.log(try PlatformModules.set()), logger: logger
            )
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            let outcome = try await service.ingest(package: file, packageSHA256: nil, packageSize: size,
                                                   by: ArchiveActor(kind: "operator", id: nil, label: "mutualis archive ingest"))
            output(outcome.reply.xmlText)
            return outcome.reply.accepted
        }
    }
}
