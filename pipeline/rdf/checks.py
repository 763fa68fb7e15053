"""`geonews validate`: check published article graphs (in the store or in RDF files) against the shapes."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from xml.sax import SAXException

from rdflib import OWL, RDF, Dataset, Graph, URIRef
from rdflib.exceptions import Error as RdflibError
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.util import guess_format

from geonews.ontology import GN

from ..errors import UsageError
from ..settings import Settings
from ..store import open_store
from .validate import Violation, check

#: What rdflib's parsers raise on bad input: Turtle/TriG BadSyntax is a SyntaxError, N-Triples/N-Quads
#: a rdflib ParserError, RDF/XML a SAXException, JSON-LD a ValueError (json) or a rdflib Error.
_PARSE_ERRORS = (SyntaxError, ValueError, RdflibError, SAXException, UnicodeDecodeError)


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


def _links(entities: Graph) -> Graph:
    """The geonews:WikidataLink nodes `geonews link` published, with the owl:sameAs each states."""
    out = Graph()
    for node in set(entities.subjects(RDF.type, GN.WikidataLink)):
        out += entities.triples((node, None, None))
        s, o = entities.value(node, RDF.subject), entities.value(node, RDF.object)
        if s is not None and o is not None:
            out += entities.triples((s, OWL.sameAs, o))
    return out


def validate_graphs(graphs: Iterable[tuple[str, Graph]], entities: Graph,
                    entities_name: str = "entities graph") -> list[tuple[str, list[Violation]]]:
    """Each article graph together with the descriptions of the entities it refers to, then the
    provenance of the Wikidata links in the entities graph (if there are any)."""
    out = [(name, check(g + _describe(entities, _referenced(g)))) for name, g in graphs]
    links = _links(entities)
    if len(links):
        out.append((f"{entities_name}: Wikidata links", check(links)))
    return out


def validate_store(settings: Settings) -> list[tuple[str, list[Violation]]]:
    """Every article graph in the store named by the settings (a directory or a SPARQL server)."""
    with open_store(settings, read_only=True) as gs:
        entities = gs.graph(settings.entities_graph)
        skip = {settings.entities_graph, settings.ontology_graph}
        names = [n for n in gs.named_graphs() if n not in skip]
        return validate_graphs(((n, gs.graph(n)) for n in names), entities, settings.entities_graph)


def read_dataset(files: Iterable[str | Path]) -> Dataset:
    """Parse RDF files (format from the suffix) into one rdflib Dataset; UsageError if one cannot be read."""
    ds = Dataset()
    for f in map(str, files):
        fmt = guess_format(f) or ("trig" if f.endswith(".trig") else None)
        if fmt is None:
            raise UsageError(f"{f}: unknown RDF format (use .ttl, .trig, .nq, .nt, .jsonld, .rdf)")
        try:
            with open(f, "rb") as fh, warnings.catch_warnings():
                # rdflib 7.6's own Dataset.parse and TriG parser use its deprecated ConjunctiveGraph API
                warnings.simplefilter("ignore", DeprecationWarning)
                ds.parse(file=fh, format=fmt)
        except OSError as exc:
            raise UsageError(f"{f}: cannot read: {exc.strerror or exc}") from exc
        except _PARSE_ERRORS as exc:
            raise UsageError(f"{f}: cannot parse as {fmt}: {exc}") from exc
    return ds


def validate_files(settings: Settings, files: Iterable[str]) -> list[tuple[str, list[Violation]]]:
    """Files may be TriG/N-Quads (graphs checked one by one) or triples (checked as one graph)."""
    files = list(files)
    ds = read_dataset(files)
    entities = Graph()
    articles: list[tuple[str, Graph]] = []
    for g in ds.graphs():
        name = str(g.identifier)
        if name.endswith("/graph/entities"):
            entities += g
        elif name.endswith("/graph/ontology") or len(g) == 0:
            continue
        elif g.identifier == DATASET_DEFAULT_GRAPH_ID:
            articles.append((f"default graph of {', '.join(files)}", g))
        else:
            articles.append((Path(name).name if name.startswith("file:") else name, g))
    return validate_graphs(articles, entities)
