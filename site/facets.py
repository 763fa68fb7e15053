"""Facets of an entity page's statements: by relation, by article, by confidence.

Counted over the claims the page already holds (a bounded list), so no query of its own. The
parameters are those of /facts.csv (`relation`, `article`, `min_confidence`), so "download these
facts" passes the same selection on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from .views import ClaimView

PARAMS = ("relation", "article", "min_confidence")
CONFIDENCE_STEPS = ("0.9", "0.8", "0.7")


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


def _key(iri: str | None) -> str:
    return (iri or "").rstrip("/").rsplit("/", 1)[-1]


def _relation(c: ClaimView) -> str:
    return _key(c.predicate.iri).rsplit("#", 1)[-1]


def selection(args) -> dict[str, str]:
    """The facet parameters of a request (unknown values simply select nothing)."""
    return {k: args[k] for k in PARAMS if args.get(k)}


def _min(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


def keep(c: ClaimView, sel: dict[str, str]) -> bool:
    if "relation" in sel and _relation(c) != sel["relation"]:
        return False
    if "article" in sel and (c.article is None or _key(c.article.iri) != sel["article"]):
        return False
    low = _min(sel.get("min_confidence"))
    if low is not None and (c.confidence is None or Decimal(c.confidence) < low):
        return False
    return True


def _href(sel: dict[str, str], name: str, value: str) -> str:
    changed = {k: v for k, v in sel.items() if k != name}
    if sel.get(name) != value:
        changed[name] = value
    return "?" + urlencode(changed) if changed else "?"


def facets(claims: list[ClaimView], sel: dict[str, str]) -> tuple[list[Facet], list[ClaimView]]:
    """The facets (each value counted among the claims the other selections keep) and the
    claims every selection keeps."""
    def others(name: str) -> list[ClaimView]:
        rest = {k: v for k, v in sel.items() if k != name}
        return [c for c in claims if keep(c, rest)]

    by_rel = Counter(_relation(c) for c in others("relation"))
    articles = others("article")
    by_art = Counter(_key(c.article.iri) for c in articles if c.article)
    titles = {_key(c.article.iri): c.article.text for c in articles if c.article}
    confs = [Decimal(c.confidence) for c in others("min_confidence") if c.confidence is not None]
    out = [
        Facet("relation", [FacetValue(r, n, _href(sel, "relation", r), sel.get("relation") == r)
                           for r, n in sorted(by_rel.items(), key=lambda kv: (-kv[1], kv[0]))]),
        Facet("article", [FacetValue(titles[a], n, _href(sel, "article", a),
                                     sel.get("article") == a)
                          for a, n in sorted(by_art.items(), key=lambda kv: (-kv[1], titles[kv[0]]))]),
        Facet("confidence", [FacetValue(f"{step} or more", sum(1 for c in confs if c >= Decimal(step)),
                                        _href(sel, "min_confidence", step),
                                        sel.get("min_confidence") == step)
                             for step in CONFIDENCE_STEPS]),
    ]
    return out, [c for c in claims if keep(c, sel)]
