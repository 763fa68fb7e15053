"""Facets of an entity page's statements: by relation, by article, by confidence.

The counts come from the engine's aggregates over every statement about the entity
(`statements.Summary`), each value counted among the statements the other selections keep; the
page itself holds one page of rows. The parameters are those of /facts.csv (`relation`, `article`,
`min_confidence`), so "download these facts" passes the same selection on; `page` pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .statements import CONFIDENCE_STEPS, Summary

PARAMS = ("relation", "article", "min_confidence")


@dataclass
class FacetValue:
    text: str
    count: int
    href: str  # the page with this value selected (or unselected, when it is)
    selected: bool


@dataclass
class Facet:
    name: str
    values: list[FacetValue]


def key_of(iri: str | None) -> str:
    """The last path segment (or fragment) of an IRI: 'supports', an article's key."""
    return (iri or "").rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def selection(args) -> dict[str, str]:
    """The facet parameters of a request (unknown values simply select nothing)."""
    return {k: args[k] for k in PARAMS if args.get(k)}


def page_href(sel: dict[str, str], page: int) -> str:
    """This page of statements, with the same selection."""
    params = {**sel, **({"page": str(page)} if page > 1 else {})}
    return "?" + urlencode(params) if params else "?"


def _href(sel: dict[str, str], name: str, value: str) -> str:
    changed = {k: v for k, v in sel.items() if k != name}
    if sel.get(name) != value:
        changed[name] = value
    return "?" + urlencode(changed) if changed else "?"


def facets(summary: Summary, sel: dict[str, str], titles: dict[str, str]) -> list[Facet]:
    """The facets of an entity's statements; `titles` names the articles (IRI -> title)."""
    relations = sorted(((key_of(p), n) for p, n in summary.counts.items() if n),
                       key=lambda kv: (-kv[1], kv[0]))
    articles = [(key_of(a), titles.get(a, key_of(a)), n) for a, n in summary.articles]
    return [
        Facet("relation", [FacetValue(r, n, _href(sel, "relation", r), sel.get("relation") == r)
                           for r, n in relations]),
        Facet("article", [FacetValue(title, n, _href(sel, "article", k), sel.get("article") == k)
                          for k, title, n in sorted(articles, key=lambda x: (-x[2], x[1]))]),
        Facet("confidence", [FacetValue(f"{step} or more", summary.confidence.get(step, 0),
                                        _href(sel, "min_confidence", step),
                                        sel.get("min_confidence") == step)
                             for step in CONFIDENCE_STEPS]),
    ]
