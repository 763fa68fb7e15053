"""Score one article's published facts against its gold annotations, and say why each error is one.

Entities match by Wikidata ID where both sides have one, else by normalised label or alias.
Optional gold facts count neither as found nor as missing. Every false positive and false
negative gets an error class, so that `geonews eval --explain` shows which mechanism to fix next.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from geonews.ontology import SYMMETRIC, signatures

from ..nlp.gazetteer import norm
from .gold import Gold
from .predicted import PredEntity, PredFact

#: Error classes, in the order the report lists them.
CLASSES = {
    "agreement identity": "the fact is on another agreement entity than the gold one (label, merge, naming)",
    "missing entity": "an argument of the gold fact was not recognised at all",
    "mistyped entity": "both arguments were found, but one has a kind outside the relation's signature",
    "wrong relation": "the pair was related, but by another relation (or in the other direction)",
    "relation not found": "both arguments were found with fitting kinds, and no pattern stated the fact",
    "unmatched entity": "an argument of the published fact matches no gold entity (spurious, cut or mislabelled)",
    "not in gold": "both arguments are gold entities, but the gold states no such fact",
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Error:
    kind: str  # FP | FN
    error_class: str
    text: str


@dataclass
class Result:
    """Totals over every gold file, with per-relation scores and classified errors."""

    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    entities_found: int = 0
    entities_total: int = 0
    links_right: int = 0
    links_wrong: list[str] = field(default_factory=list)
    links_missing: list[str] = field(default_factory=list)
    links_total: int = 0
    evidence_ok: int = 0
    published: int = 0
    articles: int = 0
    refused: list[str] = field(default_factory=list)  # articles not published at all
    errors: list[Error] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    scored: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, correct) per scored fact

    @property
    def overall(self) -> Score:
        s = Score()
        for v in self.by_type.values():
            s.tp, s.fp, s.fn = s.tp + v.tp, s.fp + v.fp, s.fn + v.fn
        return s

    def class_counts(self) -> dict[str, Counter]:
        out: dict[str, Counter] = {c: Counter() for c in CLASSES}
        for e in self.errors:
            out[e.error_class][e.kind] += 1
        return out

    def at_threshold(self, threshold: float) -> Score:
        """Overall score if only facts with confidence >= threshold had been published."""
        s = Score(fn=self.overall.fn)
        for conf, correct in self.scored:
            if conf >= threshold:
                s.tp += correct
                s.fp += not correct
            elif correct:
                s.fn += 1
        return s


def _gold_names(e: dict) -> set[str]:
    return {norm(e["text"])} | {norm(a) for a in e.get("aliases", [])}


def match_entities(gold: Gold, ents: dict[str, PredEntity]) -> dict[str, str]:
    """Predicted IRI -> gold entity text, by QID where both have one, else by name."""
    out: dict[str, str] = {}
    by_qid = {g["wikidata"]: g["text"] for g in gold.entities if g.get("wikidata")}
    for iri, e in ents.items():
        if e.qid and e.qid in by_qid:
            out[iri] = by_qid[e.qid]
            continue
        names = {norm(n) for n in e.names}
        for g in gold.entities:
            if names & _gold_names(g):
                out[iri] = g["text"]
                break
    return out


def _key(t: str, s: str, o: str) -> tuple[str, str, str]:
    s, o = norm(s), norm(o)
    return (t, *sorted((s, o))) if t in SYMMETRIC else (t, s, o)


class ArticleScorer:
    """Scores one article into a Result."""

    def __init__(self, gold: Gold, text: str, ents: dict[str, PredEntity], facts: list[PredFact]):
        self.gold, self.text, self.ents, self.facts = gold, text, ents, facts
        self.mapping = match_entities(gold, ents)
        self.gold_types = {g["text"]: g["type"] for g in gold.entities}
        self.found = set(self.mapping.values())
        self.pred_kind = {}  # gold text -> kinds the system gave it
        for iri, g in self.mapping.items():
            self.pred_kind.setdefault(g, set()).add(ents[iri].kind)

    def name(self, iri: str) -> str:
        """The gold text an IRI matched, else the system's own label."""
        return self.mapping.get(iri) or self.ents[iri].label if iri in self.ents else iri

    def score(self, res: Result) -> None:
        res.articles += 1
        self._entities(res)
        gold_keys = {_key(f["type"], f["subject"], f["object"]): f for f in self.gold.required}
        optional = {_key(f["type"], f["subject"], f["object"]) for f in self.gold.optional}
        pred_keys: dict[tuple, PredFact] = {}
        for f in self.facts:
            res.published += 1
            if f.evidence and f.begin is not None and self.text[f.begin:f.end] == f.evidence:
                res.evidence_ok += 1
            pred_keys.setdefault(_key(f.type, self.name(f.subject), self.name(f.object)), f)
        fps = {k: f for k, f in pred_keys.items() if k not in gold_keys and k not in optional}
        fns = {k: f for k, f in gold_keys.items() if k not in pred_keys}
        for k, f in pred_keys.items():
            if k in gold_keys:
                res.by_type[k[0]].tp += 1
                res.scored.append((f.confidence, True))
            elif k in fps:
                res.by_type[k[0]].fp += 1
                res.scored.append((f.confidence, False))
                res.errors.append(Error("FP", self._fp_class(k, f, fns, gold_keys),
                                        f"{self.gold.path.name}: FP {k[0]}({self.name(f.subject)}, "
                                        f"{self.name(f.object)}) conf={f.confidence} [{f.pattern}]\n"
                                        f"    {f.evidence}"))
        for k, g in fns.items():
            res.by_type[k[0]].fn += 1
            res.errors.append(Error("FN", self._fn_class(g, fps, pred_keys),
                                    f"{self.gold.path.name}: FN {k[0]}({g['subject']}, {g['object']})\n"
                                    f"    {g['evidence']}"))

    def labels(self) -> list[tuple[PredFact, bool]]:
        """Each published fact with whether the gold states it (optional matches left out)."""
        gold_keys = {_key(f["type"], f["subject"], f["object"]) for f in self.gold.required}
        optional = {_key(f["type"], f["subject"], f["object"]) for f in self.gold.optional}
        out = []
        for f in self.facts:
            k = _key(f.type, self.name(f.subject), self.name(f.object))
            if k not in optional or k in gold_keys:
                out.append((f, k in gold_keys))
        return out

    def _entities(self, res: Result) -> None:
        for g in self.gold.entities:
            res.entities_total += 1
            if g["text"] in self.found:
                res.entities_found += 1
            else:
                res.missed_entities.append(f"{self.gold.path.name}: {g['text']} ({g['type']})")
            if g.get("wikidata"):
                res.links_total += 1
                linked = [e.qid for iri, e in self.ents.items() if self.mapping.get(iri) == g["text"] and e.qid]
                if g["wikidata"] in linked:
                    res.links_right += 1
                else:
                    res.links_missing.append(
                        f"{self.gold.path.name}: {g['text']} {g['wikidata']} got {linked or 'no link'}")
        for iri, e in self.ents.items():
            g = next((g for g in self.gold.entities if g["text"] == self.mapping.get(iri)), None)
            if e.qid and g is not None and g.get("wikidata") and g["wikidata"] != e.qid:
                res.links_wrong.append(f"{self.gold.path.name}: {g['text']} linked to {e.qid}, gold {g['wikidata']}")

    # -- error classes ---------------------------------------------------------------------
    def _agreement_swap(self, relation: str, subject: str, candidates) -> bool:
        return any(k[0] == relation and k[1] == norm(subject) for k in candidates)

    def _fp_class(self, k, f: PredFact, fns: dict, gold_keys: dict) -> str:
        obj_kind = self.ents[f.object].kind if f.object in self.ents else ""
        if obj_kind == "Agreement" and self._agreement_swap(k[0], self.name(f.subject), fns):
            return "agreement identity"
        if f.subject not in self.mapping or f.object not in self.mapping:
            return "unmatched entity"
        pair = {norm(self.name(f.subject)), norm(self.name(f.object))}
        if any({g[1], g[2]} == pair for g in gold_keys):
            return "wrong relation"
        return "not in gold"

    def _fn_class(self, g: dict, fps: dict, pred_keys: dict) -> str:
        if self.gold_types.get(g["object"]) == "Agreement" and self._agreement_swap(g["type"], g["subject"], fps):
            return "agreement identity"
        if g["subject"] not in self.found or g["object"] not in self.found:
            return "missing entity"
        sig = signatures()[g["type"]]
        s_kinds, o_kinds = self.pred_kind.get(g["subject"], set()), self.pred_kind.get(g["object"], set())
        o_fits = o_kinds & sig.range or (g["type"] == "holdsPost" and o_kinds)  # holdsPost: the post's actor
        if not (s_kinds & sig.domain) or not o_fits:
            return "mistyped entity"
        pair = {norm(g["subject"]), norm(g["object"])}
        if any({k[1], k[2]} == pair for k in pred_keys):
            return "wrong relation"
        return "relation not found"


def score_article(gold: Gold, text: str, ents: dict[str, PredEntity], facts: list[PredFact], res: Result) -> None:
    ArticleScorer(gold, text, ents, facts).score(res)
