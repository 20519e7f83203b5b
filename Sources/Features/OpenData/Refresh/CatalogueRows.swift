import Foundation
import Postgres
import TenantStore

/// The member's catalogue in the SCDL catalogue form: one row per dataset (but the catalogue
/// itself), made from the catalogue and its published versions. Dates are days, so the same
/// catalogue gives the same rows until something is published.
struct CatalogueRows {
    let member: MemberStore
    /// The member's portal (`https://amiens.example.fr`), for the datasets' pages.
    let base: String

    func rows(for catalogue: Dataset) async throws -> [[String: String]] {
        let datasets = try await CatalogueStore(member: member).datasets().filter { $0.source != .catalogue }
        let published = try await member.read("""
            SELECT dataset_id, min(published_at)::date::text, max(published_at)::date::text,
                   count(DISTINCT resource_id)::int, string_agg(DISTINCT resource_id, ';' ORDER BY resource_id)
            FROM opendata_versions GROUP BY dataset_id
            """)
        var dates: [String: (first: String, last: String, count: Int, formats: String)] = [:]
        for row in published {
            dates[try row.decode(String.self, at: 0)] = (try row.decode(String.self, at: 1), try row.decode(String.self, at: 2),
                                                         try row.decode(Int.self, at: 3), try row.decode(String.self, at: 4))
        }
        return datasets.compactMap { dataset in
            // A dataset with nothing published yet is not in the catalogue.
            guard let published = dates[dataset.id] else { return nil }
            return [
                "COLL_NOM": catalogue.producer, "COLL_SIRET": catalogue.producerSIRET, "ID": dataset.id, "TITRE": dataset.title,
                "DESCRIPTION": dataset.description.isEmpty ? dataset.title : dataset.description, "THEME": dataset.theme,
                "PRODUCTEUR_NOM": dataset.producer, "PRODUCTEUR_SIRET": dataset.producerSIRET,
                "COUV_SPAT_MAILLE": dataset.spatialCode.count == 9 ? "Intercommunale" : "Communale", "COUV_SPAT_NOM": dataset.spatialName,
                "COUV_TEMP_DEBUT": dataset.temporalStart ?? published.first, "COUV_TEMP_FIN": dataset.temporalEnd ?? published.last,
                "DATE_PUBL": published.first, "FREQ_MAJ": Self.frequency(dataset.frequency), "DATE_MAJ": published.last,
                "MOTS_CLES": dataset.keywords.joined(separator: ";"), "LICENCE": Self.licence(dataset.licence),
                "NOMBRE_RESSOURCES": String(published.count), "FORMAT_RESSOURCES": published.formats,
                "URL": "\(base)/donnees/\(dataset.id)",
            ]
        }
    }

    /// SCDL's `FREQ_MAJ` vocabulary.
    static func frequency(_ frequency: Dataset.Frequency) -> String {
        switch frequency {
        case .daily: "Quotidienne ou plusieurs fois par jour"
        case .weekly: "Hebdomadaire ou plusieurs fois par semaine"
        case .monthly: "Mensuelle ou plusieurs fois par mois"
        case .quarterly: "Trimestrielle"
        case .annual: "Annuelle"
        case .irregular: "Irrégulière"
        }
    }

    /// SCDL's `LICENCE` vocabulary.
    static func licence(_ licence: Dataset.Licence) -> String {
        switch licence {
        case .lov2: "Licence Ouverte-LO"
        case .odbl: "Open Database License-ODBL"
        }
    }
}
