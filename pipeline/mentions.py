"""Entity mentions of one article: spaCy entities linked to canonical entities, plus the
article-level resolution the statistical model does not do (acronyms, surnames, demonyms,
state-qualified bodies, governments, agreements, conflicts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .agreements import AgreementMentions
from .lexicon import lexicon
from .link import Gazetteer, load_places, norm
from .model import Entity
from .spans import clean as _clean
from .spans import trim as _trim

NER_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "LAW"}
#: Single words the NER sometimes tags as names but that name nothing on their own.
GENERIC_NAMES = {"state", "states", "republic", "kingdom", "federation", "government", "ministry",
                 "defense", "defence", "interior", "foreign", "affairs", "security", "office", "department"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sheikh", "sheik"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z\-–.]*[A-Z]$|^[A-Z]{2,}")
_UNKNOWN_STATE = re.compile(r"\b(Republic|Kingdom|Emirate|State|Federation|Sultanate|Union)\b")  # of a GPE
_STATE_ORG = re.compile(r"\b(Republic|Kingdom|Emirate|Sultanate)$|People's Republic")  # an ORG that is a state


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


class Mentions(AgreementMentions):
    """Mentions of one Doc, indexed by token; entities merged per article."""

    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.doc, self.gaz, self.lex = doc, gaz, lexicon()
        self.by_token: list[Mention | None] = [None] * len(doc)
        self.registry: dict[tuple[str, str], Entity] = {}
        self.local: dict[str, Entity] = {}  # article-level names: acronyms, surnames
        self.implicit: list[tuple[str, Entity, Entity, int]] = []  # (relation, s, o, token) facts
        self.conflicts: dict[tuple[str, str], Entity] = {}
        self.government_state: dict[int, Entity] = {}  # id(government entity) -> its state
        self.places = load_places()
        self.context = self._states_mentioned()

    # -- registry -----------------------------------------------------------------------------
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
        self._titled_orgs()
        self._led_groups()
        self._org_units()
        self._acronyms()
        self._surnames()
        self._agreements_and_conflicts()
        self._merge_agreements()
        self._demonyms()
        self._cities()
        self._metonyms()
        self._anaphora()
        self._short_names()
        return self

    def _entity_span(self, ent: Span) -> None:
        start, end = _trim(ent)
        if start >= end:
            return
        span = self.doc[start:end]
        text = span.text
        last_word = self.doc[end - 1].lower_
        if ent.label_ == "PERSON" and last_word in self.lex.agreement_heads:
            return  # 'the Abraham Accords' tagged as a person: an agreement, built from noun chunks
        if ent.label_ == "PERSON" and last_word in self.lex.armed_group_words | self.lex.org_name_heads:
            ent = Span(self.doc, start, end, label="ORG")  # 'Artsakh Defence Army' tagged as a person
        if ent.label_ == "PERSON":
            while start < end - 1 and self.doc[start].lower_ in HONORIFICS | self.lex.titles:
                start += 1
            name = _clean(self.doc[start:end].text)
            entry = self.gaz.lookup(name, {"Official"})
            if entry is None and self.gaz.demonym(name) is not None:  # 'Azerbaijani' tagged as a person
                e = self.gaz.demonym(name).entity()
            elif entry is None and norm(name) in self.places.countries:  # 'Kyiv' tagged as a person
                e = self.resolve(name, "GPE")
            else:
                e = entry.entity() if entry else Entity("Official", name)
            if e is not None:
                self.add(start, end, e, "ner")
            return
        if not ent.ent_id_ and self.doc[end - 1].lower_ in self.lex.agreement_heads \
                and self.doc[start].lower_ not in self.lex.government_words:
            return  # agreements are built from noun chunks (_agreements_and_conflicts)
        if ent.ent_id_:
            longer = self._longer_name(start, end)
            if longer is not None:  # 'Kataib Hezbollah' is not Hezbollah: no gazetteer link
                first, last, kind = longer
                for i in range(first, last):  # the parts the NER saw on their own ('Kataib')
                    self.by_token[i] = None
                self.add(first, last, Entity(kind, _clean(self.doc[first:last].text)), "ner")
                return
        e = self.resolve(text, ent.label_, ent.ent_id_)
        if e is not None:
            self.add(start, end, e, "ruler" if ent.ent_id_ else "ner")

    def _longer_name(self, start: int, end: int) -> tuple[int, int, str] | None:
        """A gazetteer name inside a longer proper name ('Kataib Hezbollah', 'Israel Defense
        Forces', 'Gaza City'): the bounds and kind of the longer name, else None."""
        doc, lex = self.doc, self.lex

        def part_of_name(tok: Token) -> bool:
            low = tok.lower_
            return (tok.pos_ == "PROPN" and tok.is_title and not tok.ent_id_
                    and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
                    and low not in lex.titles and low not in lex.title_modifiers and low not in lex.title_head_words
                    and low not in HONORIFICS and self.gaz.demonym(tok.text) is None)

        first, last = start, end
        while first > 0 and not doc[first].is_sent_start and part_of_name(doc[first - 1]):
            first -= 1
        while last < len(doc) and part_of_name(doc[last]):
            last += 1
        if (first, last) == (start, end):
            return None
        if doc[last - 1].lower_ in lex.armed_group_words | lex.org_name_heads:
            last = self._name_tail(doc[last - 1])  # 'United Nations Mission in South Sudan'
        for i in range(end, last):  # never cut another name in two: stop where it begins
            if doc[i].ent_iob_ == "B":
                j = i + 1
                while j < len(doc) and doc[j].ent_iob_ == "I":
                    j += 1
                if j > last:
                    last = i
                    break
        while last > end and doc[last - 1].lower_ in ("of", "the", "for", "in", "and", "on"):
            last -= 1
        entry = self.gaz.lookup(doc[start:end].text)
        label = doc[first:last].text
        kind = "Place" if entry is not None and entry.kind == "Place" else self.org_kind(label)
        return first, last, kind

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
            entry = (self.gaz.get(key) if key else None) or self.gaz.lookup(text)
        if entry is not None:
            return entry.entity()
        if label == "NORP":
            entry = self.gaz.demonym(text)
            return entry.entity() if entry else None
        name = _clean(text)
        if not name or not any(ch.isalpha() for ch in name):
            return None
        if " " not in name and name.lower() in GENERIC_NAMES:
            return None  # 'Secretary of State': the word alone names nothing
        if norm(name) in self.places.countries and label in ("GPE", "LOC", "ORG", "PERSON", "FAC"):
            return Entity("Place", name)  # a city the NER typed as an organisation or a person
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
            return Entity("State" if _STATE_ORG.search(name) else self.org_kind(name), name)
        return None

    def org_kind(self, name: str) -> str:
        low = name.lower()
        words = low.replace("-", " ").split()
        if any(x in low for x in self.lex.armed_group_exclude):
            return "Organization"
        if words and words[-1] in self.lex.facility_words:
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
                self.local.setdefault(norm(body), e.entity)  # a bare 'Congress' later is this one
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
        gov = self.intern(Entity("Government", f"Government of {state.label}"))
        self.government_state[id(gov)] = self.intern(state)
        return gov

    def _led_groups(self) -> None:
        """'the Saudi-led Coalition': a group named by who leads it."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "led" or tok.i < 2 or doc[tok.i - 1].text not in ("-", "‑") or self.at(tok.i - 2) is None:
                continue
            j = tok.i + 1
            while j < len(doc) and j < tok.i + 4 and self.at(j) is None and (
                    doc[j].is_title or doc[j].lower_ in self.lex.armed_group_words):  # 'Saudi-led coalition'
                j += 1
            if j > tok.i + 1:
                label = _clean(doc[self.at(tok.i - 2).start:j].text)
                self.add(tok.i + 1, j, Entity(self.org_kind(label), label), "led-group", surface=label)

    def _org_units(self) -> None:
        """'the UN country team', 'the Russian peacekeeping contingent': a unit named after its owner."""
        for chunk in self.doc.noun_chunks:
            root = chunk.root
            if root.lower_ not in self.lex.org_unit_heads or self.at(root.i) is not None:
                continue
            toks = [t for t in chunk if t.i <= root.i and t.pos_ not in ("DET",) and t.dep_ != "poss"]
            owner = next((self.at(t.i) for t in toks if self.at(t.i) is not None), None)
            if owner is None or owner.kind not in ("Organization", "State") or any(t.text in "-‑" for t in toks):
                continue
            first = min(owner.start, toks[0].i)
            label = _clean(self.doc[first:root.i + 1].text)
            for i in range(first, root.i + 1):
                self.by_token[i] = None
            self.add(first, root.i + 1, Entity(self.org_kind(label), label), "unit")

    def _anaphora(self) -> None:
        """'that country' -> the state named last; 'He' as a subject -> the official named last."""
        doc = self.doc
        for tok in doc:
            if self.at(tok.i) is not None:
                continue
            if tok.lower_ == "country" and tok.i and doc[tok.i - 1].lower_ in ("that", "this", "the"):
                prev = self._last(tok.i - 1, {"State"}, 80)
                if prev is not None:
                    self.add(tok.i - 1, tok.i + 1, prev, "anaphora", surface="")
            elif tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass"):
                prev = self._last(tok.i, {"Official"}, 60)
                if prev is not None:
                    self.add(tok.i, tok.i + 1, prev, "anaphora", surface="")
            elif tok.lower_ == "capital" and tok.i and (state := self.state_of(doc[tok.i - 1])) is not None:
                name = self._capital(state)  # 'the Yemeni capital' -> Sanaa
                e = self.resolve(name, "GPE") if name else None
                if e is not None and self.at(tok.i - 1) is not None:
                    self.by_token[tok.i - 1] = None
                    self.add(tok.i - 1, tok.i + 1, e, "anaphora", surface="")
            elif tok.dep_ != "compound" and tok.i and doc[tok.i - 1].lower_ == "the":
                heads = {id(e): e for e in self.registry.values()
                         if e.kind in ("ArmedGroup", "Organization", "Government")
                         and (e.label.lower().split()[-1] == tok.lower_
                              or tok.lower_ == "government" and e.kind == "Government")}
                if len(heads) == 1:  # 'the coalition' -> the one coalition the article names
                    self.add(tok.i, tok.i + 1, next(iter(heads.values())), "anaphora", surface="")

    def _short_names(self) -> None:
        """A one-word organisation name ('the Council', 'the Commission') is the one entity of the
        article whose name ends with that word ('United Nations Security Council'), if unique."""
        heads = self.lex.org_name_heads | self.lex.state_body_words
        for m in self.all():
            label = m.entity.label
            if m.kind != "Organization" or " " in label or label.lower() not in heads:
                continue
            hosts = {id(e): e for e in self.registry.values() if e is not m.entity and " " in e.label
                     and e.kind in ("Organization", "Government") and e.label.lower().split()[-1] == label.lower()}
            if len(hosts) == 1:
                host = next(iter(hosts.values()))
                self.registry.pop(m.entity.ident, None)
                for other in self.all():
                    if other.entity is m.entity:
                        other.entity = host

    def _capital(self, state: Entity) -> str | None:
        for capital, country in self.places.capitals.items():
            entry = self.gaz.lookup(country, {"State"})
            if entry is not None and entry.label == state.label:
                return capital.title()
        return None

    def _states_mentioned(self) -> set[str]:
        """Labels of the states the article names (for choosing among same-name places)."""
        out = set()
        names = [ent.text for ent in self.doc.ents if ent.label_ in ("GPE", "NORP", "LOC")]
        names += [t.text for t in self.doc if t.is_title]  # also inside longer names: "Libya's GNA"
        for name in names:
            entry = self.gaz.lookup(name, {"State"}) or self.gaz.demonym(name)
            if entry is not None:
                out.add(entry.label)
        return out

    def _cities(self) -> None:
        """Proper nouns the NER missed that name a city ('strikes on Kharkiv'); never a
        sentence's first word, where capitalised common words ('Split') would match."""
        doc = self.doc
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.is_sent_start or tok.ent_type_ or self.at(tok.i) is not None:
                continue
            for n in (3, 2, 1):
                span = doc[tok.i:tok.i + n]
                if len(span) == n and all(t.pos_ == "PROPN" for t in span) and norm(span.text) in self.places.countries:
                    e = self.resolve(span.text, "GPE")
                    if e is not None:
                        self.add(tok.i, tok.i + n, e, "city")
                    break

    def _metonyms(self) -> None:
        """A capital used as an actor stands for its state: 'Moscow said', "Ankara's forces",
        'Kyiv-backed', 'backed by Tehran'. As a place ('talks in Moscow') it stays a place."""
        for m in self.all():
            if m.kind != "Place":
                continue
            country = self.places.capitals.get(norm(self.doc[m.start:m.end].text))
            state = self.gaz.lookup(country, {"State"}) if country else None
            if state is None:
                continue
            root = self.doc[m.end - 1]
            nxt = self.doc[m.end: m.end + 2]
            acting = (root.dep_ in ("nsubj", "nsubjpass", "poss")
                      or root.dep_ == "pobj" and root.head.dep_ == "agent"
                      or len(nxt) == 2 and nxt[0].text in ("-", "‑") and nxt[1].tag_ == "VBN"
                      and nxt[1].lower_ not in self.lex.base_words)
            dateline = self.doc[m.start].is_sent_start and len(nxt) and nxt[0].text in (",", "—", "–", "-")
            if acting and not dateline:
                for i in range(m.start, m.end):
                    self.by_token[i] = None
                self.add(m.start, m.end, state.entity(), "metonym", surface="")

    def _last(self, before: int, kinds: set[str], window: int) -> Entity | None:
        for i in range(before - 1, max(-1, before - window), -1):
            m = self.at(i)
            if m is not None and m.kind in kinds:
                return m.entity
        return None

    def _acronyms(self) -> None:
        """'Full Name (ACR)': ACR names the same entity everywhere in the article."""
        doc = self.doc
        for m in self.all():
            i = m.end
            if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and _ACRONYM.match(doc[i + 1].text):
                acr = doc[i + 1].text
                self.local[norm(acr)] = m.entity
                current = self.at(i + 1)
                if current is None or current.source != "ruler" or _initials_match(acr, m.entity.label):
                    self.by_token[i + 1] = None
                    self.add(i + 1, i + 2, m.entity, "acronym")
        for tok in doc:
            if self.at(tok.i) is None and norm(tok.text) in self.local and tok.text.isupper():
                self.add(tok.i, tok.i + 1, self.local[norm(tok.text)], "acronym")
        for m in self.all():  # 'the PLO' the NER found before the acronym was defined
            target = self.local.get(norm(m.entity.label))
            if target is not None and target is not m.entity and m.source == "ner" and m.entity.label.isupper():
                self.registry.pop(m.entity.ident, None)
                target.aliases.add(m.entity.label)
                m.entity = target

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

    def _titled_orgs(self) -> None:
        """Proper names of groups the NER missed or cut: 'the Artsakh Defence Army',
        'the United Nations Mission in South Sudan' (not just 'United Nations')."""
        heads = self.lex.armed_group_words | self.lex.org_name_heads
        for chunk in self.doc.noun_chunks:
            root = chunk.root
            if not root.is_title or root.lower_ not in heads or root.lower_ in self.lex.title_head_words:
                continue
            toks = [t for t in chunk if t.pos_ != "DET" and t.i <= root.i]
            if len(toks) < 2 or not all(t.is_title or t.text in ("-", "–") for t in toks):
                continue
            inner = [self.at(t.i) for t in toks if self.at(t.i) is not None]
            if any(m.start <= toks[0].i and m.end > root.i for m in inner):
                continue  # already one mention
            if any(m.kind not in ("State", "Place", "Organization") for m in inner):
                continue
            end = self._name_tail(root)
            label = _clean(self.doc[toks[0].i:end].text)
            entry = self.gaz.lookup(label)
            for i in range(toks[0].i, end):
                self.by_token[i] = None
            e = entry.entity() if entry else Entity(self.org_kind(label), label)
            self.add(toks[0].i, end, e, "titled-org")

    def _demonyms(self) -> None:
        """Nationality adjectives the NER missed ('Turkish drones') name their state."""
        for tok in self.doc:
            if self.at(tok.i) is None and tok.is_title and tok.pos_ in ("ADJ", "PROPN"):
                entry = self.gaz.demonym(tok.text)
                if entry is not None:
                    self.add(tok.i, tok.i + 1, entry.entity(), "demonym")


def _initials_match(acronym: str, name: str) -> bool:
    """'SAA' fits 'Syrian Arab Army'; 'TSK' fits no English name (it is Turkish), so only own NER."""
    initials = [w[0].lower() for w in re.split(r"[\s\-–]+", name) if w]
    letters = [c.lower() for c in acronym if c.isalpha()]
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)
