import Blobs
import Events
import Foundation
import Logging
import NIOPosix
import Tenancy
import TenantStore
import XML

/// Receives SIPs for one member: validates them in the order archivists expect (container, XML
/// safety, XSD, digests and sizes, formats, agreement, identifiers, references), stores an
/// accepted one's objects in both locations and reads them back, and records the transfer and
/// its reply. A refused SIP leaves nothing but its recorded refusal.
public struct IngestService: Sendable {
    public let member: MemberStore
    public let copies: ArchiveCopies
    public let schemas: SEDASchemas
    public let limits: SIPLimits
    /// Where SIPs are unpacked while they are checked.
    public let workDirectory: URL
    public let events: EventLog
    public let logger: Logger

    public init(member: MemberStore, copies: ArchiveCopies, schemas: SEDASchemas, limits: SIPLimits, workDirectory: URL, events: EventLog, logger: Logger) {
        self.member = member
        self.events = events
        self.copies = copies
        self.schemas = schemas
        self.limits = limits
        self.workDirectory = workDirectory
        self.logger = logger
    }

    public struct Outcome: Sendable {
        public var transfer: ArchiveTransfer
        public var reply: TransferReply
    }

    /// What the checks leave for storing: the manifest, each object's staged first copy.
    struct Checked {
        var manifest: SEDAManifest
        var staged: [String: StagedBlob]
        /// Each object's staged second copy.
        var seconds: [String: StagedBlob]
        var files: [String: SIPContainer.File]
    }

    /// Ingests the SIP at `package` (a ZIP file the caller received and removes). `announce`:
    /// record the transfer's event (partners' webhooks, notifications); demo content does not.
    public func ingest(package: URL, packageSHA256: String?, packageSize: Int, by author: ArchiveActor, announce: Bool = true) async throws -> Outcome {
        try await ingest(package: package, tapped: [:], packageSHA256: packageSHA256, packageSize: packageSize, by: author, announce: announce)
    }

    /// Ingests the SIP at `package` as above. `tapped`: the
    /// copies staged while it was received (by `SIPTap`, whose holes they fill; the caller
    /// abandons the tap afterwards).
    func ingest(package: URL, tapped: [Int: SIPTap.Tapped], packageSHA256: String?, packageSize: Int, by author: ArchiveActor,
                announce: Bool = true) async throws -> Outcome {
        let transferID = UUID()
        let folder = workDirectory.appendingPathComponent("sip-" + transferID.uuidString.lowercased())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        var manifest: SEDAManifest?
        var version: SEDAVersion = .v23
        var checked: Checked?
        var timings = IngestTimings()
        do {
            let container = try await NIOThreadPool.singleton.runIfActive { [limits] in
                try SIPContainer.unpack(package, into: folder, limits: limits, tapped: tapped)
            }
            timings.lap("unpack")
            let document = try await NIOThreadPool.singleton.runIfActive { [limits] in
                try Self.parse(container.manifestPath, limits: limits)
            }
            version = SEDAVersion(namespace: document.root.namespace) ?? .v23
            try Self.refuse(try await NIOThreadPool.singleton.runIfActive { [schemas] in
                try Self.schemaRefusals(document, schemas: schemas)
            })
            let parsed = try SEDAManifest(document.root)
            manifest = parsed
            timings.lap("schema")
            checked = try await check(parsed, container: container)
            timings.lap("check")
        } catch let refusal as IngestRefusal {
            return try await refuse(transferID, version: version, manifest: manifest, reasons: [refusal], by: author, sip: (packageSHA256, packageSize), announce: announce)
        } catch let refusals as IngestRefusals {
            await discard(checked)
            return try await refuse(transferID, version: version, manifest: manifest, reasons: refusals.all, by: author, sip: (packageSHA256, packageSize), announce: announce)
        }
        guard let checked else { throw ArchiveError.storage("ingest", "no checked manifest") }
        do {
            return try await store(transferID, checked, by: author, sip: (packageSHA256, packageSize), announce: announce, timings: timings)
        } catch {
            await discard(checked)
            throw error
        }
    }

    /// Several reasons of one step.
    struct IngestRefusals: Error {
        var all: [IngestRefusal]
    }

    static func refuse(_ refusals: [IngestRefusal]) throws {
        if refusals.count == 1 { throw refusals[0] }
        if !refusals.isEmpty { throw IngestRefusals(all: refusals) }
    }

    static func parse(_ path: URL, limits: SIPLimits) throws -> XMLDocument {
        do {
            return try XMLDocument.parse(contentsOf: path.path, limits: XMLLimits(maxBytes: limits.maxManifestBytes, maxDepth: limits.maxXMLDepth))
        } catch {
            switch error.kind {
            case .doctypeRefused:
                throw IngestRefusal(.xmlUnsafe, "Le manifeste contient une déclaration DOCTYPE (entités, DTD) : refusée par sécurité.")
            case .tooDeep:
                throw IngestRefusal(.xmlUnsafe, "Le manifeste imbrique plus de \(limits.maxXMLDepth) niveaux d'éléments : refusé.")
            case .tooLarge:
                throw IngestRefusal(.xmlUnsafe, "Le manifeste dépasse \(limits.maxManifestBytes) octets : refusé.")
            case .malformed, .schemaUnavailable:
                throw IngestRefusal(.xmlMalformed, "Le manifeste n'est pas un XML bien formé\(error.line.map { " (ligne \($0))" } ?? "") : \(error.message)")
            }
        }
    }

    static func schemaRefusals(_ document: XMLDocument, schemas: SEDASchemas) throws -> [IngestRefusal] {
        guard let version = SEDAVersion(namespace: document.root.namespace), document.root.name == "ArchiveTransfer" else {
            return [IngestRefusal(.manifestVersion, "Le manifeste n'est pas un ArchiveTransfer SEDA 2.1, 2.2 ou 2.3 (élément « \(document.root.name) », espace de noms « \(document.root.namespace ?? "aucun") »).")]
        }
        let issues = try schemas.validate(document, version: version)
        return issues.prefix(20).map { IngestRefusal(.schema, "Manifeste non conforme au schéma SEDA \(version.rawValue), ligne \($0.line) : \($0.message)") }
    }

    func discard(_ checked: Checked?) async {
        for staged in checked?.staged.values ?? [:].values { await copies.first.discard(staged) }
        for staged in checked?.seconds.values ?? [:].values { await copies.second.discard(staged) }
    }
}

/// Who submitted a transfer (an archivist, a partner system, the archiving worker): the same
/// kind, id and label as the event it records.
public typealias ArchiveActor = EventActor
