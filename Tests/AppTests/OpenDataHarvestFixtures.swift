import Composition
import Foundation
import OpenData
import Tenancy
import TenantStore
import TestSupport

/// What the harvesting tests share: the members that publish open data (demo content), their
/// datasets, and extra datasets that push a member's catalogue past one page.
extension TestPlatform {
    /// The active members with the open-data module, by slug.
    var openDataMembers: [Tenant] {
        services.directory.current.tenants.filter { $0.status == .active && $0.modules.contains(.openData) }
            .sorted { $0.slug.rawValue < $1.slug.rawValue }
    }

    func datasets(of slug: String) async throws -> [Dataset] {
        try await CatalogueStore(member: services.tenantStore.member(try TenantSlug(slug))).datasets()
    }

    /// The SCDL schema URL of each demo dataset (its id is its schema's name).
    func schemaURLs() throws -> [String: String] {
        let schemas = try SCDLSchemas(specifications: services.configuration.specificationsDirectory)
        return Dictionary(uniqueKeysWithValues: SCDLSchemas.names.map { ($0, (try? schemas.schema($0).canonicalURL) ?? "") })
    }

    /// `count` datasets of files (nothing published yet) added to a member; the first has the
    /// characters a serialiser must escape in its title, description and keywords.
    func addDatasets(_ count: Int, to slug: String) async throws {
        let catalogue = CatalogueStore(member: services.tenantStore.member(try TenantSlug(slug)))
        for index in 1...count {
            let tricky = index == 1
            try await catalogue.save(Dataset(
                id: "fichiers-\(index)",
                title: tricky ? "Relevés \"bruts\" \\ n°1\tétape <a>" : "Relevés de compteurs \(index)",
                description: tricky ? "Ligne 1\nLigne 2\r\n« guillemets » et \\u0041 littéral ; fin." : "Relevés mensuels des compteurs d'eau.",
                licence: .odbl, frequency: .monthly, keywords: tricky ? ["eau", "a\"b", "retour\nligne"] : ["eau"],
                temporalStart: "2025-01-01", temporalEnd: nil, spatialCode: "80021", spatialName: "Amiens", producer: "Ville d'Amiens",
                producerSIRET: "21800019800013", contactEmail: "donnees+eau@amiens.localhost", theme: "Environnement",
                schemaName: nil, source: .files
            ), formats: [.csv])
        }
    }
}
