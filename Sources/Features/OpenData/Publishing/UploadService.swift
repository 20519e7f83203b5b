import Foundation
import Hummingbird
import Logging
import Postgres
import TenantStore
import Web

/// A file an agent or a partner uploads to a dataset. It is streamed to disk (refused past the
/// configured limit), its encoding checked (Latin-1 refused, or converted on request), its rows
/// checked against the declared schema; only then does anything change: a dataset made of records
/// gets these rows and is refreshed, a dataset of files gets the file as its next version (CSV
/// rewritten with formula-like cells neutralised). A refused file changes nothing.
struct UploadService {
    let services: OpenDataServices

    enum Outcome {
        case published(RefreshOutcome)
        case refused([TableCheck.Issue])
    }

    func receive(_ request: Request, member: MemberStore, dataset: Dataset, convertLatin1: Bool, by actor: String,
                 logger: Logger, check: ([String: String]) throws -> Void = { _ in }) async throws -> Outcome {
        try FileManager.default.createDirectory(at: services.workDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let path = services.workDirectory.appendingPathComponent("upload-\(UUID().uuidString.lowercased())")
        let upload = try await Upload.spool(request, to: path, policy: UploadPolicy(maximumBytes: services.uploadLimit, fileField: "fichier"))
        defer { try? FileManager.default.removeItem(at: path) }
        try check(upload.fields)
        let format = Self.format(of: upload, request: request)
        let outcome: Outcome
        switch format {
        case .csv:
            outcome = try await csv(upload.path, convertLatin1: convertLatin1 || upload.fields["encodage"] == "latin1",
                                    dataset: dataset, member: member, by: actor)
        case .json, .geojson:
            outcome = try await json(upload.path, format: format, dataset: dataset, member: member, by: actor)
        }
        if case .refused(let issues) = outcome {
            logger.notice("open data upload refused", metadata: [
                "dataset": "\(dataset.id)", "size": "\(upload.size)", "first": "\(issues.first?.message ?? "")", "count": "\(issues.count)",
            ])
        }
        return outcome
    }

    func csv(_ file: URL, convertLatin1: Bool, dataset: Dataset, member: MemberStore, by actor: String) async throws -> Outcome {
        let schema = try dataset.schemaName.map { try services.schemas.schema($0) }
        let checked = try TableCheck.read(file, schema: schema, convertLatin1: convertLatin1)
        guard checked.issues.isEmpty else { return .refused(checked.issues) }
        switch dataset.source {
        case .records:
            try await member.transaction { connection in
                try await RecordStore(member: member).replace(dataset.id, with: checked.rows, on: connection)
            }
            return .published(try await services.refresh(dataset.id, member: member, by: actor))
        case .catalogue:
            return .refused([TableCheck.Issue(row: nil, field: nil, code: "produced-dataset",
                                              message: "Le catalogue est produit par la plate-forme : il ne se dépose pas.")])
        case .files:
            let cells = checked.rows.map { row in checked.header.map { row[$0] ?? "" } }
            let bytes = try schema.map { try TableCheck.csv(cells, schema: $0, scratch: services.workDirectory) }
                ?? TableCheck.csv(cells, header: checked.header, scratch: services.workDirectory)
            let version = try await RefreshService(services: services).publish(
                bytes, format: .csv, dataset: dataset, rows: checked.rows.count, origin: "upload", by: actor, member: member
            )
            return .published(RefreshOutcome(kind: version == nil ? .unchanged : .published, rows: checked.rows.count,
                                             versions: version.map { ["csv": $0] } ?? [:], message: nil))
        }
    }

    func json(_ file: URL, format: DatasetResource.Format, dataset: Dataset, member: MemberStore, by actor: String) async throws -> Outcome {
        guard dataset.source == .files else {
            return .refused([TableCheck.Issue(row: nil, field: nil, code: "csv-expected",
                                              message: "Ce jeu de données est produit à partir de ses lignes : déposez un fichier CSV conforme au schéma.")])
        }
        let bytes = try [UInt8](Data(contentsOf: file))
        let object = try? JSONSerialization.jsonObject(with: Data(bytes))
        let isGeoJSON = (object as? [String: Any])?["type"] as? String == "FeatureCollection"
        guard object != nil, format != .geojson || isGeoJSON else {
            return .refused([TableCheck.Issue(row: nil, field: nil, code: "invalid-json",
                                              message: format == .geojson ? "Le fichier n'est pas une collection GeoJSON (FeatureCollection)."
                                                                          : "Le fichier n'est pas du JSON valide.")])
        }
        let version = try await RefreshService(services: services).publish(
            bytes, format: format, dataset: dataset, rows: nil, origin: "upload", by: actor, member: member
        )
        return .published(RefreshOutcome(kind: version == nil ? .unchanged : .published, rows: 0,
                                         versions: version.map { [format.rawValue: $0] } ?? [:], message: nil))
    }

    /// CSV unless the file's name or the request's type says JSON or GeoJSON.
    static func format(of upload: SpooledUpload, request: Request) -> DatasetResource.Format {
        let name = (upload.fileName ?? "").lowercased()
        let type = (request.headers[.contentType] ?? "").lowercased()
        if name.hasSuffix(".geojson") || type.hasPrefix("application/geo+json") { return .geojson }
        if name.hasSuffix(".json") || type.hasPrefix("application/json") { return .json }
        return .csv
    }
}
