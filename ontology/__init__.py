"""The geonews OWL ontology (geonews.ttl) and its vocabulary as code."""

from functools import lru_cache
from importlib.resources import files

from rdflib import Graph

from .vocab import GN, NS, RELATIONS, SYMMETRIC

__all__ = ["GN", "NS", "RELATIONS", "SYMMETRIC", "Signature", "load_ontology", "ontology_path",
           "ontology_text", "signatures"]


def ontology_path():
    """Path of the packaged Turtle file."""
    return files(__name__).joinpath("geonews.ttl")


def ontology_text() -> str:
    return ontology_path().read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _parsed() -> Graph:
    return Graph().parse(data=ontology_text(), format="turtle")


def load_ontology() -> Graph:
    """A fresh copy of the parsed ontology (the parse itself is cached)."""
    g = Graph()
    for prefix, ns in _parsed().namespaces():
        g.bind(prefix, ns)
    for t in _parsed():
        g.add(t)
    return g


from .signatures import Signature, signatures  # noqa: E402 - reads _parsed
