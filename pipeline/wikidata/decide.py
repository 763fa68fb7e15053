"""Decide like a careful human: a candidate must be of a compatible type and carry one of the
entity's names; context from the articles (co-mentioned linked entities, posts held) raises it;
the best is linked only above a threshold and clearly ahead of the second. A wrong link is worse
than none, so anything else is left unlinked, with the candidates kept for review."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from ..nlp.gazetteer import norm
from .items import Item

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"of", "the", "for", "and", "in"})


@dataclass(frozen=True)
class Rules:
    """pipeline/data/wikidata_linking.json: accepted classes per kind, evidence weights."""

    classes: dict[str, str]  # QID -> label
    kinds: dict[str, dict]
    context_properties: dict[str, str]
    weights: dict[str, float]
    subclass_depth: int

    def accepted(self, kind: str) -> frozenset[str]:
        return frozenset(self.kinds.get(kind, {}).get("classes", ()))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    data = json.loads(files("geonews.pipeline").joinpath("data", "wikidata_linking.json").read_text("utf-8"))
    return Rules({q: c["label"] for q, c in data["classes"].items()}, data["kinds"],
                 data["context_properties"], data["weights"], int(data["subclass_depth"]))


@dataclass(frozen=True)
class HeldPost:
    """A post the article says the official holds: its title and the state (labels, QIDs) it is in."""

    title: str
    actor: str
    actor_qids: frozenset[str]


@dataclass
class Target:
    """An entity of the store to link, with what its articles say around it."""

    iri: str
    kind: str
    label: str
    aliases: list[str]
    context: dict[str, str] = field(default_factory=dict)  # QID of a co-mentioned linked entity -> its label
    states: frozenset[str] = frozenset()  # QIDs of the co-mentioned states
    posts: list[HeldPost] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.label] + [a for a in self.aliases if norm(a) != norm(self.label)]


@dataclass
class Scored:
    """One candidate with its score and the reasons for it (or why it cannot be the entity)."""

    qid: str
    label: str
    description: str
    score: float = 0.0
    compatible: bool = False
    evidence: list[str] = field(default_factory=list)
    supports: int = 0

    def as_json(self) -> dict:
        return {"qid": self.qid, "label": self.label, "description": self.description,
                "score": capped(self.score), "compatible": self.compatible, "evidence": self.evidence}


def capped(score: float) -> float:
    """A score as the table and the data show it: rounded, at most 1 (ranking uses the raw sum)."""
    return round(min(score, 1.0), 3)


@dataclass
class Decision:
    qid: str | None
    score: float
    evidence: list[str]
    reason: str
    candidates: list[Scored]


def type_path(item: Item, accepted: frozenset[str], parents: dict[str, list[str]], depth: int) -> list[str] | None:
    """instance of C0, C0 subclass of C1 ... ending in an accepted class (breadth first), or None."""
    frontier = [[c] for c in item.values("P31")]
    for _ in range(depth + 1):
        nxt = []
        for path in frontier:
            if path[-1] in accepted:
                return path
            nxt.extend(path + [p] for p in parents.get(path[-1], []) if p not in path)
        frontier = nxt
    return None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(norm(text))) - _STOP


def _post_matches(post: HeldPost, position: Item) -> bool:
    """The position's label or an alias holds every word of the title and names the post's state
    (or the position's country is that state): 'President' of the United States ~ Q11696."""
    title = _words(post.title)
    for term in [position.label, *position.aliases]:
        words = _words(term)
        if title and title <= words and (set(position.values("P17")) & post.actor_qids or _words(post.actor) <= words):
            return True
    return False


class Judge:
    """Scores the candidates of one target and decides."""

    def __init__(self, rules: Rules, threshold: float, margin: float):
        self.rules, self.threshold, self.margin = rules, threshold, margin
        self.w = rules.weights

    def names_score(self, t: Target, item: Item) -> tuple[float, list[str]]:
        label, aliases = norm(item.label), {norm(a) for a in item.aliases}
        best, matched = 0.0, []
        for i, name in enumerate(t.names):
            n = norm(name)
            side = "label" if i == 0 else "alias"
            if n and n == label:
                key, term = f"{side}=label", item.label
            elif n and n in aliases:
                key, term = f"{side}=alias", next(a for a in item.aliases if norm(a) == n)
            else:
                continue
            best = max(best, self.w[key])
            matched.append(f"name {name!r} = its {key.split('=')[1]} {term!r}")
        if len(matched) > 1:
            best += self.w["another name"]
        return best, matched

    def score(self, t: Target, item: Item, parents: dict[str, list[str]], positions: dict[str, Item]) -> Scored:
        s = Scored(item.qid, item.label, item.description)
        name, s.evidence = self.names_score(t, item)
        if not name:
            s.evidence = ["no name of the entity is its label or an alias"]
            return s
        path = type_path(item, self.rules.accepted(t.kind), parents, self.rules.subclass_depth)
        if path is None:
            got = ", ".join(item.values("P31")) or "none"
            s.evidence.append(f"type mismatch: instance of {got}, not a class geonews accepts for {t.kind}")
            return s
        s.compatible = True
        s.evidence.append("type: instance of " + " subclass of ".join(
            f"{c} ({self.rules.classes[c]})" if c in self.rules.classes else c for c in path))
        context = 0.0
        for prop, what in self.rules.context_properties.items():
            for value in item.values(prop):
                if value in t.context:
                    context += self.w["context"]
                    s.supports += 1
                    s.evidence.append(f"context: {what} ({prop}) {value}, {t.context[value]!r}, in the same article")
        for post in t.posts:
            for value in item.values("P39"):
                if value in positions and _post_matches(post, positions[value]):
                    context += self.w["post"]
                    s.supports += 1
                    s.evidence.append(f"context: position held (P39) {positions[value].describe()} "
                                      f"= the article's post {post.title!r} of {post.actor}")
                    break
        s.score = name + self.w["type"] + min(context, self.w["context cap"])
        countries = set(item.values("P17")) | set(item.values("P27"))
        if countries and t.states and not countries & t.states and self._country_must_fit(t.kind, path):
            s.score += self.w["country mismatch"]
            s.evidence.append(f"its country ({', '.join(sorted(countries))}) is none of the article's states")
        return s

    def _country_must_fit(self, kind: str, path: list[str]) -> bool:
        spec = self.rules.kinds.get(kind, {})
        return bool(spec.get("country_must_fit")) or bool(set(spec.get("country_must_fit_classes", ())) & set(path))

    def decide(self, t: Target, scored: list[Scored]) -> Decision:
        ranked = sorted(scored, key=lambda c: (-c.compatible, -c.score, int(c.qid[1:])))
        fit = [c for c in ranked if c.compatible]
        if not ranked:
            return Decision(None, 0.0, [], "Wikidata has no item with this name", ranked)
        if not fit:
            return Decision(None, 0.0, [], "no candidate of a type compatible with " + t.kind, ranked)
        best = fit[0]
        second = fit[1].score if len(fit) > 1 else 0.0
        if best.score < self.threshold:
            reason = f"best candidate {best.qid} scores {best.score:.2f}, under the threshold {self.threshold}"
        elif best.score - second < self.margin - 1e-9:
            reason = (f"ambiguous: {best.qid} ({best.score:.2f}) is not clearly ahead of "
                      f"{fit[1].qid} ({second:.2f})")
        elif self.rules.kinds.get(t.kind, {}).get("needs_context") and not best.supports:
            reason = (f"nothing in the articles supports {best.qid}, and for an entity of kind {t.kind} "
                      "a name alone is not enough")
        else:
            return Decision(best.qid, best.score, best.evidence, "", ranked)
        return Decision(None, best.score, [], reason, ranked)
