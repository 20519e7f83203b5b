import Foundation
import Postgres
import Tenancy
import TenantStore

/// `demo: opendata:` — the member's producer identity, and the datasets every member gets: its
/// deliberations (fed by the parapheur's `deliberation_types` too), subventions, budget and
/// équipements from the shared CSV templates under `Tenants/assets/demo/opendata/` (the member's
/// name, SIRET, INSEE code, postal code and coordinates filled in), and its catalogue. Each is
/// checked against its schema and published (version 1) by a refresh, as agents' data would be.
struct OpenDataDemo {
    let services: OpenDataServices

    struct Section: Decodable {
        var siret: String
        var contact: String
        var postalCode: String
        var center: [Double]
        var deliberationTypes: [String]?
        var theme: String?

        enum CodingKeys: String, CodingKey {
            case siret, contact, center, theme
            case postalCode = "postal_code"
            case deliberationTypes = "deliberation_types"
        }
    }

    struct Template {
        var id: String
        var schema: String
        var title: String
        var description: String
        var frequency: Dataset.Frequency
        var keywords: [String]
        var theme: String
        var licence: Dataset.Licence = .lov2
    }

    static let templates = [
        Template(id: "deliberations", schema: "deliberations", title: "Délibérations du conseil",
                 description: "Les délibérations adoptées par le conseil, au format SCDL : objet, matière, date, votes. Les délibérations signées dans le parapheur s'y ajoutent d'elles-mêmes.",
                 frequency: .monthly, keywords: ["délibérations", "conseil", "scdl"], theme: "Administration locale"),
        Template(id: "subventions", schema: "subventions", title: "Subventions aux associations",
                 description: "Les subventions attribuées par la collectivité (données essentielles des conventions de subvention, SCDL).",
                 frequency: .annual, keywords: ["subventions", "associations", "scdl"], theme: "Économie et finances"),
        Template(id: "budget", schema: "budget", title: "Budget primitif 2026",
                 description: "Les principales lignes du budget primitif 2026, par nature et par fonction (SCDL budget).",
                 frequency: .annual, keywords: ["budget", "finances", "scdl"], theme: "Économie et finances", licence: .odbl),
        Template(id: "equipements", schema: "equipements", title: "Équipements publics",
                 description: "Les équipements collectifs de la commune : mairie, médiathèque, salles de sport, écoles, avec leur adresse et leurs coordonnées.",
                 frequency: .irregular, keywords: ["équipements", "services publics", "scdl"], theme: "Services publics"),
    ]

    func seed(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let section = try demo.section(OpenDataModule.name, as: Section.self) else { return [] }
        guard section.center.count == 2 else { throw OpenDataError.invalidDemo(member: tenant.slug.rawValue, reason: "center is [latitude, longitude]") }
        let catalogue = CatalogueStore(member: store)
        guard try await catalogue.datasets().isEmpty else { return [] }
        let commune = tenant.kind == .commune ? tenant.name : "Amiens"
        let insee = tenant.inseeCode ?? "80021"
        var values = ["NOM": tenant.name, "SIRET": section.siret, "COMMUNE": commune, "INSEE": insee, "CP": section.postalCode]
        for index in 0..<4 {
            let suffix = index == 0 ? "" : String(index + 1)
            values["LAT" + suffix] = String(format: "%.6f", section.center[0] + 0.0021 * Double(index))
            values["LON" + suffix] = String(format: "%.6f", section.center[1] - 0.0017 * Double(index))
        }
        var added: [String] = []
        for template in Self.templates {
            let dataset = dataset(template.id, template: template, tenant: tenant, section: section, source: .records)
            let schema = try services.schemas.schema(template.schema)
            try await catalogue.save(dataset, formats: template.schema == "equipements" ? [.csv, .json, .geojson] : [.csv, .json])
            let bytes = try demo.file("assets/demo/opendata/\(template.id).csv")
            let table = TableCheck.preview(Array(bytes), rows: Int.max, complete: true, scratch: services.workDirectory)
            guard let header = table.first, header == schema.fieldNames else {
                throw OpenDataError.invalidDemo(member: tenant.slug.rawValue, reason: "\(template.id).csv does not have the columns of its schema")
            }
            let rows = table.dropFirst().map { cells in
                Dictionary(uniqueKeysWithValues: zip(header, cells.map { Self.fill($0, values) }))
            }
            try await store.transaction { connection in
                for row in rows { try await RecordStore(member: store).add(row, to: dataset.id, origin: "demo", on: connection) }
            }
            let outcome = try await services.quiet.refresh(dataset.id, member: store, by: "contenu de démonstration")
            guard outcome.kind != .failed else {
                throw OpenDataError.invalidDemo(member: tenant.slug.rawValue, reason: "\(template.id): \(outcome.message ?? "refresh failed")")
            }
            added.append("\(template.id) (\(rows.count) rows)")
        }
        for folderType in section.deliberationTypes ?? [] {
            try await store.transaction { connection in
                try await connection.query("""
                    INSERT INTO opendata_deliberation_types (folder_type, dataset_id) VALUES (\(folderType), 'deliberations')
                    ON CONFLICT (folder_type) DO NOTHING
                    """)
            }
        }
        let catalogueTemplate = Template(
            id: "catalogue", schema: "catalogue", title: "Catalogue des données ouvertes",
            description: "Le catalogue des jeux de données publiés par la collectivité, au format SCDL catalogue ; il est produit à partir du catalogue lui-même.",
            frequency: .weekly, keywords: ["catalogue", "données ouvertes", "scdl"], theme: "Administration locale"
        )
        try await catalogue.save(dataset("catalogue", template: catalogueTemplate, tenant: tenant, section: section, source: .catalogue),
                                 formats: [.csv, .json])
        _ = try await services.quiet.refresh("catalogue", member: store, by: "contenu de démonstration")
        added.append("catalogue")
        return ["open data: " + added.joined(separator: ", ")]
    }

    func dataset(_ id: String, template: Template, tenant: Tenant, section: Section, source: Dataset.Source) -> Dataset {
        Dataset(
            id: id, title: template.title, description: template.description, licence: template.licence, frequency: template.frequency,
            keywords: template.keywords, temporalStart: "2026-01-01", temporalEnd: "2026-12-31",
            spatialCode: tenant.inseeCode ?? tenant.siren, spatialName: tenant.name, producer: tenant.name, producerSIRET: section.siret,
            contactEmail: section.contact, theme: section.theme ?? template.theme, schemaName: template.schema, source: source
        )
    }

    static func fill(_ cell: String, _ values: [String: String]) -> String {
        var text = cell
        for (key, value) in values where text.contains("{\(key)}") { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }
}
