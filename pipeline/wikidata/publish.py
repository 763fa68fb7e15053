"""Publishing links: each link is `<entity> owl:sameAs <item>` in the entities graph plus a
geonews:WikidataLink node stating it, with its confidence, method, evidence and date. Every
change of one run (links dropped, replaced or added) is one SPARQL Update request, which the
store runs as one transaction; only links `geonews link` made (those with a node) are ever
removed, so the gazetteer's owl:sameAs stay as they are."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV

from geonews.ontology import GN

from ..errors import StoreError
from ..rdf.iris import Minter
from ..rdf.validate import check
from ..store import GraphStore, RemoteStore
from .context import StoreEntity
from .table import Link

_DELETE = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
DELETE {{ GRAPH <{g}> {{ ?e owl:sameAs ?q . ?n ?p ?o }} }}
WHERE {{ VALUES ?e {{ {values} }} GRAPH <{g}> {{ ?n a <{cls}> ; rdf:subject ?e ; rdf:object ?q ; ?p ?o }} }}"""


def link_triples(m: Minter, link: Link) -> Graph:
    """The owl:sameAs and its provenance node."""
    g = Graph()
    e, item = URIRef(link.entity), m.wikidata(link.qid)
    node = m.wikidata_link(link.entity, link.qid)
    g.add((e, OWL.sameAs, item))
    g.add((node, RDF.type, GN.WikidataLink))
    g.add((node, RDF.subject, e))
    g.add((node, RDF.predicate, OWL.sameAs))
    g.add((node, RDF.object, item))
    g.add((node, GN.linkConfidence, Literal(Decimal(str(round(link.confidence, 3))), datatype=XSD.decimal)))
    g.add((node, GN.linkMethod, Literal(link.method)))
    if link.evidence:
        g.add((node, GN.linkEvidence, Literal(link.evidence)))
    g.add((node, PROV.generatedAtTime, Literal(link.date, datatype=XSD.dateTime)))
    return g


def publish_links(store: GraphStore | RemoteStore, m: Minter, entities_graph: str,
                  entities: dict[str, StoreEntity], links: dict[str, Link]) -> tuple[int, int]:
    """Make the store's links those of `links` (for entities the store holds and the gazetteer did
    not link); returns (links written, links removed). Nothing is sent when nothing changed."""
    wanted = {iri: link for iri, link in links.items()
              if iri in entities and not entities[iri].gazetteer_qids - {link.qid}}
    current = {iri: e for iri, e in entities.items() if e.linked}
    published = store.describe(sorted({n for e in current.values() for n in e.linked.values()}), entities_graph)
    touched, insert = set(), Graph()
    for iri in sorted(set(wanted) | set(current)):
        new = link_triples(m, wanted[iri]) if iri in wanted else Graph()
        if iri in current and _same(new, current[iri], published):
            continue
        touched.add(iri)
        insert += new
    if not touched:
        return 0, 0
    violations = check(insert)
    if violations:  # a bug: the links are built here, so refuse to publish them
        raise StoreError("the links to publish violate the shapes: " + "; ".join(map(str, violations[:5])))
    parts = [_DELETE.format(g=entities_graph, cls=GN.WikidataLink,
                            values=" ".join(f"<{iri}>" for iri in sorted(touched)))]
    if len(insert):
        parts.append(f"INSERT DATA {{ GRAPH <{entities_graph}> {{\n{insert.serialize(format='nt')}}} }}")
    store.update(" ;\n".join(parts))
    store.flush()
    removed = sum(1 for iri in touched if iri in current and iri not in wanted)
    return len(touched) - removed, removed


def _same(new: Graph, e: StoreEntity, published: Graph) -> bool:
    """Whether the store already holds exactly this link: the same item and the same node triples
    (literals compared by value: the store writes the decimal 1.0 as "1")."""
    nodes = {URIRef(n) for n in e.linked.values()}
    old = {_key(t) for t in published if t[0] in nodes}
    return set(new.subjects(RDF.type, GN.WikidataLink)) == nodes and old == {_key(t) for t in new if t[0] in nodes}


def _key(t: tuple) -> tuple:
    s, p, o = t
    return (s, p, (o.datatype, o.toPython()) if isinstance(o, Literal) else o)
