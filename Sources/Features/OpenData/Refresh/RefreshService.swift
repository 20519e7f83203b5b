import Blobs
import Cryptography
import Events
import Foundation
import Logging
import Postgres
import Tenancy
import TenantStore

/// What a refresh did.
public struct RefreshOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// At least one resource has a new version.
        case published
        /// The source data had not changed: no new version, the same `ETag` and `Last-Modified`.
        case unchanged
        /// The produced CSV failed its schema (or producing it failed): the last good version stays.
        case failed
    }

    public var kind: Kind
    public var rows: Int
    /// The new versions (`csv` → 3).
    public var versions: [String: Int]
    /// Why it failed, in French (the first problems).
    public var message: String?
}

/// Regenerates a dataset's resources from its source (its records, or the catalogue itself),
/// checks the CSV against the declared schema, and publishes a version of each resource whose
/// bytes changed. Progress and the outcome are kept in `opendata_refreshes`.
struct RefreshService: Sendable {
    let services: OpenDataServices

    func refresh(_ datasetID: String, member: MemberStore, by actor: String) async throws -> RefreshOutcome {
        let catalogue = CatalogueStore(member: member)
        guard let dataset = try await catalogue.dataset(datasetID) else {
            throw OpenDataError.unknownDataset(member: member.slug.rawValue, dataset: datasetID)
        }
        guard dataset.source != .files, let schemaName = dataset.schemaName else {
            return RefreshOutcome(kind: .unchanged, rows: 0, versions: [:], message: "Jeu de données alimenté par dépôt de fichiers : rien à produire.")
        }
        let schema = try services.schemas.schema(schemaName)
        let fingerprint = try await sourceFingerprint(dataset, schema: schema, member: member)
        if let fingerprint, let rows = try await unchangedSince(fingerprint, datasetID: datasetID, member: member) {
            try await mark(datasetID, member: member, state: "running", by: actor)
            try await finish(datasetID, member: member, outcome: .unchanged, message: nil, rows: rows, sourceHash: fingerprint)
            return RefreshOutcome(kind: .unchanged, rows: rows, versions: [:], message: nil)
        }
        try await mark(datasetID, member: member, state: "running", by: actor)
        do {
            let rows: [[String]] = switch dataset.source {
            case .catalogue: try await CatalogueRows(member: member, base: services.portalBase(member.slug)).rows(for: dataset)
                .map { row in schema.fieldNames.map { row[$0] ?? "" } }
            default: try await RecordStore(member: member).rows(datasetID, columns: schema.fieldNames)
            }
            try await progress(datasetID, member: member, done: 0, total: rows.count)
            let files = DatasetFiles(schema: schema, rows: rows)
            let file = try TableCheck.temporaryFile(in: services.workDirectory)
            defer { try? FileManager.default.removeItem(at: file) }
            try files.csv(to: file)
            let issues = try TableCheck.validate(file, schema: schema, limit: 20)
            guard issues.isEmpty else {
                let message = "Le fichier produit ne respecte pas le schéma « \(schema.title) » : "
                    + issues.prefix(5).map(\.message).joined(separator: " ")
                try await finish(datasetID, member: member, outcome: .failed, message: message, rows: rows.count)
                return RefreshOutcome(kind: .failed, rows: rows.count, versions: [:], message: message)
            }
            var produced: [(DatasetResource.Format, [UInt8])] = [(.csv, try [UInt8](Data(contentsOf: file))), (.json, files.json())]
            if let geoJSON = files.geoJSON() { produced.append((.geojson, geoJSON)) }
            var versions: [String: Int] = [:]
            for (format, bytes) in produced {
                if let version = try await publish(bytes, format: format, dataset: dataset, rows: rows.count, origin: "refresh",
                                                   by: actor, member: member) {
                    versions[format.rawValue] = version
                }
            }
            let kind: RefreshOutcome.Kind = versions.isEmpty ? .unchanged : .published
            try await finish(datasetID, member: member, outcome: kind, message: nil, rows: rows.count, sourceHash: fingerprint)
            return RefreshOutcome(kind: kind, rows: rows.count, versions: versions, message: nil)
        } catch {
            try? await finish(datasetID, member: member, outcome: .failed, message: "Erreur interne : \(error)", rows: 0)
            throw error
        }
    }

    /// Publishes `bytes` as the next version of the dataset's resource of that format, unless the
    /// current version has the same SHA-256; returns the new version's number.
    func publish(_ bytes: [UInt8], format: DatasetResource.Format, dataset: Dataset, rows: Int?, origin: String, by actor: String,
                 member: MemberStore) async throws -> Int? {
        let sha256 = try Digest.sha256(bytes).map { String(format: "%02x", $0) }.joined()
        let current = try await member.read("""
            SELECT sha256 FROM opendata_versions WHERE dataset_id = \(dataset.id) AND resource_id = \(format.rawValue)
            ORDER BY version DESC LIMIT 1
            """).first?.decode(String.self, at: 0)
        guard current != sha256 else { return nil }
        let staged = try await services.blobs.stage(member: member.slug, from: MemoryBytes(bytes), limit: max(bytes.count, 1))
        var published: Int?
        do {
        _ = try await DocumentStore(member: member, blobs: services.blobs).add(
            staged, fileName: "\(dataset.id).\(format.rawValue)", by: DocumentAuthor(kind: "system", id: nil, label: actor), holder: nil
        ) { connection, document in
            // One publisher at a time per dataset; a concurrent one may have published these bytes.
            try await connection.query("SELECT 1 FROM opendata_datasets WHERE id = \(dataset.id) FOR UPDATE")
            let latest = try await connection.query("""
                SELECT sha256 FROM opendata_versions WHERE dataset_id = \(dataset.id) AND resource_id = \(format.rawValue)
                ORDER BY version DESC LIMIT 1
                """).single()?.decode(String.self, at: 0)
            guard latest != sha256 else { throw AlreadyPublished() }
            try await CatalogueStore.saveResource(format, of: dataset, on: connection)
            let version = try await connection.query("""
                INSERT INTO opendata_versions (dataset_id, resource_id, version, document_id, sha256, size, row_count, origin, published_by)
                SELECT \(dataset.id), \(format.rawValue), coalesce(max(version), 0) + 1, \(document.id), \(document.sha256),
                       \(Int64(document.size)), \(rows), \(origin), \(actor)
                FROM opendata_versions WHERE dataset_id = \(dataset.id) AND resource_id = \(format.rawValue)
                RETURNING version
                """).single()?.decode(Int.self, at: 0) ?? 0
            try await DocumentStore.reference(document.id, holder: "opendata.version:\(dataset.id)/\(format.rawValue)/\(version)", on: connection)
            try await services.events?.record(try NewEvent(
                type: OpenDataEvents.published.name, subject: "opendata/datasets/\(dataset.id)/resources/\(format.rawValue)",
                data: OpenDataEvents.PublishedData(
                    dataset: dataset.id, resource: format.rawValue, version: version, sha256: document.sha256, size: document.size,
                    rows: rows, url: "/donnees/\(dataset.id)/\(format.rawValue)"
                ),
                actor: EventActor(kind: "system", id: nil, label: actor)
            ), tenant: member.slug, on: connection)
            published = version
        }
        } catch is AlreadyPublished {
            return nil
        }
        return published
    }

    struct AlreadyPublished: Error {}
}
