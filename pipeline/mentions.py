"""Entity mentions of one article: spaCy entities linked to canonical entities, plus the
article-level resolution the statistical model does not do (acronyms, surnames, demonyms,
state-qualified bodies, governments, agreements, conflicts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicon import lexicon
from .link import Gazetteer, norm
from .model import Entity

NER_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "LAW"}
#: Bare heads that refer back to the agreement named before ('the agreement', 'the Accords').
ANAPHORIC = {"agreement", "agreements", "accord", "accords", "deal", "treaty", "pact", "protocol", "memorandum"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sheikh", "sheik"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z\-–.]*[A-Z]$|^[A-Z]{2,}")
_UNKNOWN_STATE = re.compile(r"\b(Republic|Kingdom|Emirate|State|Federation|Sultanate)\b")


@dataclass
class Mention:
    """Tokens [start, end) of the Doc that refer to `entity`."""

    start: int
    end: int
    entity: Entity
    source: str

    @property
    def kind(self) -> str:
        return self.entity.kind


class Mentions:
    """Mentions of one Doc, indexed by token; entities merged per article."""

    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.doc, self.gaz, self.lex = doc, gaz, lexicon()
        self.by_token: list[Mention | None] = [None] * len(doc)
        self.registry: dict[tuple[str, str], Entity] = {}
        self.local: dict[str, Entity] = {}  # article-level names: acronyms, surnames
        self.implicit: list[tuple[str, Entity, Entity, int]] = []  # (relation, s, o, token) facts
        self.conflicts: dict[tuple[str, str], Entity] = {}

    # -- registry -----------------------------------------------------------------------------
    def intern(self, e: Entity, surface: str | None = None) -> Entity:
        known = self.registry.setdefault(e.ident, e)
        if surface:
            surface = _clean(surface)
            if surface and norm(surface) != norm(known.label) or surface != known.label:
                known.aliases.add(surface)
        return known

    def add(self, start: int, end: int, e: Entity, source: str, surface: str | None = None) -> Mention | None:
        """Record a mention unless its tokens overlap an existing one."""
        if start >= end or any(self.by_token[i] is not None for i in range(start, end)):
            return None
        e = self.intern(e, surface if surface is not None else self.doc[start:end].text)
        m = Mention(start, end, e, source)
        for i in range(start, end):
            self.by_token[i] = m
        return m

    def at(self, i: int) -> Mention | None:
        return self.by_token[i] if 0 <= i < len(self.by_token) else None

    def all(self) -> list[Mention]:
        seen, out = set(), []
        for m in self.by_token:
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                out.append(m)
        return out

    def entities(self) -> list[Entity]:
        return list({id(m.entity): m.entity for m in self.all()}.values())

    # -- building -----------------------------------------------------------------------------
    def build(self) -> Mentions:
        self._bodies_and_governments()
        for ent in self.doc.ents:
            if ent.label_ in NER_LABELS:
                self._entity_span(ent)
        self._acronyms()
        self._surnames()
        self._agreements_and_conflicts()
        self._demonyms()
        return self

    def _entity_span(self, ent: Span) -> None:
        start, end = _trim(ent)
        if start >= end:
            return
        span = self.doc[start:end]
        text = span.text
        if ent.label_ == "PERSON":
            while start < end - 1 and self.doc[start].lower_ in HONORIFICS | self.lex.titles:
                start += 1
            span = self.doc[start:end]
            self.add(start, end, Entity("Official", _clean(span.text)), "ner")
            return
        e = self.resolve(text, ent.label_, ent.ent_id_)
        if e is not None:
            self.add(start, end, e, "ruler" if ent.ent_id_ else "ner")

    def resolve(self, text: str, label: str, key: str = "") -> Entity | None:
        """A canonical entity for a name, by article-local names, the gazetteer, then the NER label."""
        if norm(text) in self.local:
            return self.local[norm(text)]
        entry = self.gaz.get(key) if key else None
        entry = entry or self.gaz.lookup(text)
        if entry is not None:
            return entry.entity()
        if label == "NORP":
            entry = self.gaz.demonym(text)
            return entry.entity() if entry else None
        name = _clean(text)
        if not name or not any(ch.isalpha() for ch in name):
            return None
        if label == "GPE":
            return Entity("State" if _UNKNOWN_STATE.search(name) else "Place", name)
        if label in ("LOC", "FAC"):
            return Entity("Place", name)
        if label in ("EVENT", "LAW"):
            low = name.lower().split()
            if low and low[-1] in self.lex.agreement_heads:
                return Entity("Agreement", name)
            if low and low[-1] in self.lex.conflict_heads:
                return Entity("Conflict", name)
            return None
        if label == "ORG":
            return Entity(self.org_kind(name), name)
        return None

    def org_kind(self, name: str) -> str:
        low = name.lower()
        words = low.replace("-", " ").split()
        if any(x in low for x in self.lex.armed_group_exclude):
            return "Organization"
        if words and (words[0] in self.lex.government_words or words[-1] in self.lex.government_words):
            return "Government"
        if any(w in self.lex.armed_group_words for w in words) and not (
            words and words[-1] in self.lex.state_body_words
        ):
            return "ArmedGroup"
        return "Organization"

    def state_of(self, tok: Token) -> Entity | None:
        """The state a modifier token names: a demonym ('Russian') or a state name."""
        entry = self.gaz.demonym(tok.text) or self.gaz.lookup(tok.text, {"State"})
        return entry.entity() if entry else None

    def _qualifier(self, start: int) -> tuple[int, Entity] | None:
        """A state qualifying tokens before `start`: 'Russian X', "Russia's X", "U.S. X"."""
        doc = self.doc
        if start >= 2 and doc[start - 1].tag_ == "POS":
            for k in (3, 2, 1):  # multi-token names before 's: "United States 's"
                if start - 1 - k >= 0:
                    name = doc[start - 1 - k:start - 1]
                    entry = self.gaz.lookup(name.text, {"State"})
                    if entry is not None:
                        return start - 1 - k, entry.entity()
        if start >= 1:
            for k in (3, 2, 1):
                if start - k >= 0:
                    name = doc[start - k:start]
                    entry = self.gaz.demonym(name.text) or self.gaz.lookup(name.text, {"State"})
                    if entry is not None:
                        return start - k, entry.entity()
        return None

    def _bodies_and_governments(self) -> None:
        """'Russian Foreign Ministry' / "Turkey's Directorate" (part of a state); 'Syrian government'."""
        doc, lex = self.doc, self.lex
        for ent in doc.ents:
            if ent.label_ != "ORG" or ent.ent_id_:
                continue
            start, end = _trim(ent)
            words = [t.lower_ for t in doc[start:end]]
            if not words or words[-1] not in lex.state_body_words and " ".join(words[-2:]) not in lex.state_body_words:
                continue
            state = self.state_of(doc[start]) if end - start > 1 else None
            body_start = start + 1 if state is not None else start
            q = None if state is not None else self._qualifier(start)
            if q is not None:
                start, state = q
            if state is None:
                continue
            body = _clean(doc[body_start:end].text)
            label = f"{self.gaz.adjective(state.label) or state.label} {body}"
            e = self.add(start, end, Entity("Organization", label), "body")
            if e is not None:
                self.implicit.append(("partOf", e.entity, self.intern(state), start))
        for tok in doc:
            if tok.lower_ not in ("government", "regime", "administration") or self.at(tok.i):
                continue
            prev = doc[tok.i - 1] if tok.i else None
            nxt = doc[tok.i + 1: tok.i + 3]
            if prev is not None and prev.ent_type_ == "PERSON" and tok.lower_ != "government":
                start = prev.i
                while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start - 1].ent_iob_ != "O":
                    start -= 1
                self.add(start, tok.i + 1, Entity("Government", f"{prev.text} {tok.lower_}"), "government")
                continue
            q = self._qualifier(tok.i)
            if q is not None and tok.lower_ == "government":
                self.add(q[0], tok.i + 1, self._government(q[1]), "government")
            elif len(nxt) == 2 and nxt[0].lower_ == "of":
                state = self.state_of(nxt[1])
                if state is not None and tok.lower_ == "government":
                    self.add(tok.i, tok.i + 3, self._government(state), "government")

    def _government(self, state: Entity) -> Entity:
        return Entity("Government", f"Government of {state.label}")

    def _acronyms(self) -> None:
        """'Full Name (ACR)': ACR names the same entity everywhere in the article."""
        doc = self.doc
        for m in self.all():
            i = m.end
            if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and _ACRONYM.match(doc[i + 1].text):
                acr = doc[i + 1].text
                self.local[norm(acr)] = m.entity
                if self.at(i + 1) is None or self.at(i + 1).entity.kind in ("Place",):
                    self.by_token[i + 1] = None
                    self.add(i + 1, i + 2, m.entity, "acronym")
        for tok in doc:
            if self.at(tok.i) is None and norm(tok.text) in self.local and tok.text.isupper():
                self.add(tok.i, tok.i + 1, self.local[norm(tok.text)], "acronym")

    def _surnames(self) -> None:
        """A one-word person name is the article's full name with that surname, if unique."""
        full: dict[str, set[int]] = {}
        officials = {}
        for m in self.all():
            if m.kind == "Official" and len(m.entity.label.split()) > 1:
                officials[id(m.entity)] = m.entity
                full.setdefault(m.entity.label.split()[-1].lower(), set()).add(id(m.entity))
        for m in self.all():
            if m.kind == "Official" and len(m.entity.label.split()) == 1:
                ids = full.get(m.entity.label.lower(), set())
                if len(ids) == 1:
                    target = officials[next(iter(ids))]
                    target.aliases.add(m.entity.label)
                    self.registry.pop(m.entity.ident, None)
                    m.entity = target
        for tok in self.doc:  # surnames the NER missed ("Bogdanov and Samsar")
            ids = full.get(tok.lower_, set())
            if self.at(tok.i) is None and tok.is_title and len(ids) == 1:
                self.add(tok.i, tok.i + 1, officials[next(iter(ids))], "surname")

    def _agreements_and_conflicts(self) -> None:
        lex = self.lex
        last_agreement: Entity | None = None
        for chunk in self.doc.noun_chunks:
            root = chunk.root
            start, end = _trim(chunk)
            if start >= end:
                continue
            words = [t for t in self.doc[start:end] if not t.is_punct]
            if root.lower_ in lex.agreement_heads:
                if any(self.at(t.i) is not None and self.at(t.i).kind == "Agreement" for t in words):
                    last_agreement = self.at(words[0].i).entity if self.at(words[0].i) else last_agreement
                    continue
                named = any(t.pos_ == "PROPN" and self.at(t.i) is None for t in words if t.i != root.i) or root.is_title and root.i > chunk.start and any(t.is_title for t in words[:-1])
                content = [t for t in words if t.lower_ not in ("this", "that", "these", "those") and t.pos_ not in ("DET", "PRON") and t.dep_ != "poss"]
                content = [t for t in content if self.at(t.i) is None]
                if not content:
                    continue
                label = _clean(self.doc[content[0].i:content[-1].i + 1].text)
                if not named and len(content) == 1 and root.lower_ in ANAPHORIC and last_agreement is not None:
                    e = last_agreement  # "the agreement", "this truce": the agreement named before
                elif not named:
                    e = self._generic_agreement(label) or Entity("Agreement", label)
                else:
                    e = Entity("Agreement", label)
                m = self.add(content[0].i, content[-1].i + 1, e, "agreement")
                if m is not None:
                    last_agreement = m.entity
            elif root.lower_ in lex.conflict_heads and root.pos_ == "NOUN" or root.lower_ == "war":
                self._conflict(chunk, start, end)

    def _generic_agreement(self, label: str) -> Entity | None:
        """'ceasefire agreement' and 'ceasefire' in one article are the same agreement."""
        mine = _content_words(label, self.lex)
        for e in self.registry.values():
            if e.kind == "Agreement":
                theirs = _content_words(e.label, self.lex)
                if mine and theirs and (mine <= theirs or theirs <= mine):
                    return e
        return None

    def _conflict(self, chunk: Span, start: int, end: int) -> None:
        """'the conflict in Libya' / 'Libyan conflict': one entity per place or state it is in."""
        where = None
        for t in chunk.root.subtree:
            m = self.at(t.i)
            if m is not None and m.kind in ("State", "Place"):
                where = m.entity
                break
            if t.i < chunk.root.i and t.ent_type_ == "NORP":
                where = self.state_of(t)
                if where is not None:
                    break
        content = [t for t in self.doc[start:end]
                   if t.pos_ != "DET" and t.lower_ not in ("escalating", "current", "ongoing")]
        if where is None or not content:
            return
        first, last = content[0].i, content[-1].i + 1
        e = self.conflicts.setdefault(where.ident, Entity("Conflict", _clean(self.doc[first:last].text)))
        for i in range(first, last):  # the conflict mention absorbs the place inside it
            self.by_token[i] = None
        self.add(first, last, e, "conflict")

    def _demonyms(self) -> None:
        """Nationality adjectives the NER missed ('Turkish drones') name their state."""
        for tok in self.doc:
            if self.at(tok.i) is None and tok.is_title and tok.pos_ in ("ADJ", "PROPN"):
                entry = self.gaz.demonym(tok.text)
                if entry is not None:
                    self.add(tok.i, tok.i + 1, entry.entity(), "demonym")


def _content_words(label: str, lex) -> set[str]:
    generic = {"agreement", "accord", "deal", "the", "a", "an"}
    return {w for w in re.split(r"[\s\-]+", label.lower()) if w and w not in generic}


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds without a leading determiner or a trailing possessive."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and span.doc[end - 1].tag_ in ("POS",) or end > start and span.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return start, end


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \"'“”‘’,.;:()")
    text = re.sub(r"^(?i:the)\s+", "", text)
    return re.sub(r"[’']s$", "", text).strip()
