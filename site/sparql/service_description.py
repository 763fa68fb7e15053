"""The SPARQL 1.1 Service Description of the endpoint, served when a request has no query."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

from .formats import GRAPH_FORMATS, RESULT_FORMATS

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DCTERMS = Namespace("http://purl.org/dc/terms/")

#: rdflib serializer names for the media types the description is offered in (first = default).
SD_OFFERS = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}


def service_description(endpoint: str, named_graphs: Iterable[str]) -> Graph:
    """sd:endpoint is the URL the client used; the default graph is the union of all graphs."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("dcterms", DCTERMS)
    service = BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, DCTERMS.title, Literal("geonews SPARQL endpoint (read-only)")))
    for fmt in [*RESULT_FORMATS.values(), *GRAPH_FORMATS.values()]:
        g.add((service, SD.resultFormat, URIRef(fmt.format_iri)))
    dataset, default = BNode(), BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name in named_graphs:
        ng, graph = BNode(), BNode()
        g.add((dataset, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(name)))
        g.add((ng, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
    return g
