"""Shape a Description into what the entity and article templates show (no queries here)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from .queries import ClaimRow, Description
from .terms import (
    DC_TITLE,
    OWL_SAME,
    PREFIXES,
    RDF_TYPE,
    RDFS_COMMENT,
    RDFS_LABEL,
    SKOS_ALT,
    Presenter,
    TermView,
    wikidata_qid,
)

GN = PREFIXES["geonews"]
RDF = PREFIXES["rdf"]
_SHOWN_APART = {RDF_TYPE, RDFS_LABEL, SKOS_ALT, OWL_SAME, RDFS_COMMENT}
_ARTICLE_APART = {GN + "mentions", GN + "rejectedFacts", GN + "validationReport", DC_TITLE}
_INCOMING_APART = {RDF + "subject", RDF + "object", GN + "mentions"}


@dataclass
class ClaimView:
    claim: TermView
    subject: TermView
    predicate: TermView
    object: TermView
    evidence: str | None
    confidence: str | None
    article: TermView | None
    attributed_to: TermView | None
    date: str | None = None
    count: int = 1  # articles stating this fact

    def as_json(self) -> dict:
        out = {k: getattr(self, k).as_json() for k in ("claim", "subject", "predicate", "object")}
        out["evidence"] = self.evidence
        out["confidence"] = float(self.confidence) if self.confidence is not None else None
        out["article"] = self.article.as_json() if self.article else None
        out["attributedTo"] = self.attributed_to.as_json() if self.attributed_to else None
        out["date"] = self.date
        out["articles"] = self.count
        return out


def claim_view(p: Presenter, c: ClaimRow) -> ClaimView:
    article = None
    if c.article:
        article = p.term(c.article)
        if c.title:
            article = TermView(c.title, article.href, article.iri, internal=article.internal)
    return ClaimView(p.term(c.claim) if c.claim else TermView("", None, None), p.term(c.subject),
                     p.term(c.predicate), p.term(c.object), c.evidence, c.confidence, article,
                     p.term(c.attributed_to) if c.attributed_to else None, c.date, c.count)


def _grouped(pairs: list[tuple[TermView, TermView]]) -> list[tuple[TermView, list[TermView]]]:
    groups: dict[TermView, list[TermView]] = defaultdict(list)
    for key, value in pairs:
        if value not in groups[key]:
            groups[key].append(value)
    return sorted(groups.items(), key=lambda kv: kv[0].text.lower())


def entity_view(d: Description, p: Presenter, kind: str) -> dict:
    """Template context for /doc pages: labels, links out, statements with their evidence."""
    own = [t for t in d.outgoing if t.subject.value == d.iri]
    by_pred: dict[str, list[ox.Term]] = defaultdict(list)
    for t in own:
        by_pred[t.predicate.value].append(t.object)
    apart = _SHOWN_APART | (_ARTICLE_APART if kind == "article" else set())
    properties = _grouped([(p.term(t.predicate), p.term(t.object)) for t in own
                           if t.predicate.value not in apart])
    incoming = _grouped([(p.term(t.predicate), p.term(t.subject)) for t in d.incoming
                         if t.predicate.value not in _INCOMING_APART])
    mentioned_in = sorted({p.term(t.subject) for t in d.incoming
                           if t.predicate.value == GN + "mentions"}, key=lambda v: v.text)
    same_as = [(p.term(o), wikidata_qid(o.value)) for o in by_pred[OWL_SAME]
               if isinstance(o, ox.NamedNode)]
    ctx = {
        "iri": d.iri,
        "kind": kind,
        "label": p.label(d.iri),
        "types": [p.term(o) for o in by_pred[RDF_TYPE]],
        "alt_labels": sorted({o.value for o in by_pred[SKOS_ALT]}),
        "comments": [o.value for o in by_pred[RDFS_COMMENT]],
        "same_as": same_as,
        "properties": properties,
        "incoming": incoming,
        "mentioned_in": mentioned_in,
        "claims": [claim_view(p, c) for c in d.claims],
        "truncated": d.truncated,
        # links counted beyond the cut: predicate -> how many, for "and N more"
        "incoming_counts": {p.term(k).text: n for k, n in d.incoming_counts.items()},
        "mentions_total": d.incoming_counts.get(GN + "mentions", len(mentioned_in)),
    }
    if kind == "article":
        ctx["title"] = next((o.value for o in by_pred[DC_TITLE]), ctx["label"])
        ctx["mentions"] = sorted({p.term(o) for o in by_pred[GN + "mentions"]},
                                 key=lambda v: v.text.lower())
        ctx["rejected"] = next((o.value for o in by_pred[GN + "rejectedFacts"]), None)
        ctx["report"] = next((o.value for o in by_pred[GN + "validationReport"]), None)
        ctx["graph_size"] = len({t for t in d.outgoing})
    return ctx


def entity_json(ctx: dict) -> dict:
    """The same page as JSON (for `.json`): plain values, no HTML."""
    return {
        "iri": ctx["iri"],
        "label": ctx["label"],
        "types": [t.as_json() for t in ctx["types"]],
        "altLabels": ctx["alt_labels"],
        "sameAs": [t.as_json() for t, _ in ctx["same_as"]],
        "properties": {k.iri or k.text: [v.as_json() for v in vs] for k, vs in ctx["properties"]},
        "claims": [c.as_json() for c in ctx["claims"]],
        "mentionedIn": [t.as_json() for t in ctx["mentioned_in"]],
    }
