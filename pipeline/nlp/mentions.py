"""The mentions of one article: which tokens refer to which canonical entity. The table and the
resolvers the passes share (a name to an entity, an organisation's kind, the state a modifier
names); the passes that fill it are listed, in order, in `resolve.PASSES`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Entity
from .doc_cache import doc_text
from .gazetteer import Entry, Gazetteer, load_places, norm
from .lexicon import lexicon, names_a_venue
from .pipeline import dateline_tokens
from .spans import clean as _clean
from .spans import heading_tokens, label_tokens

NER_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART"}
ACRONYM = re.compile(r"^[A-Z][A-Za-z\-–.]*[A-Z]$|^[A-Z]{2,}")
UNKNOWN_STATE = re.compile(r"\b(Republic|Kingdom|Emirate|State|Federation|Sultanate|Union)\b")  # of a GPE
STATE_ORG = re.compile(r"\b(Republic|Kingdom|Emirate|Sultanate)$|People's Republic")  # an ORG that is a state
FORMAL = re.compile(r"^(?:[\w'’-]+ ){0,3}(?:Republic|Kingdom|State|Federation|Emirate|Sultanate|Principality)"
                    r" of (?:the )?(?P<name>.+)$")  # 'Federal Democratic Republic of X'


@dataclass
class Mention:
    """Tokens [start, end) of the Doc that refer to `entity`."""

    start: int
    end: int
    entity: Entity
    source: str  # the pass that found it
    owner: Entity | None = None  # a state-qualified body's state ("Russia's Foreign Ministry")

    @property
    def kind(self) -> str:
        return self.entity.kind


class _Slots(list):
    """`Mentions.by_token`: a list that counts its changes, so that `Mentions.all()` (read in
    loops over mentions) is computed again only after one."""

    version = 0


def _counting(method):
    def changed(self, *args):
        self.version += 1
        return method(self, *args)
    return changed


for _name in ("__setitem__", "__delitem__", "__iadd__", "__imul__", "append", "extend", "insert", "pop",
              "remove", "clear", "sort", "reverse"):
    setattr(_Slots, _name, _counting(getattr(list, _name)))


class Mentions:
    """Mentions of one Doc, indexed by token; entities merged per article."""

    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.doc, self.gaz, self.lex = doc, gaz, lexicon()
        self.text = doc_text(doc)  # Doc.text joins every token again at each call
        self._dates: list[Span] | None = None
        self.by_token: list[Mention | None] = _Slots([None] * len(doc))
        self._all: tuple[int, list[Mention]] | None = None  # by_token's version, all()
        self.registry: dict[tuple[str, str], Entity] = {}
        self.local: dict[str, Entity] = {}  # article-level names: acronyms, surnames
        self.conflicts: dict[tuple[str, str], Entity] = {}
        self.salient_agreement: Entity | None = None  # what the article is about (nlp.agreements)
        self.government_state: dict[int, Entity] = {}  # id(government entity) -> its state
        self.places = load_places()
        self.context = self.states_mentioned()
        line = dateline_tokens(doc)
        self.dateline = range(line[0], line[2]) if line else range(0)  # 'Addis Ababa —': never an actor
        lex = self.lex  # '- Conflict:' names nothing
        self.labels = label_tokens(doc, lex.infobox_field_labels | lex.infobox_party_labels
                                   | lex.infobox_broker_labels | lex.infobox_alias_labels)
        self.headings = heading_tokens(doc)  # capitals there are style, not names
        self.body = "".join(t.text_with_ws for t in doc if t.i not in self.headings)

    def dates_in(self, start: int, end: int) -> list[Span]:
        """The NER's DATE spans that lie within tokens [start, end), in text order (Doc.ents and
        Span.ents build every span of the document at each call)."""
        if self._dates is None:
            self._dates = [e for e in self.doc.ents if e.label_ == "DATE"]
            self._date_bounds = ([e.start for e in self._dates], [e.end for e in self._dates])
        starts, ends = self._date_bounds  # the ents do not overlap: both ascend
        lo = bisect_left(starts, start)
        return self._dates[lo:max(lo, bisect_right(ends, end, lo))]

    def intern(self, e: Entity, surface: str | None = None) -> Entity:
        known = self.registry.setdefault(e.ident, e)
        if surface:  # '' = a pronoun or description that is not a name: no alias
            surface = _clean(surface)
            if surface and surface != known.label:
                known.aliases.add(surface)
        return known


    def add(self, start: int, end: int, e: Entity, source: str, surface: str | None = None) -> Mention | None:
        """Record a mention unless its tokens overlap an existing one."""
        if start >= end or any(self.by_token[i] is not None for i in range(start, end)):
            return None
        if start in self.dateline and e.kind != "Place":
            return None  # the place a report was filed from acts in nothing it reports
        if start in self.labels:
            return None  # an infobox row's label ('- Conflict:') is no mention
        e = self.intern(e, surface if surface is not None else self.doc[start:end].text)
        m = Mention(start, end, e, source)
        for i in range(start, end):
            self.by_token[i] = m
        return m


    def release(self, start: int, end: int, whole: bool = False) -> None:
        """Forget the mentions of tokens [start, end), so that a longer or retyped mention can take them
        (`whole`: every token of a mention that overlaps them, not a fragment left behind)."""
        for i in range(start, end):
            m = self.by_token[i]
            for j in range(m.start, m.end) if whole and m is not None else (i,):
                self.by_token[j] = None

    def heading_only(self, start: int, end: int, name: str) -> bool:
        """Tokens [start, end) are in a heading and `name` is nowhere else in the article: the
        capitals of 'Meetings and Engagements' or 'Background' are the heading's style."""
        return any(i in self.headings for i in range(start, end)) and name not in self.body

    def at(self, i: int) -> Mention | None:
        return self.by_token[i] if 0 <= i < len(self.by_token) else None


    def all(self) -> list[Mention]:
        version = getattr(self.by_token, "version", None)
        if self._all is not None and version is not None and self._all[0] == version:
            return list(self._all[1])
        seen, out = set(), []
        for m in self.by_token:
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                out.append(m)
        self._all = (version, out) if version is not None else None
        return list(out)


    def merge(self, other: Entity, into: Entity) -> None:
        """Every mention of `other` refers to `into` from now on; `other` leaves the registry."""
        self.registry.pop(other.ident, None)
        for m in self.all():
            if m.entity is other:
                m.entity = into

    def entities(self) -> list[Entity]:
        return list({id(m.entity): m.entity for m in self.all()}.values())

    # -- building -----------------------------------------------------------------------------

    def resolve(self, text: str, label: str, key: str = "") -> Entity | None:
        """A canonical entity for a name, by article-local names, the gazetteer, then the NER label."""
        if norm(text) in self.local:
            return self.local[norm(text)]
        if len(self.gaz.candidates(text)) > 1:  # several places of that name: the article decides
            entry = self.gaz.lookup(text, context=self.context)
            if entry is None:
                kinds = {c.kind for c in self.gaz.candidates(text)}
                return Entity(kinds.pop(), _clean(text)) if len(kinds) == 1 else None
        else:
            entry = (self.gaz.get(key) if key else None) or self.gaz.lookup(text) or self.formal_state(text)
        if entry is not None:
            return entry.entity()
        one_word = " " not in text.strip()
        if (label in ("NORP", "GPE") or label == "ORG" and one_word) and self.gaz.demonym(text) is not None:
            return self.gaz.demonym(text).entity()  # 'Angolan President X' tagged as a place or a body
        if label == "NORP":
            return None
        name = _clean(text)
        if not name or not any(ch.isalpha() for ch in name):
            return None
        if re.sub(r"^the ", "", name.lower()) in self.lex.former_states:
            return Entity("State", re.sub(r"^[Tt]he ", "", name))  # 'East Germany' (no gazetteer row: no link)
        if " " not in name and name.lower() in self.lex.generic_names:
            return None  # 'Secretary of State': the word alone names nothing
        if norm(name) in self.places.countries and label in ("GPE", "LOC", "ORG", "PERSON", "FAC"):
            return Entity("Place", name)  # a city the NER typed as an organisation or a person
        words = name.lower().split()
        if label in ("GPE", "LOC", "FAC") and len(words) > 1 and words[-1] in self.lex.government_words:
            return Entity(self.org_kind(name), name)  # 'Kurdistan Regional Government': its head types it
        if label == "GPE":
            return Entity("State" if UNKNOWN_STATE.search(name) else "Place", name)
        if label in ("LOC", "FAC"):
            return Entity("Place", name)
        if label in ("EVENT", "LAW", "WORK_OF_ART"):
            low = name.lower().split()
            if low and low[-1] in self.lex.agreement_heads and label != "WORK_OF_ART":
                return Entity("Agreement", name)
            if low and low[-1] in self.lex.conflict_heads and label != "WORK_OF_ART":
                return Entity("Conflict", name)
            if len(low) > 1 and low[0] in self.lex.conflict_openers:
                return Entity("Conflict", name)  # 'Operation 1027', 'the Battle of Laukkai', 'Siege of Marawi'
            return None
        if label == "ORG":
            return Entity("State" if STATE_ORG.search(name) else self.org_kind(name), name)
        return None


    def formal_state(self, text: str) -> Entry | None:
        """'the Federal Republic of Somalia' -> Somalia: a state's formal name the data lacks."""
        m = FORMAL.match(_clean(text))
        if m is None:
            return None
        if self.formal_styles(text) > 1:
            return None  # 'Democratic Republic of Vietnam' beside 'Republic of Vietnam': two states, not Vietnam
        return self.gaz.lookup(m.group("name"), {"State"})

    def formal_styles(self, text: str) -> int:
        """How many formal names the article gives states of the name in `text` ('Democratic
        Republic of Vietnam' and 'Republic of Vietnam': 2)."""
        m = FORMAL.match(_clean(text))
        if m is None:
            return 0
        return len({re.sub(r"^(?:The|the) ", "", f.group(1)) for f in re.finditer(
            r"((?:[A-Z][\w'’-]* ){0,3}(?:Republic|Kingdom|State|Federation|Emirate|Sultanate|Principality))"
            r" of (?:the )?" + re.escape(m.group("name")) + r"\b", self.text)})

    def org_kind(self, name: str) -> str:
        low = name.lower()
        if low in self.lex.former_states:
            return "State"  # 'Soviet' + 'Union' read as a body's name
        words = low.replace("-", " ").split()
        if any(x in low for x in self.lex.armed_group_exclude):
            return "Organization"
        if names_a_venue(self.lex, words):
            return "Place"  # 'Wright-Patterson Air Force Base' is where things happen, not who acts
        if words and words[0] == "operation" and len(words) > 1:
            return "Conflict"  # 'Operation Euphrates Shield' is a military operation
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


    def qualifier(self, start: int) -> tuple[int, Entity] | None:
        """A state qualifying tokens before `start`: 'Russian X', "Russia's X", "U.S. X"."""
        doc = self.doc

        def name_at(i: int) -> bool:  # a name starts at token i: no punctuation, the same sentence
            return i >= 0 and not doc[i].is_punct and not doc[i].is_space \
                and not any(t.is_sent_start for t in doc[i + 1:start])

        if start >= 2 and doc[start - 1].tag_ == "POS":
            for k in (3, 2, 1):  # multi-token names before 's: "United States 's"
                if name_at(start - 1 - k):
                    name = doc[start - 1 - k:start - 1]
                    entry = self.gaz.lookup(name.text, {"State"})
                    if entry is not None:
                        return start - 1 - k, entry.entity()
        if start >= 1:
            for k in (3, 2, 1):
                if name_at(start - k):
                    name = doc[start - k:start]
                    entry = self.gaz.demonym(name.text) or self.gaz.lookup(name.text, {"State"})
                    if entry is not None:
                        return start - k, entry.entity()
        return None


    def seat_state(self, name: str) -> Entry | None:
        """The gazetteer entry of the state whose capital or seat of government `name` is, or None."""
        key = norm(name)
        country = self.places.capitals.get(key) or self.places.seats.get(key)
        return self.gaz.lookup(country, {"State"}) if country else None

    def capital(self, state: Entity) -> str | None:
        for capital, country in self.places.capitals.items():
            entry = self.gaz.lookup(country, {"State"})
            if entry is not None and entry.label == state.label:
                return capital.title()
        return None


    def last(self, before: int, kinds: set[str], window: int) -> Entity | None:
        for i in range(before - 1, max(-1, before - window), -1):
            m = self.at(i)
            if m is not None and m.kind in kinds:
                return m.entity
        return None


    def states_mentioned(self) -> set[str]:
        """Labels of the states the article names (for choosing among same-name places)."""
        out = set()
        names = [ent.text for ent in self.doc.ents if ent.label_ in ("GPE", "NORP", "LOC")]
        names += [t.text for t in self.doc if t.is_title]  # also inside longer names: "Libya's GNA"
        for name in names:
            entry = self.gaz.lookup(name, {"State"}) or self.gaz.demonym(name)
            if entry is not None:
                out.add(entry.label)
        return out

