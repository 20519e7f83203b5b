import Foundation

/// The controlled vocabularies DCAT-AP asks for: the EU publications office's data themes,
/// file types and languages, and IANA media types, from what the catalogue stores.
enum DCATVocabularies {
    static let french = "http://publications.europa.eu/resource/authority/language/FRA"

    /// The EU data theme of a dataset's French theme label, when one clearly matches.
    static func theme(_ label: String) -> String? {
        let text = label.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        let themes: [(words: [String], code: String)] = [
            (["economie", "finance", "budget", "subvention"], "ECON"),
            (["administration", "gouvernement", "services publics", "citoyennete"], "GOVE"),
            (["environnement", "climat", "dechet"], "ENVI"),
            (["transport", "mobilite"], "TRAN"),
            (["education", "culture", "sport"], "EDUC"),
            (["sante"], "HEAL"),
            (["social", "societe", "population"], "SOCI"),
            (["energie"], "ENER"),
            (["agriculture", "peche", "alimentation"], "AGRI"),
            (["territoire", "urbanisme", "amenagement", "region"], "REGI"),
            (["justice", "securite"], "JUST"),
            (["science", "technologie"], "TECH"),
        ]
        guard let match = themes.first(where: { $0.words.contains { text.contains($0) } }) else { return nil }
        return "http://publications.europa.eu/resource/authority/data-theme/\(match.code)"
    }

    /// `dct:format`: the EU file type.
    static func fileType(_ format: DatasetResource.Format) -> String {
        let code = switch format {
        case .csv: "CSV"
        case .json: "JSON"
        case .geojson: "GEOJSON"
        }
        return "http://publications.europa.eu/resource/authority/file-type/\(code)"
    }

    /// `dcat:mediaType`: the IANA registration (the https form data.gouv.fr reads back as a media type).
    static func mediaType(_ format: DatasetResource.Format) -> String {
        let type = switch format {
        case .csv: "text/csv"
        case .json: "application/json"
        case .geojson: "application/geo+json"
        }
        return "https://www.iana.org/assignments/media-types/\(type)"
    }
}
