import Foundation
import Postgres
import TenantStore

/// The SQL of a member's catalogue: datasets, their resources and versions.
public struct CatalogueStore: Sendable {
    public let member: MemberStore

    public init(member: MemberStore) {
        self.member = member
    }

    static let datasetColumns: StaticString = """
        id, title, description, licence, frequency, keywords, temporal_start::text, temporal_end::text, spatial_code, spatial_name,
        producer, producer_siret, contact_email, theme, schema_name, source, created_at, updated_at
        """

    /// The datasets, by title; `query` (French full text, accents ignored) narrows them.
    public func datasets(matching query: String? = nil, schema: String? = nil) async throws -> [Dataset] {
        let text = query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return try await member.read("""
            SELECT \(literal: Self.datasetColumns) FROM opendata_datasets
            WHERE (\(text) = '' OR to_tsvector('french'::regconfig, extensions.unaccent('extensions.unaccent'::regdictionary,
                       title || ' ' || description || ' ' || array_to_string(keywords, ' ') || ' ' || coalesce(schema_name, '')))
                   @@ plainto_tsquery('french'::regconfig, extensions.unaccent('extensions.unaccent'::regdictionary, \(text))))
              AND (\(schema)::text IS NULL OR schema_name = \(schema))
            ORDER BY title, id
            """).map(Self.decodeDataset)
    }

    public func dataset(_ id: String) async throws -> Dataset? {
        try await member.read("SELECT \(literal: Self.datasetColumns) FROM opendata_datasets WHERE id = \(id)").first.map(Self.decodeDataset)
    }

    /// Adds or replaces a dataset's description, with its resources (CSV and JSON for produced
    /// datasets, plus GeoJSON for those with coordinates).
    public func save(_ dataset: Dataset, formats: [DatasetResource.Format]) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO opendata_datasets (id, title, description, licence, frequency, keywords, temporal_start, temporal_end,
                    spatial_code, spatial_name, producer, producer_siret, contact_email, theme, schema_name, source)
                VALUES (\(dataset.id), \(dataset.title), \(dataset.description), \(dataset.licence.rawValue), \(dataset.frequency.rawValue),
                    \(PostgresTextArray(dataset.keywords)), \(dataset.temporalStart)::date, \(dataset.temporalEnd)::date,
                    \(dataset.spatialCode), \(dataset.spatialName), \(dataset.producer), \(dataset.producerSIRET), \(dataset.contactEmail),
                    \(dataset.theme), \(dataset.schemaName), \(dataset.source.rawValue))
                ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description, licence = EXCLUDED.licence,
                    frequency = EXCLUDED.frequency, keywords = EXCLUDED.keywords, temporal_start = EXCLUDED.temporal_start,
                    temporal_end = EXCLUDED.temporal_end, spatial_code = EXCLUDED.spatial_code, spatial_name = EXCLUDED.spatial_name,
                    producer = EXCLUDED.producer, producer_siret = EXCLUDED.producer_siret, contact_email = EXCLUDED.contact_email,
                    theme = EXCLUDED.theme, updated_at = now()
                """)
            for format in formats { try await Self.saveResource(format, of: dataset, on: connection) }
        }
    }

    /// The dataset's resource of that format (`<dataset>.csv`…), titled after the dataset.
    static func saveResource(_ format: DatasetResource.Format, of dataset: Dataset, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO opendata_resources (id, dataset_id, title, format)
            VALUES (\(format.rawValue), \(dataset.id), \("\(dataset.title) (\(format.label))"), \(format.rawValue))
            ON CONFLICT (dataset_id, id) DO UPDATE SET title = EXCLUDED.title
            """)
    }

    /// A dataset's resources with every version, newest first.
    public func resources(of datasetID: String) async throws -> [DatasetResource] {
        let rows = try await member.read("""
            SELECT r.id, r.title, r.format, v.version, v.document_id, v.sha256, v.size, v.row_count, v.origin, v.published_by, v.published_at
            FROM opendata_resources r LEFT JOIN opendata_versions v ON v.dataset_id = r.dataset_id AND v.resource_id = r.id
            WHERE r.dataset_id = \(datasetID)
            ORDER BY CASE r.format WHEN 'csv' THEN 0 WHEN 'json' THEN 1 ELSE 2 END, r.id, v.version DESC
            """)
        var resources: [DatasetResource] = []
        for row in rows {
            let id = try row.decode(String.self, at: 0)
            if resources.last?.id != id {
                resources.append(DatasetResource(
                    datasetID: datasetID, id: id, title: try row.decode(String.self, at: 1),
                    format: DatasetResource.Format(rawValue: try row.decode(String.self, at: 2)) ?? .csv, versions: []
                ))
            }
            if let version = try row.decode(Int?.self, at: 3) {
                resources[resources.count - 1].versions.append(ResourceVersion(
                    version: version, documentID: try row.decode(UUID.self, at: 4), sha256: try row.decode(String.self, at: 5),
                    size: Int(try row.decode(Int64.self, at: 6)), rowCount: try row.decode(Int?.self, at: 7),
                    origin: try row.decode(String.self, at: 8), publishedBy: try row.decode(String.self, at: 9),
                    publishedAt: try row.decode(Date.self, at: 10)
                ))
            }
        }
        return resources
    }

    static func decodeDataset(_ row: PostgresRow) throws -> Dataset {
        Dataset(
            id: try row.decode(String.self, at: 0), title: try row.decode(String.self, at: 1), description: try row.decode(String.self, at: 2),
            licence: Dataset.Licence(rawValue: try row.decode(String.self, at: 3)) ?? .lov2,
            frequency: Dataset.Frequency(rawValue: try row.decode(String.self, at: 4)) ?? .irregular,
            keywords: try row.decode(PostgresTextArray.self, at: 5).nonNull(), temporalStart: try row.decode(String?.self, at: 6),
            temporalEnd: try row.decode(String?.self, at: 7), spatialCode: try row.decode(String.self, at: 8),
            spatialName: try row.decode(String.self, at: 9), producer: try row.decode(String.self, at: 10),
            producerSIRET: try row.decode(String.self, at: 11), contactEmail: try row.decode(String.self, at: 12),
            theme: try row.decode(String.self, at: 13), schemaName: try row.decode(String?.self, at: 14),
            source: Dataset.Source(rawValue: try row.decode(String.self, at: 15)) ?? .files,
            createdAt: try row.decode(Date.self, at: 16), updatedAt: try row.decode(Date.self, at: 17)
        )
    }
}
