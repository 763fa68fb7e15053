"""A large store made from a small one: every article graph copied with renamed article, claim and
event IRIs, as if the same news had been published many times.

The entities graph and the ontology are kept once, so entity pages grow with the copies (a
country named in every article gets thousands of claims) as they would in a real store.
Used by the scale benchmark and by the tests that need a store too big to answer naively.

    python benchmarks/scale_store.py SOURCE_STORE TARGET_STORE QUADS
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph as ox

#: Minted IRIs that name one article's own things; entities are shared between copies.
PER_ARTICLE = re.compile(r"/id/(?:article|claim|event)/")


def _renamed(term, k: int):
    if isinstance(term, ox.NamedNode) and PER_ARTICLE.search(term.value):
        return ox.NamedNode(f"{term.value}-copy{k}")
    return term


def replicate(source: str | Path, target: str | Path, quads: int) -> int:
    """Copy `source` into a new store at `target` with its article graphs repeated until the
    store holds at least `quads` quads; returns the number of quads written."""
    src = ox.Store.read_only(str(source))
    everything = list(src)
    articles = [q for q in everything
                if isinstance(q.graph_name, ox.NamedNode) and PER_ARTICLE.search(q.graph_name.value)]
    if not articles:
        raise ValueError(f"{source} holds no article graph to copy")
    dst = ox.Store(str(target))
    dst.bulk_extend(everything)
    total, k = len(everything), 0
    while total < quads:
        dst.bulk_extend(ox.Quad(_renamed(q.subject, k), q.predicate, _renamed(q.object, k),
                                _renamed(q.graph_name, k)) for q in articles)
        total += len(articles)
        k += 1
    dst.flush()
    dst.optimize()
    return total


if __name__ == "__main__":
    print(replicate(sys.argv[1], sys.argv[2], int(sys.argv[3])))
