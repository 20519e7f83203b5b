import Blobs
import Events
import Foundation
import Hummingbird
import Logging
import Modules
import Tenancy
import TenantStore
import Trust
import Web

/// What the archive's routes share: the ingest service of the request's member, the storage
/// locations, the schemas and the limits.
struct ArchiveServices: Sendable {
    let blobs: any BlobStore
    let replica: (any BlobStore)?
    let schemas: SEDASchemas
    let limits: SIPLimits
    let workDirectory: URL
    let events: EventLog
    let cookie: SessionCookie
    let trust: TrustServices?
    let logger: Logger

    init(context: ModuleContext, limits: SIPLimits = .standard) {
        blobs = context.blobs
        replica = context.replicaBlobs
        schemas = SEDASchemas(directory: context.specifications)
        self.limits = limits
        workDirectory = context.workDirectory.appendingPathComponent("archive")
        events = context.events
        cookie = context.cookie
        trust = context.trust
        logger = context.logger
    }

    func ingest(_ member: MemberStore) throws -> IngestService {
        guard let replica else {
            throw WebError(.serviceUnavailable, kind: "archive-unavailable", title: "Archivage indisponible",
                           detail: "Le second emplacement de stockage des archives n'est pas configuré (MUTUALIS_ARCHIVE_SECOND_ROOT).")
        }
        return IngestService(member: member, copies: ArchiveCopies(first: blobs, second: replica), schemas: schemas, limits: limits,
                             workDirectory: workDirectory, events: events, logger: logger)
    }

    /// Receives a SIP from the request (raw ZIP body, or the `sip` file of a form) into the work
    /// folder, ingests it, removes the received file.
    func receiveAndIngest(
        _ request: Request, member: MemberStore, by author: ArchiveActor, fileField: String = "sip",
        check: (SpooledUpload) throws -> Void = { _ in }
    ) async throws -> IngestService.Outcome {
        let service = try ingest(member)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = workDirectory.appendingPathComponent("upload-" + UUID().uuidString.lowercased() + ".zip")
        // Stored entries go straight to both storage locations as they arrive.
        let tap = SIPTap(copies: service.copies, member: member.slug, limits: limits)
        let started = ContinuousClock.now
        let upload: SpooledUpload
        do {
            upload = try await Upload.spool(request, to: path, policy: UploadPolicy(maximumBytes: limits.maxPackageBytes, fileField: fileField), tap: tap)
        } catch let error as BlobError {
            throw unavailable(error, member: member)
        }
        logger.info("archive package received", metadata: [
            "tenant": "\(member.slug)", "bytes": "\(upload.size)", "staged": "\(tap.tapped.count)",
            "milliseconds": "\((ContinuousClock.now - started).milliseconds)",
        ])
        defer { try? FileManager.default.removeItem(at: path) }
        let outcome: Result<IngestService.Outcome, any Error>
        do {
            try check(upload)
            outcome = .success(try await service.ingest(package: upload.path, tapped: tap.tapped, packageSHA256: upload.sha256, packageSize: upload.size, by: author))
        } catch {
            outcome = .failure(error)
        }
        // What was staged and not stored (a refusal, a failure, a hidden entry) goes.
        await tap.abandon()
        do {
            return try outcome.get()
        } catch let error as ArchiveError {
            throw unavailable(error, member: member)
        } catch let error as BlobError {
            throw unavailable(error, member: member)
        }
    }

    /// The storage failed (a disk full, a copy that does not read back): the platform's problem,
    /// logged; the partner is told nothing was kept.
    func unavailable(_ error: any Error, member: MemberStore) -> WebError {
        logger.error("archive ingest failed", metadata: ["tenant": "\(member.slug)", "error": "\(error)"])
        return WebError(.serviceUnavailable, kind: "archive-unavailable", title: "Archivage indisponible",
                        detail: "Le transfert n'a pas pu être conservé ; rien n'a été enregistré. Réessayez plus tard.")
    }

    func delivery(_ member: MemberStore) -> DeliveryService? {
        replica.map { DeliveryService(member: member, copies: ArchiveCopies(first: blobs, second: $0), workDirectory: workDirectory) }
    }

    func elimination(_ member: MemberStore) -> EliminationService? {
        replica.map { EliminationService(member: member, copies: ArchiveCopies(first: blobs, second: $0), trust: trust) }
    }

    func integrity(_ member: MemberStore) -> IntegrityChecker? {
        replica.map { IntegrityChecker(member: member, copies: ArchiveCopies(first: blobs, second: $0), logger: logger) }
    }

    static func transferID(_ context: TenantRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw WebError.invalidParameter("id", "L'identifiant du transfert doit être un UUID.")
        }
        return id
    }
}
