"""SHACL shapes that every published article graph must satisfy."""

from functools import lru_cache
from importlib.resources import files

from rdflib import Graph

__all__ = ["load_shapes", "shapes_text"]


def shapes_text() -> str:
    """All shape files, concatenated in name order (each is standalone Turtle)."""
    parts = sorted(p for p in files(__name__).iterdir() if p.name.endswith(".ttl"))
    return "\n".join(p.read_text(encoding="utf-8") for p in parts)


@lru_cache(maxsize=1)
def _parsed() -> Graph:
    g = Graph()
    for p in sorted(p for p in files(__name__).iterdir() if p.name.endswith(".ttl")):
        g.parse(data=p.read_text(encoding="utf-8"), format="turtle")
    return g


def load_shapes() -> Graph:
    """The parsed shapes graph (cached; do not mutate)."""
    return _parsed()
