import Foundation

/// A dataset of a member's catalogue, as its pages, its API and the harvesters see it.
public struct Dataset: Sendable, Equatable {
    public enum Licence: String, Sendable, CaseIterable {
        case lov2
        case odbl

        public var label: String {
            switch self {
            case .lov2: "Licence Ouverte / Open Licence version 2.0"
            case .odbl: "Open Database License (ODbL) 1.0"
            }
        }

        /// The licence's canonical address (what DCAT's `dct:license` and CKAN's `license_url` give).
        public var url: String {
            switch self {
            case .lov2: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
            case .odbl: "https://opendatacommons.org/licenses/odbl/1-0/"
            }
        }

        /// The identifier data.gouv.fr and CKAN use.
        public var ckanID: String {
            switch self {
            case .lov2: "fr-lo"
            case .odbl: "odc-odbl"
            }
        }
    }

    public enum Frequency: String, Sendable, CaseIterable {
        case daily, weekly, monthly, quarterly, annual, irregular

        public var label: String {
            switch self {
            case .daily: "quotidienne"
            case .weekly: "hebdomadaire"
            case .monthly: "mensuelle"
            case .quarterly: "trimestrielle"
            case .annual: "annuelle"
            case .irregular: "irrégulière"
            }
        }

        /// The EU publications office's frequency vocabulary (DCAT's `dct:accrualPeriodicity`).
        public var euURI: String {
            let code = switch self {
            case .daily: "DAILY"
            case .weekly: "WEEKLY"
            case .monthly: "MONTHLY"
            case .quarterly: "QUARTERLY"
            case .annual: "ANNUAL"
            case .irregular: "IRREG"
            }
            return "http://publications.europa.eu/resource/authority/frequency/\(code)"
        }
    }

    public enum Source: String, Sendable, CaseIterable {
        /// Rows entered by agents, uploaded as CSV, or brought by events; the refresh produces the files.
        case records
        /// The member's own catalogue (SCDL catalogue), produced from the catalogue itself.
        case catalogue
        /// Files uploaded as they are (checked against the declared schema when there is one).
        case files
    }

    /// What `opendata_datasets.id` allows (lowercase letters, digits, dashes; 63 at most).
    public static func isValidID(_ text: String) -> Bool {
        text.wholeMatch(of: /[a-z0-9][a-z0-9-]{0,62}/) != nil
    }

    public var id: String
    public var title: String
    public var description: String
    public var licence: Licence
    public var frequency: Frequency
    public var keywords: [String]
    /// `YYYY-MM-DD`.
    public var temporalStart: String?
    public var temporalEnd: String?
    /// INSEE code of the commune (or SIREN of the intercommunality).
    public var spatialCode: String
    public var spatialName: String
    public var producer: String
    public var producerSIRET: String
    public var contactEmail: String
    public var theme: String
    /// The SCDL schema its CSV must pass.
    public var schemaName: String?
    public var source: Source
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, title: String, description: String, licence: Licence, frequency: Frequency, keywords: [String],
        temporalStart: String?, temporalEnd: String?, spatialCode: String, spatialName: String, producer: String,
        producerSIRET: String, contactEmail: String, theme: String, schemaName: String?, source: Source,
        createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.licence = licence
        self.frequency = frequency
        self.keywords = keywords
        self.temporalStart = temporalStart
        self.temporalEnd = temporalEnd
        self.spatialCode = spatialCode
        self.spatialName = spatialName
        self.producer = producer
        self.producerSIRET = producerSIRET
        self.contactEmail = contactEmail
        self.theme = theme
        self.schemaName = schemaName
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One file of a dataset, with its versions (newest first).
public struct DatasetResource: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json, geojson

        public var mediaType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .json: "application/json"
            case .geojson: "application/geo+json"
            }
        }

        public var label: String { self == .geojson ? "GeoJSON" : rawValue.uppercased() }
    }

    public var datasetID: String
    public var id: String
    public var title: String
    public var format: Format
    public var versions: [ResourceVersion]

    public var current: ResourceVersion? { versions.first }
    public var fileName: String { "\(datasetID).\(format.rawValue)" }
}

/// A published version of a resource: a document of the document store.
public struct ResourceVersion: Sendable, Equatable {
    public var version: Int
    public var documentID: UUID
    public var sha256: String
    public var size: Int
    public var rowCount: Int?
    public var origin: String
    public var publishedBy: String
    public var publishedAt: Date
}
