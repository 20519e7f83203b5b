import ArgumentParser
import Composition
import Foundation
import Tenancy

struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Electronic archiving: a member's referentials, SIPs ingested from files.",
        subcommands: [Agreements.self, Agencies.self, Rules.self, Profiles.self, Referentials.self, Ingest.self, Verify.self, Prove.self]
    )

    static func slug(_ text: String) throws -> TenantSlug {
        do { return try TenantSlug(text) } catch { throw ValidationError("--tenant: \(error)") }
    }

    struct Agreements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "agreements", abstract: "Archival agreements (conventions d'entrée).", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add or replace an agreement; without --originating-agency, every agency of the member's referential is allowed.")
            @Option(help: "The member's slug.") var tenant: String
            @Option(help: "The agreement's identifier (as SIPs cite it in ArchivalAgreement).") var identifier: String
            @Option(help: "Its name.") var name: String?
            @Option(help: "An originating agency it allows (repeat the option for several).") var originatingAgency: [String] = []
            func run() async throws {
                try await Operations(configuration: try prepare()).saveReferential(
                    .agreement(identifier: identifier, name: name ?? identifier, agencies: originatingAgency), tenant: try ArchiveCommand.slug(tenant))
            }
        }
    }

    struct Agencies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "agencies", abstract: "Originating and submission agencies.", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add or rename an agency.")
            @Option(help: "The member's slug.") var tenant: String
            @Option(help: "The agency's identifier.") var identifier: String
            @Option(help: "Its name.") var name: String
            func run() async throws {
                try await Operations(configuration: try prepare()).saveReferential(.agency(identifier: identifier, name: name), tenant: try ArchiveCommand.slug(tenant))
            }
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rules", abstract: "Management rules (appraisal, access, dissemination, reuse, classification, storage).", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add or replace a rule.")
            @Option(help: "The member's slug.") var tenant: String
            @Option(help: "The rule's identifier (as SIPs cite it in Rule).") var identifier: String
            @Option(help: "AppraisalRule, AccessRule, DisseminationRule, ReuseRule, ClassificationRule or StorageRule.") var kind: String
            @Option(help: "Its name.") var name: String
            @Option(help: "Its duration (omit: unlimited).") var duration: String?
            @Option(help: "year, month or day.") var measurement: String = "year"
            @Option(help: "AppraisalRule: Keep or Destroy; StorageRule: RestrictAccess, Transfer or Copy.") var finalAction: String?
            func run() async throws {
                try await Operations(configuration: try prepare()).saveReferential(
                    .rule(identifier: identifier, kind: kind, name: name, duration: duration, measurement: measurement, finalAction: finalAction),
                    tenant: try ArchiveCommand.slug(tenant))
            }
        }
    }

    struct Profiles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profiles", abstract: "Archival profiles: how the archiving worker transfers a module's records of one type.", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add or replace the profile of a document type (e.g. parapheur:Arrêté/Voirie).")
            @Option(help: "The member's slug.") var tenant: String
            @Option(help: "module:type, e.g. parapheur:Arrêté/Voirie.") var documentType: String
            @Option(help: "The agreement its transfers cite.") var agreement: String
            @Option(help: "The originating agency.") var originatingAgency: String
            @Option(help: "The appraisal rule's identifier.") var rule: String?
            @Option(help: "Keep or Destroy.") var finalAction: String = "Keep"
            func run() async throws {
                try await Operations(configuration: try prepare()).saveReferential(
                    .profile(documentType: documentType, agreement: agreement, agency: originatingAgency, rule: rule, finalAction: finalAction),
                    tenant: try ArchiveCommand.slug(tenant))
            }
        }
    }

    struct Referentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "referentials", abstract: "List a member's agreements, agencies and rules.")
        @Option(help: "The member's slug.") var tenant: String
        func run() async throws { try await Operations(configuration: try prepare()).listReferentials(tenant: try ArchiveCommand.slug(tenant)) }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Check each member's journal chain and every archived object in both storage locations; exit 1 naming what is wrong.")
        @Option(help: "One member's slug (default: every member).") var tenant: String?
        func run() async throws {
            guard try await Operations(configuration: try prepare()).verifyArchive(tenant: try tenant.map(ArchiveCommand.slug)) else { throw ExitCode(1) }
        }
    }

    struct Prove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove", abstract: "Print the Merkle audit path of a journal entry of a sealed day, and check it against the day's stamped root; exit 1 if it does not hold.")
        @Option(help: "The member's slug.") var tenant: String
        @Option(help: "The journal entry's id.") var entry: Int
        func run() async throws {
            guard try await Operations(configuration: try prepare()).proveJournalEntry(entry, tenant: try ArchiveCommand.slug(tenant)) else { throw ExitCode(1) }
        }
    }

    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Ingest a SIP (ZIP) for a member; prints the ArchiveTransferReply, exits 1 when refused.")
        @Option(help: "The member's slug.") var tenant: String
        @Argument(help: "The SIP file.") var file: String
        func run() async throws {
            guard try await Operations(configuration: try prepare()).ingestSIP(URL(fileURLWithPath: file), tenant: try ArchiveCommand.slug(tenant)) else { throw ExitCode(1) }
        }
    }
}
