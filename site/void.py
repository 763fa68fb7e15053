"""/.well-known/void: a VoID description of the dataset, counted with SPARQL on the store.

Counts are per store version (cached on StoreHandle.stamp). void:triples counts every quad in
the store (the sum of all graphs' sizes, i.e. the number of lines of /dumps/all.nq), and the
property partitions count the same way so they add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, url_for
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, VOID

from geonews.pipeline.rdf.iris import slug

from .db import SERVER, StoreHandle, get_handle, get_settings
from .dumps import DUMPS, article_graphs
from .negotiate import FORMATS, Format, NotAcceptable, negotiate
from .queries import PROLOGUE
from .terms import short

bp = Blueprint("void", __name__)

TITLE = "geonews: geopolitical news as linked data"
DESCRIPTION = ("Facts extracted from English news about geopolitics, one named graph per "
               "article, each fact with the sentence it came from.")
LICENSE = URIRef("http://spdx.org/licenses/MIT")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
NEGOTIABLE = {name: FORMATS[name] for name in ("ttl", "html", "nt", "jsonld")}
SERIALIZERS = {"ttl": "turtle", "nt": "nt", "jsonld": "nt"}


@dataclass(frozen=True)
class Stats:
    triples: int
    entities: int
    classes: list[tuple[str, int]]
    properties: list[tuple[str, int]]


def compute_stats(handle: StoreHandle, base: str) -> Stats:
    """Counts over every quad: run by the server for itself, with `stats_timeout`."""
    space = str(ox.Literal(f"{base}/id/"))  # a setting, escaped as a SPARQL literal

    def rows(q: str) -> list[dict]:
        return handle.query(PROLOGUE + q, union=False, timeout=handle.settings.stats_timeout,
                            client=SERVER)

    keep = handle.published_filter("?g")  # a SPARQL server's own graphs are not data

    def everywhere(pattern: str) -> str:  # in every published graph (and the embedded default graph)
        return f"{{ GRAPH ?g {{ {pattern} }} {keep} }}" + ("" if keep else f" UNION {{ {pattern} }}")

    all_quads = everywhere("?s ?p ?o")
    triples = int(rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ {all_quads} }}")[0]["n"].value)
    entities = int(rows(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {all_quads} "
                        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space})) }}")[0]["n"].value)
    classes = [(r["c"].value, int(r["n"].value)) for r in rows(
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {everywhere('?s a ?c')} }} GROUP BY ?c ORDER BY ?c")]
    properties = [(r["p"].value, int(r["n"].value)) for r in rows(
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {all_quads} }} GROUP BY ?p ORDER BY ?p")]
    return Stats(triples, entities, classes, properties)


def stats() -> Stats:
    """Computed once per store version, in the background (see StoreHandle.versioned)."""
    handle, settings = get_handle(), get_settings()
    return handle.versioned("void-stats", lambda: compute_stats(handle, settings.base),
                            wait=settings.page_timeout)


def namespace_of(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1]


def void_graph(base: str, s: Stats) -> tuple[Graph, URIRef]:
    g = Graph()
    for prefix, ns in (("void", VOID), ("dcterms", DCTERMS), ("foaf", FOAF), ("sd", SD)):
        g.bind(prefix, ns)
    doc = URIRef(f"{base}/.well-known/void")
    ds = URIRef(f"{doc}#dataset")
    g.add((doc, RDF.type, VOID.DatasetDescription))
    g.add((doc, FOAF.primaryTopic, ds))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((ds, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((ds, DCTERMS.license, LICENSE))
    g.add((ds, FOAF.homepage, URIRef(f"{base}/")))
    g.add((ds, VOID.triples, Literal(s.triples, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(s.entities, datatype=XSD.integer)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    g.add((ds, VOID.uriSpace, Literal(f"{base}/id/")))
    for fmt in ("Turtle", "TriG", "N-Quads", "N-Triples", "JSON-LD"):
        g.add((ds, VOID.feature, FORMATS_NS[fmt]))
    for name in DUMPS:
        g.add((ds, VOID.dataDump, URIRef(base + url_for("dumps.full_dump", name=name))))
    for a in article_graphs(get_handle(), base):
        g.add((ds, VOID.dataDump, URIRef(base + a["url"])))
    vocabularies = set()
    for kind, pairs in (("class", s.classes), ("property", s.properties)):
        used: set[str] = set()
        for iri, n in pairs:
            frag = f"{kind}-{slug(short(iri))}"
            while frag in used:
                frag += "-x"
            used.add(frag)
            part = URIRef(f"{doc}#{frag}")
            if kind == "class":
                g.add((ds, VOID.classPartition, part))
                g.add((part, VOID["class"], URIRef(iri)))
                g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
            else:
                g.add((ds, VOID.propertyPartition, part))
                g.add((part, VOID.property, URIRef(iri)))
                g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
            if not iri.startswith(base):
                vocabularies.add(namespace_of(iri))
    for ns in sorted(vocabularies):
        g.add((ds, VOID.vocabulary, URIRef(ns)))
    return g, ds


@bp.get("/.well-known/void")
@bp.get("/.well-known/void.<suffix>")
def void(suffix: str | None = None) -> Response:
    if suffix not in (None, "ttl", "nt", "jsonld", "html"):
        return Response("Not found\n", status=404, content_type="text/plain; charset=utf-8")
    try:
        fmt = negotiate(("ttl", "html", "nt", "jsonld"), suffix)
    except NotAcceptable as exc:
        return Response(f"Not acceptable. Available: {exc}\n", status=406)
    resp = _cached_body(fmt.suffix)
    if suffix is None:
        resp.vary.add("Accept")
    return resp


def _cached_body(fmt_suffix: str) -> Response:
    """The rendered description, kept per store version and format (it lists every dump)."""
    body, content_type = get_handle().versioned(("void-body", fmt_suffix),
                                                lambda: _render(NEGOTIABLE[fmt_suffix]))
    return Response(body, content_type=content_type)


def _render(fmt: Format) -> tuple[bytes, str]:
    base = get_settings().base
    s = stats()
    g, ds = void_graph(base, s)
    if fmt.suffix == "html":
        html = render_template(
            "void.html", s=s, ds=str(ds), base=base, short=short,
            dumps=sorted(str(o) for o in g.objects(ds, VOID.dataDump)),
            vocabularies=sorted(str(o) for o in g.objects(ds, VOID.vocabulary)))
        return html.encode("utf-8"), "text/html; charset=utf-8"
    body = g.serialize(format=SERIALIZERS[fmt.suffix], encoding="utf-8")
    if fmt.rdf is ox.RdfFormat.JSON_LD:  # rdflib's JSON-LD plugin uses deprecated APIs
        body = ox.serialize(ox.parse(body, ox.RdfFormat.N_TRIPLES), format=fmt.rdf)
    return body, f"{fmt.media_type}; charset=utf-8"
