"""The pipeline's data model: articles, canonical entities, candidate relations, facts and what
an article states. Every stage passes these along; none of them holds spaCy state except a
Candidate's sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

#: Entity kinds, by ontology class name, with the IRI path segment of each (the IRI contract).
KINDS: dict[str, str] = {
    "State": "state",
    "ArmedGroup": "armed-group",
    "Government": "government",
    "Organization": "organization",
    "Official": "official",
    "Post": "post",
    "Agreement": "agreement",
    "Conflict": "conflict",
    "Place": "place",
    "Event": "event",
}

ACTOR_KINDS = frozenset({"State", "ArmedGroup", "Government", "Organization", "Official"})


@dataclass(frozen=True)
class Article:
    """One input article; `text` is what evidence offsets index into."""

    id: str
    title: str
    text: str
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    source: str | None = None
    origin: str = ""  # file (and line) it was read from, for messages


@dataclass
class Entity:
    """A canonical entity; `key` is unique per kind within a run (QID or normalised label)."""

    kind: str
    label: str
    qid: str | None = None
    aliases: set[str] = field(default_factory=set)
    named: bool = False  # agreements: has a proper name ('Camp David Accords'), not 'the deal'
    scope: str | None = None  # set for unnamed agreements: 'the ceasefire' of one article only
    # posts only
    role_title: str | None = None
    post_in: Entity | None = None

    @property
    def ident(self) -> tuple[str, str]:
        """Identity used to merge mentions: (kind, QID or lower-cased label)."""
        if self.kind == "Post" and self.post_in is not None:  # one post however its title is spelled
            role = re.sub(r"[\s\u2010-\u2015-]+", " ", (self.role_title or "").lower()).strip()
            return (self.kind, f"{role}|{self.post_in.ident}")
        return (self.kind, self.qid or self.label.lower())

    def __hash__(self) -> int:
        return hash(self.ident)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and self.ident == other.ident


@dataclass(frozen=True)
class Offsets:
    """Character offsets into Article.text (end exclusive)."""

    begin: int
    end: int


@dataclass
class Candidate:
    """A relation a pattern found in one sentence, before it is checked, dated and scored."""

    predicate: str  # a key of geonews.ontology.RELATIONS
    subject: Entity
    object: Entity
    sent: Span  # the spaCy sentence it was found in (the evidence)
    pattern: str  # which rule found it
    confidence: float  # the rule's base strength
    anchor: int  # token index the relation hangs on (verb or noun), for negation and dates


@dataclass
class Fact:
    """One relation stated by an article, with its evidence sentence."""

    predicate: str  # a key of geonews.ontology.RELATIONS
    subject: Entity
    object: Entity
    evidence: Offsets
    confidence: float
    pattern: str  # which extraction rule produced it
    date: str | None = None  # xsd:date / gYearMonth / gYear lexical form
    attributed_to: Entity | None = None
    hedged: bool = False
    features: dict[str, float] = field(default_factory=dict)  # what the confidence was computed from


@dataclass
class Qualifier:
    """Something an article states about an agreement or event: date, place, concerns."""

    subject: Entity
    prop: str  # "date" | "place" | "concerns"
    value: Entity | str


@dataclass
class Extraction:
    """Everything the pipeline found in one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)  # every entity mentioned
    facts: list[Fact] = field(default_factory=list)
    qualifiers: list[Qualifier] = field(default_factory=list)
