"""`geonews validate`: check published article graphs (in the store or in RDF files) against the shapes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.util import guess_format

from geonews.ontology import GN

from .errors import UsageError
from .settings import Settings
from .store import GraphStore
from .validate import Violation, check


def _referenced(g: Graph) -> set[URIRef]:
    return {n for t in g for n in (t[0], t[2]) if isinstance(n, URIRef)}


def _describe(entities: Graph, iris: set[URIRef]) -> Graph:
    out = Graph()
    todo, seen = list(iris), set()
    while todo:  # follow geonews:postIn from posts to the actor they belong to
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for t in entities.triples((s, None, None)):
            out.add(t)
            if t[1] == GN.postIn:
                todo.append(t[2])
    return out


def validate_graphs(graphs: Iterable[tuple[str, Graph]], entities: Graph) -> list[tuple[str, list[Violation]]]:
    """Each article graph together with the descriptions of the entities it refers to."""
    return [(name, check(g + _describe(entities, _referenced(g)))) for name, g in graphs]


def validate_store(settings: Settings) -> list[tuple[str, list[Violation]]]:
    gs = GraphStore(settings.store, read_only=True)
    entities = gs.graph(settings.entities_graph)
    skip = {settings.entities_graph, settings.ontology_graph}
    names = [n for n in gs.named_graphs() if n not in skip]
    return validate_graphs(((n, gs.graph(n)) for n in names), entities)


def validate_files(settings: Settings, files: Iterable[str]) -> list[tuple[str, list[Violation]]]:
    """Files may be TriG/N-Quads (graphs checked one by one) or triples (checked as one graph)."""
    ds = Dataset()
    for f in files:
        fmt = guess_format(f) or ("trig" if f.endswith(".trig") else None)
        if fmt is None:
            raise UsageError(f"{f}: unknown RDF format (use .ttl, .trig, .nq, .nt, .jsonld, .rdf)")
        try:
            ds.parse(f, format=fmt)
        except Exception as exc:  # rdflib raises many parser-specific types
            raise UsageError(f"{f}: cannot parse as {fmt}: {exc}") from exc
    entities = Graph()
    articles: list[tuple[str, Graph]] = []
    for g in ds.graphs():
        name = str(g.identifier)
        if name.endswith("/graph/entities"):
            entities += g
        elif name.endswith("/graph/ontology") or len(g) == 0:
            continue
        else:
            articles.append((Path(name).name if name.startswith("file:") else name, g))
    return validate_graphs(articles, entities)
