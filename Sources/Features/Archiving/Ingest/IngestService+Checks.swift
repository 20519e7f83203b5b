import Blobs
import Foundation
import TenantStore

extension IngestService {
    /// The checks after the schema, in order; each step's refusals stop the ingest. The objects
    /// are staged in both locations and read back from both (invisible until stored; discarded
    /// here if anything is refused): their fingerprints are those of the bytes stored.
    func check(_ manifest: SEDAManifest, container: SIPContainer) async throws -> Checked {
        let (files, missing) = ManifestChecks.objectFiles(manifest, in: container)
        try Self.refuse(missing)
        var staged: [String: StagedBlob] = [:]
        var seconds: [String: StagedBlob] = [:]
        do {
            var refusals: [IngestRefusal] = []
            for object in manifest.objects {
                let algorithm = object.algorithm.uppercased()
                guard algorithm == "SHA-256" || algorithm == "SHA-512" else {
                    refusals.append(IngestRefusal(.digestAlgorithm, "L'objet « \(object.id) » déclare une empreinte « \(object.algorithm) » : seules SHA-256 et SHA-512 sont acceptées."))
                    continue
                }
                guard let file = files[object.id] else { continue }
                let (blob, copy) = try await read(file, object: object.id)
                staged[object.id] = blob
                seconds[object.id] = copy
                let actual = algorithm == "SHA-256" ? blob.key.sha256 : blob.sha512
                if actual != ManifestChecks.declaredDigest(object) {
                    refusals.append(IngestRefusal(.digest, "L'empreinte \(algorithm) de l'objet « \(object.id) » ne correspond pas à son contenu (fichier modifié ou altéré)."))
                }
                if let size = object.size, size != blob.size {
                    refusals.append(IngestRefusal(.size, "L'objet « \(object.id) » déclare \(size) octets mais en contient \(blob.size)."))
                }
            }
            try Self.refuse(refusals)
            try Self.refuse(manifest.objects.compactMap { object in
                FormatCheck.mismatch(declaredFormat: object.formatID, declaredMime: object.mimeType, detected: staged[object.id]?.mediaType, object: object.id)
                    .map { IngestRefusal(.format, $0) }
            })
            try Self.refuse(try await agreementRefusals(manifest))
            try Self.refuse(ManifestChecks.duplicateIDs(manifest))
            try Self.refuse(ManifestChecks.unresolvedReferences(manifest) + ManifestChecks.unlistedFiles(manifest, in: container))
        } catch {
            for blob in staged.values { await copies.first.discard(blob) }
            for blob in seconds.values { await copies.second.discard(blob) }
            throw error
        }
        return Checked(manifest: manifest, staged: staged, seconds: seconds, files: files)
    }

    /// Both staged copies of a file, read back as they were written: identified by the
    /// fingerprints of the first's bytes, the second proved equal to it. Copies staged while the
    /// package was received are used as they are; other files are staged in both locations now.
    func read(_ file: SIPContainer.File, object: String) async throws -> (StagedBlob, StagedBlob) {
        let (first, second) = if let tapped = file.tapped { (tapped.first, tapped.second) } else { try await copies.stage(file, member: member.slug) }
        guard let second else {
            await copies.first.discard(first)
            throw ArchiveError.copyMismatch(object: object, location: "second")
        }
        return (first, second)
    }

    /// The agreement must be the member's, active, and allow the originating agency.
    func agreementRefusals(_ manifest: SEDAManifest) async throws -> [IngestRefusal] {
        guard let identifier = manifest.archivalAgreement, !identifier.isEmpty else {
            return [IngestRefusal(.agreement, "Le manifeste ne cite pas de convention d'entrée (ArchivalAgreement).")]
        }
        let referentials = ArchiveReferentials(member: member)
        guard let agreement = try await referentials.agreement(identifier), agreement.active else {
            return [IngestRefusal(.agreement, "La convention d'entrée « \(identifier) » n'existe pas pour ce service d'archives, ou n'est plus active.")]
        }
        guard let agency = manifest.originatingAgency, !agency.isEmpty else {
            return [IngestRefusal(.agency, "Le manifeste n'indique pas de service producteur (OriginatingAgencyIdentifier).")]
        }
        if agreement.originatingAgencies.isEmpty {
            guard try await referentials.agencies().contains(where: { $0.identifier == agency }) else {
                return [IngestRefusal(.agency, "Le service producteur « \(agency) » n'est pas dans le référentiel des services de ce service d'archives.")]
            }
        } else if !agreement.originatingAgencies.contains(agency) {
            return [IngestRefusal(.agency, "La convention « \(identifier) » n'autorise pas le service producteur « \(agency) ».")]
        }
        return []
    }
}
