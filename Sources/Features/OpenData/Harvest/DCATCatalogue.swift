import Foundation
import Tenancy
import Web

/// One page of a DCAT-AP (2 and 3) catalogue, as data.gouv.fr's harvester and the European
/// data portal read it: the `dcat:Catalog` (title, description, publisher, its datasets), each
/// `dcat:Dataset` with what DCAT-AP makes mandatory or recommended (identifier, publisher,
/// contact point, frequency, spatial and temporal coverage, theme, landing page, the SCDL
/// schema as `dct:conformsTo`), each published file as a `dcat:Distribution`, and the Hydra
/// paging (`HydraPage`).
struct DCATCatalogue: Sendable {
    let source: HarvestSource
    /// The absolute address of page N of this serialisation.
    let pageURL: @Sendable (Int) -> String

    func graph(page: HydraPage, entries: [(entry: HarvestSource.Entry, resources: [DatasetResource])]) -> RDFGraph {
        var catalogue = RDFNode(iri: source.homepage, types: ["dcat:Catalog", "hydra:Collection"])
        if source.isConsortium {
            let site: PageSite = .platform
            catalogue.add("dct:title", .french("Données ouvertes des membres du groupement \(site.name)"))
            catalogue.add("dct:description", .french(
                "Les jeux de données publiés par chacune des collectivités membres du groupement, chacun avec sa collectivité pour éditeur."))
            var agent = RDFNode(iri: nil, types: ["foaf:Agent"])
            agent.add("foaf:name", text: site.name)
            catalogue.add("dct:publisher", .blank(agent))
        } else {
            let tenant = source.members[0].tenant
            catalogue.add("dct:title", .french("Données ouvertes : \(tenant.name)"))
            catalogue.add("dct:description", .french(
                "Les jeux de données publiés par \(tenant.name) : délibérations, subventions, budget, équipements et autres données, au format des schémas SCDL quand il en existe un."))
            catalogue.add("dct:publisher", .blank(Self.agent(tenant)))
        }
        catalogue.add("foaf:homepage", .iri(source.homepage))
        catalogue.add("dct:language", .iri(DCATVocabularies.french))
        if let modified = entries.map({ $0.entry.modified }).max() { catalogue.add("dct:modified", .dateTime(modified)) }
        var nodes: [RDFNode] = []
        for (entry, resources) in entries {
            catalogue.add("dcat:dataset", .iri(entry.landingPage))
            nodes.append(dataset(entry, resources: resources))
        }
        let view = page.view(pageURL)
        for (predicate, object) in view.catalogue { catalogue.add(predicate, object) }
        return RDFGraph(nodes: [catalogue] + nodes + [view.node])
    }

    /// The member as a `foaf:Agent`: its name and SIREN.
    static func agent(_ tenant: Tenant) -> RDFNode {
        var agent = RDFNode(iri: nil, types: ["foaf:Agent"])
        agent.add("foaf:name", text: tenant.name)
        agent.add("dct:identifier", text: tenant.siren)
        agent.add("dct:type", .iri("http://purl.org/adms/publishertype/LocalAuthority"))
        return agent
    }

    func dataset(_ entry: HarvestSource.Entry, resources: [DatasetResource]) -> RDFNode {
        let dataset = entry.dataset
        var node = RDFNode(iri: entry.landingPage, types: ["dcat:Dataset"])
        // Unique across the consortium (two members both have `deliberations`), stable across pages.
        node.add("dct:identifier", text: entry.landingPage)
        node.add("dct:title", .french(dataset.title))
        node.add("dct:description", .french(dataset.description))
        for keyword in dataset.keywords where !keyword.isEmpty { node.add("dcat:keyword", .french(keyword)) }
        node.add("dcat:theme", DCATVocabularies.theme(dataset.theme).map { .iri($0) })
        node.add("dct:publisher", .blank(Self.agent(entry.member.tenant)))
        var contact = RDFNode(iri: nil, types: ["vcard:Kind"])
        contact.add("vcard:fn", text: dataset.producer.isEmpty ? entry.member.tenant.name : dataset.producer)
        if !dataset.contactEmail.isEmpty { contact.add("vcard:hasEmail", .iri("mailto:" + dataset.contactEmail)) }
        node.add("dcat:contactPoint", .blank(contact))
        node.add("dct:accrualPeriodicity", .iri(dataset.frequency.euURI))
        var place = RDFNode(iri: nil, types: ["dct:Location"])
        place.add("skos:prefLabel", .french(dataset.spatialName))
        place.add("dct:identifier", text: dataset.spatialCode)
        node.add("dct:spatial", .blank(place))
        if let period = Self.period(dataset) { node.add("dct:temporal", .blank(period)) }
        node.add("dct:issued", .dateTime(dataset.createdAt))
        node.add("dct:modified", .dateTime(entry.modified))
        node.add("dcat:landingPage", .iri(entry.landingPage))
        node.add("dct:language", .iri(DCATVocabularies.french))
        node.add("dct:license", .iri(dataset.licence.url))
        let schema = source.schemaURL(dataset)
        node.add("dct:conformsTo", schema.map { .iri($0) })
        for resource in resources {
            guard let distribution = distribution(entry, resource, schema: schema) else { continue }
            node.add("dcat:distribution", .blank(distribution))
        }
        return node
    }

    /// A period of time; a blank node (data.gouv.fr would try to fetch one named by an IRI).
    static func period(_ dataset: Dataset) -> RDFNode? {
        let start = dataset.temporalStart.flatMap { RDFDates.isDate($0) ? $0 : nil }
        let end = dataset.temporalEnd.flatMap { RDFDates.isDate($0) ? $0 : nil }
        guard start != nil || end != nil else { return nil }
        var period = RDFNode(iri: nil, types: ["dct:PeriodOfTime"])
        period.add("dcat:startDate", start.map { .typed($0, "xsd:date") })
        period.add("dcat:endDate", end.map { .typed($0, "xsd:date") })
        return period
    }

    /// A published file (nothing for a resource without a version yet): its current version's
    /// address, size, date and SHA-256; the schema for the CSV (the file the schema describes).
    func distribution(_ entry: HarvestSource.Entry, _ resource: DatasetResource, schema: String?) -> RDFNode? {
        guard let current = resource.current else { return nil }
        let download = "\(entry.landingPage)/\(resource.id)"
        var node = RDFNode(iri: nil, types: ["dcat:Distribution"])
        node.add("dct:identifier", text: download)
        node.add("dct:title", .french(resource.title))
        node.add("dcat:accessURL", .iri(entry.landingPage))
        node.add("dcat:downloadURL", .iri(download))
        node.add("dcat:mediaType", .iri(DCATVocabularies.mediaType(resource.format)))
        node.add("dct:format", .iri(DCATVocabularies.fileType(resource.format)))
        node.add("dct:license", .iri(entry.dataset.licence.url))
        node.add("dcat:byteSize", .typed(String(current.size), "xsd:nonNegativeInteger"))
        node.add("dct:issued", .dateTime(resource.versions.last?.publishedAt ?? current.publishedAt))
        node.add("dct:modified", .dateTime(current.publishedAt))
        if resource.format == .csv, let schema { node.add("dct:conformsTo", .iri(schema)) }
        var checksum = RDFNode(iri: nil, types: ["spdx:Checksum"])
        checksum.add("spdx:algorithm", .iri("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"))
        checksum.add("spdx:checksumValue", .typed(current.sha256, "xsd:hexBinary"))
        node.add("spdx:checksum", .blank(checksum))
        return node
    }
}
