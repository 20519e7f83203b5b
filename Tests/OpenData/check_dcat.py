"""Checks DCAT-AP catalogues as a harvester reads them, with rdflib (PyPI `rdflib`).

Reads a JSON manifest (file named as argument):
  [{"name": str, "format": "json-ld" | "turtle", "pages": [file, …] (in order), "total": int,
    "schemas": {dataset id: schema URL}}, …]
For each catalogue, parses every page and checks:
- the dcat:Catalog has dct:title, dct:description, a dct:publisher (a foaf:Agent with foaf:name)
  and dcat:dataset links to the datasets of the page;
- every dcat:Dataset has dct:identifier, dct:title, dct:description, dct:publisher (foaf:name),
  dcat:contactPoint (vcard:fn, vcard:hasEmail mailto:), dct:accrualPeriodicity (EU frequency),
  dct:spatial, dct:temporal (dcat:startDate), dct:issued, dct:modified, dcat:landingPage; SCDL
  datasets (published) have distributions and conform to their schema's canonical URL;
- every dcat:Distribution has dcat:accessURL, an absolute dcat:downloadURL, dcat:mediaType (IANA),
  dct:format, dct:license, dcat:byteSize (xsd:nonNegativeInteger) and a SHA-256 spdx:checksum;
  the CSV one conforms to the schema too;
- Hydra paging: one hydra:PartialCollectionView per page, hydra:totalItems = the expected total,
  first/last/next/previous consistent across the pages, as data.gouv.fr's harvester follows them;
  every dataset appears once across the pages;
- the serialisations of one catalogue (`<name>.jsonld`, `<name>.ttl`) give the same graphs, page by
  page (isomorphic once the pages' own addresses are made the same).
Prints "dcat ok" and a summary, or the problems and exits 1.
"""
import json
import sys

import re

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS as DCT, FOAF, RDF, XSD, Namespace

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
IANA = "https://www.iana.org/assignments/media-types/"

problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)
    return condition


def one(graph, subject, predicate, label):
    value = graph.value(subject, predicate)
    expect(value is not None, f"{label}: no {graph.namespace_manager.normalizeUri(predicate)}")
    return value


def check_agent(graph, agent, label):
    if expect(agent is not None, f"{label}: no publisher"):
        expect((agent, RDF.type, FOAF.Agent) in graph, f"{label}: publisher is not a foaf:Agent")
        name = graph.value(agent, FOAF.name)
        expect(isinstance(name, Literal) and str(name), f"{label}: publisher without foaf:name")


def check_distribution(graph, distribution, label, schema):
    access = one(graph, distribution, DCAT.accessURL, label)
    expect(isinstance(access, URIRef), f"{label}: accessURL is not an IRI")
    download = one(graph, distribution, DCAT.downloadURL, label)
    expect(isinstance(download, URIRef) and str(download).startswith("http"), f"{label}: downloadURL not absolute")
    media = one(graph, distribution, DCAT.mediaType, label)
    expect(str(media).startswith(IANA), f"{label}: mediaType {media} is not an IANA URI")
    one(graph, distribution, DCT.format, label)
    one(graph, distribution, DCT.license, label)
    one(graph, distribution, DCT.title, label)
    size = one(graph, distribution, DCAT.byteSize, label)
    expect(isinstance(size, Literal) and size.datatype == XSD.nonNegativeInteger and int(size) >= 0, f"{label}: byteSize {size!r}")
    checksum = graph.value(distribution, SPDX.checksum)
    if expect(checksum is not None, f"{label}: no spdx:checksum"):
        expect(graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256, f"{label}: checksum algorithm")
        expect(len(str(graph.value(checksum, SPDX.checksumValue))) == 64, f"{label}: checksum value")
    if schema and str(media).endswith("text/csv"):
        expect(graph.value(distribution, DCT.conformsTo) == URIRef(schema), f"{label}: CSV does not conform to {schema}")


def check_dataset(graph, dataset, label, schemas):
    identifier = one(graph, dataset, DCT.identifier, label)
    for predicate in (DCT.title, DCT.description, DCT.issued, DCT.modified, DCAT.landingPage, DCT.spatial):
        one(graph, dataset, predicate, label)
    check_agent(graph, graph.value(dataset, DCT.publisher), label)
    contact = one(graph, dataset, DCAT.contactPoint, label)
    if contact is not None:
        expect(graph.value(contact, VCARD.fn) is not None, f"{label}: contact point without vcard:fn")
        email = graph.value(contact, VCARD.hasEmail)
        expect(email is not None and str(email).startswith("mailto:"), f"{label}: contact point email {email}")
    frequency = one(graph, dataset, DCT.accrualPeriodicity, label)
    expect(str(frequency).startswith(EU_FREQUENCY), f"{label}: frequency {frequency}")
    temporal = one(graph, dataset, DCT.temporal, label)
    if temporal is not None:
        expect((temporal, RDF.type, DCT.PeriodOfTime) in graph, f"{label}: temporal is not a dct:PeriodOfTime")
        start = graph.value(temporal, DCAT.startDate)
        expect(isinstance(start, Literal) and start.datatype == XSD.date, f"{label}: startDate {start!r}")
    dataset_id = str(identifier).rstrip("/").rsplit("/", 1)[-1]
    schema = schemas.get(dataset_id)
    if schema:
        expect(graph.value(dataset, DCT.conformsTo) == URIRef(schema), f"{label}: does not conform to {schema}")
    distributions = list(graph.objects(dataset, DCAT.distribution))
    # The SCDL datasets are published (a dataset without a published file has no distribution yet).
    expect(distributions or not schema, f"{label}: no distribution")
    for index, distribution in enumerate(distributions):
        expect((distribution, RDF.type, DCAT.Distribution) in graph, f"{label}: distribution {index} untyped")
        check_distribution(graph, distribution, f"{label} distribution {index}", schema)
    return str(identifier)


graphs = {}


def parse(path, fmt):
    with open(path, encoding="utf-8") as file:
        text = re.sub(r"catalogue\.(jsonld|ttl)\?page=", "catalogue.X?page=", file.read())
    return Graph().parse(data=text, format=fmt)


def check_catalogue(entry):
    name, pages = entry["name"], entry["pages"]
    identifiers, views = [], []
    for number, path in enumerate(pages, start=1):
        label = f"{name} page {number}"
        graph = parse(path, entry["format"])
        base = name.rsplit(".", 1)[0]
        if (base, number) in graphs:
            expect(isomorphic(graphs[(base, number)], graph), f"{label}: not the same graph as the other serialisation")
        graphs[(base, number)] = graph
        catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
        if not expect(len(catalogues) == 1, f"{label}: {len(catalogues)} dcat:Catalog"):
            continue
        catalogue = catalogues[0]
        one(graph, catalogue, DCT.title, label)
        one(graph, catalogue, DCT.description, label)
        check_agent(graph, graph.value(catalogue, DCT.publisher), f"{label} catalogue")
        datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
        expect(datasets, f"{label}: no dataset")
        expect(set(graph.objects(catalogue, DCAT.dataset)) == set(datasets), f"{label}: dcat:dataset does not list the page's datasets")
        for dataset in datasets:
            identifiers.append(check_dataset(graph, dataset, f"{label} {dataset}", entry["schemas"]))
        total = graph.value(catalogue, HYDRA.totalItems)
        expect(total is not None and int(total) == entry["total"], f"{label}: totalItems {total}, expected {entry['total']}")
        found = list(graph.subjects(RDF.type, HYDRA.PartialCollectionView))
        if expect(len(found) == 1, f"{label}: {len(found)} hydra:PartialCollectionView"):
            view = found[0]
            expect(graph.value(catalogue, HYDRA.view) == view, f"{label}: hydra:view is not the page's view")
            views.append({key: graph.value(view, getattr(HYDRA, key)) for key in ("first", "last", "next", "previous")} | {"self": view})
    for index, view in enumerate(views):
        label = f"{name} page {index + 1}"
        expect(view["first"] == views[0]["self"], f"{label}: hydra:first {view['first']}")
        expect(view["last"] == views[-1]["self"], f"{label}: hydra:last {view['last']}")
        expect(view["next"] == (views[index + 1]["self"] if index + 1 < len(views) else None), f"{label}: hydra:next {view['next']}")
        expect(view["previous"] == (views[index - 1]["self"] if index > 0 else None), f"{label}: hydra:previous {view['previous']}")
    expect(len(identifiers) == entry["total"], f"{name}: {len(identifiers)} datasets over the pages, expected {entry['total']}")
    expect(len(set(identifiers)) == len(identifiers), f"{name}: a dataset appears twice")
    return {"name": name, "pages": len(pages), "datasets": len(identifiers)}


with open(sys.argv[1], encoding="utf-8") as manifest:
    summary = [check_catalogue(entry) for entry in json.load(manifest)]
if problems:
    print("\n".join(problems[:50]))
    sys.exit(1)
print("dcat ok")
print(json.dumps(summary))
