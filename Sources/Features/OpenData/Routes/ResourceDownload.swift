import Blobs
import Foundation
import Hummingbird
import Postgres
import TenantStore
import Web

/// A resource's bytes (its current version, or one of the kept ones) for citizens, partners and
/// harvesters: the right media type (CSV in UTF-8), `Content-Disposition` with the dataset's name,
/// `ETag` (SHA-256) and `Last-Modified` (the version's publication), conditional GET (304).
struct ResourceDownload {
    let services: OpenDataServices

    func response(_ request: Request, member: MemberStore, dataset: String, resource: String, version: Int?) async throws -> Response {
        guard let format = DatasetResource.Format(rawValue: resource) else {
            throw WebError.notFound("Ce jeu de données n'a pas de ressource « \(resource) » (csv, json ou geojson).")
        }
        let row = try await member.read("""
            SELECT v.version, v.document_id, v.published_at FROM opendata_versions v
            WHERE v.dataset_id = \(dataset) AND v.resource_id = \(format.rawValue) AND (\(version)::int IS NULL OR v.version = \(version))
            ORDER BY v.version DESC LIMIT 1
            """).first
        guard let row else {
            throw WebError.notFound(version == nil ? "Aucune version publiée de cette ressource." : "Cette version n'existe pas.")
        }
        let number = try row.decode(Int.self, at: 0)
        guard var document = try await DocumentStore(member: member, blobs: services.blobs).document(try row.decode(UUID.self, at: 1)) else {
            throw WebError.notFound("Le fichier de cette version n'est plus disponible.")
        }
        document.mediaType = format.mediaType
        document.fileName = version == nil ? "\(dataset).\(format.rawValue)" : "\(dataset)-v\(number).\(format.rawValue)"
        return try await DocumentDownload.response(
            document, blobs: services.blobs, member: member.slug, request: request,
            lastModified: try row.decode(Date.self, at: 2), cacheControl: "public, max-age=0, must-revalidate"
        )
    }

    /// The first bytes of the current CSV (a preview), nil when none is published.
    func csvPrefix(member: MemberStore, dataset: String, bytes: Int = 64 * 1024) async throws -> [UInt8]? {
        guard let sha256 = try await member.read("""
            SELECT sha256 FROM opendata_versions WHERE dataset_id = \(dataset) AND resource_id = 'csv' ORDER BY version DESC LIMIT 1
            """).first?.decode(String.self, at: 0), let key = BlobKey(sha256),
            let size = try await services.blobs.size(member: member.slug, key: key) else { return nil }
        guard size > 0 else { return [] }
        let content = try await services.blobs.read(member: member.slug, key: key, range: 0...(min(size, bytes) - 1))
        var collected: [UInt8] = []
        for try await chunk in content.chunks { collected.append(contentsOf: chunk.readableBytesView) }
        return collected
    }
}
