"""The one registry of the formats geonews reads and writes: RDF graphs and datasets, SPARQL results
and pages. The store's dumps, the site's content negotiation and the SPARQL endpoint all look
formats up here, so a media type, a suffix or a `format=` name means the same thing everywhere.

Order matters: within a family the first format wins a tie (`Accept: */*`), and a format's
primary media type is preferred to the aliases other clients send for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    key: str  # the name geonews uses: `export --format`, Job formats
    media_type: str
    family: str  # graph | dataset | results | page
    suffix: str | None = None  # URL suffix: /doc/x.ttl, /dumps/all.nq
    rdf: ox.RdfFormat | None = None
    results: ox.QueryResultsFormat | None = None
    w3c: str | None = None  # local name under http://www.w3.org/ns/formats/
    aliases: tuple[str, ...] = ()  # other media types clients send for it
    names: tuple[str, ...] = ()  # values of the SPARQL endpoint's `format=` parameter

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"

    @property
    def format_iri(self) -> str | None:
        return W3C_FORMATS + self.w3c if self.w3c else None


_R, _Q = ox.RdfFormat, ox.QueryResultsFormat
FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", "graph", "ttl", _R.TURTLE, w3c="Turtle",
           aliases=("application/x-turtle", "application/turtle", "text/n3"),
           names=("turtle", "ttl", "n3")),
    Format("ntriples", "application/n-triples", "graph", "nt", _R.N_TRIPLES, w3c="N-Triples",
           aliases=("text/plain",), names=("ntriples", "nt", "n-triples")),
    Format("jsonld", "application/ld+json", "graph", "jsonld", _R.JSON_LD, w3c="JSON-LD",
           aliases=("application/json", "application/x-json+ld"), names=("jsonld", "json-ld", "json")),
    Format("rdfxml", "application/rdf+xml", "graph", "rdf", _R.RDF_XML, w3c="RDF_XML",
           aliases=("application/xml", "text/xml"), names=("rdfxml", "rdf+xml", "rdf", "xml")),
    Format("trig", "application/trig", "dataset", "trig", _R.TRIG, w3c="TriG", names=("trig",)),
    Format("nquads", "application/n-quads", "dataset", "nq", _R.N_QUADS, w3c="N-Quads",
           names=("nquads", "nq")),
    Format("json", "application/sparql-results+json", "results", results=_Q.JSON,
           w3c="SPARQL_Results_JSON", aliases=("application/json",), names=("json",)),
    Format("xml", "application/sparql-results+xml", "results", results=_Q.XML,
           w3c="SPARQL_Results_XML", aliases=("application/xml", "text/xml"), names=("xml",)),
    Format("csv", "text/csv", "results", results=_Q.CSV, w3c="SPARQL_Results_CSV", names=("csv",)),
    Format("tsv", "text/tab-separated-values", "results", results=_Q.TSV, w3c="SPARQL_Results_TSV",
           names=("tsv",)),
    Format("html", "text/html", "page", "html", aliases=("application/xhtml+xml",)),
    Format("page-json", "application/json", "page", "json"),
)
BY_KEY: dict[str, Format] = {f.key: f for f in FORMATS}
BY_SUFFIX: dict[str, Format] = {f.suffix: f for f in FORMATS if f.suffix}


def family(*names: str) -> list[Format]:
    """The formats of the given families, in registry order."""
    return [f for f in FORMATS if f.family in names]


def offers(formats: Iterable[Format]) -> list[tuple[str, Format]]:
    """(media type, format) pairs a client may ask for: every primary type first, then aliases."""
    formats = list(formats)
    pairs = [(f.media_type, f) for f in formats]
    seen = {mt for mt, _ in pairs}
    for f in formats:
        for alias in f.aliases:
            if alias not in seen:
                pairs.append((alias, f))
                seen.add(alias)
    return pairs


#: Store dumps and `geonews export --format`: graphs (the union of all graphs) and datasets.
DUMP_FORMATS: dict[str, Format] = {k: BY_KEY[k] for k in ("turtle", "trig", "nquads", "ntriples")}
DATASET_KEYS = frozenset(f.key for f in family("dataset"))
