"""Nominal relation patterns (mixed into Patterns): 'talks between A and B', "A's offensive
against B", 'an operation conducted by A against B', 'under the auspices of X', "X's office in
Y", "the Treasury's Office of ...", "Haftar's Libyan National Army", 'its leader, X'."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .model import ACTOR_KINDS, Entity


@dataclass
class Candidate:
    predicate: str
    subject: Entity
    object: Entity
    sent: Span
    pattern: str
    confidence: float
    anchor: int  # token index the relation hangs on (verb or noun), for negation and dates


class NominalPatterns:
    """Patterns anchored on nouns; they use the mention helpers of Patterns."""

    def nominal(self, sent: Span, noun: Token) -> Iterator[Candidate]:
        lex, low = self.lex, noun.lower_
        m = self.m.at(noun.i)
        between_tok = self.pobj(noun, "between")
        between = self.group(between_tok)
        if len(between) == 1:  # 'between the government of President X and the FARC'
            for t in between_tok.subtree:
                if t.dep_ == "conj" and t.i > between_tok.i:
                    between += [e for e in self.refs(t) if e not in between and e.kind in ACTOR_KINDS]
        if not between and m is not None and m.kind == "Agreement" and m.end - 1 == noun.i:
            for c in noun.children:  # 'an agreement to normalize relations between A and B'
                if c.dep_ == "acl":
                    b = next((t for t in c.subtree if t.lower_ == "between"), None)
                    between = self.group(self.child(b, "pobj")) if b is not None else []
                    break
        sides = self._sides(noun)
        if sides and low in lex.oppose_nouns:
            yield from self._emit("opposes", sides[0], sides[1], sent, "A on one side, B on the other", 0.75, noun.i)
            between = []
        if low in lex.base_nouns:  # 'the European External Action Service office in Brussels'
            owner = self.group(self.child(noun, "compound", "poss"))
            where = [e for e in self.group(self.pobj(noun, "in")) if e.kind == "Place"]
            yield from self._emit("basedIn", owner, where, sent, "X office in Y", 0.75, noun.i)
        if between:
            if m is not None and m.kind == "Agreement":
                yield from self._emit("partyTo", between, [m.entity], sent, "X between A and B", 0.8, noun.i)
            elif any(c.lower_ == "peace" for c in noun.children) and low in ("process", "talks", "negotiations"):
                yield from self._pairs("opposes", between, sent, "peace process between A and B", 0.7, noun.i)
            elif low in lex.meet_nouns:
                yield from self._pairs("met", between, sent, "talks between A and B", 0.8, noun.i)
            elif low in lex.oppose_nouns:
                yield from self._pairs("opposes", between, sent, "war between A and B", 0.75, noun.i)
        against_tok = self.pobj(noun, "against")
        if against_tok is None:  # 'an operation conducted by A and B against C'
            for c in noun.children:
                if c.dep_ == "acl":
                    prep = next((t for t in c.subtree if t.lower_ == "against" and t.dep_ == "prep"), None)
                    against_tok = self.child(prep, "pobj") if prep is not None else None
                    break
        against = self.group(against_tok)
        if against and (low in lex.oppose_nouns or low in lex.attack_nouns):
            attackers = (self.group(self.child(noun, "poss")) or self._agents_of(noun)
                         or self._governing_subjects(noun))
            later = [e for e in attackers if (p := self._pos(e, sent)) is not None and p > against_tok.i]
            attackers = [e for e in attackers if e not in later]  # 'A against B and later C'
            against += [e for e in later if e not in against]
            yield from self._emit("opposes", attackers, against, sent, "A's offensive against B", 0.75, noun.i)
            if low in lex.attack_nouns:
                yield from self._emit("attacked", attackers, against, sent, "A's attack against B", 0.75, noun.i)
        if low in lex.support_nouns:  # "Iran's support for the Houthis"
            backers = self.group(self.child(noun, "poss"))
            yield from self._emit("supports", backers, self.group(self.pobj(noun, "for", "to")), sent,
                                  "A's support for B", 0.75, noun.i)
        if low == "control" and noun.head.lemma_.lower() in ("take", "seize", "gain", "assume", "retake", "have"):
            places = [e for e in self.group(self.pobj(noun, "of", "over")) if e.kind == "Place"]
            yield from self._emit("controls", self._governing_subjects(noun), places, sent,
                                  "A took control of B", 0.8, noun.i)
        if low in lex.attack_nouns:
            target = self.group(self.pobj(noun, "of", "on", "in"))
            attackers = self.group(self.child(noun, "poss", "compound")) or (
                self._governing_subjects(noun) if not against else [])
            verb = noun.head
            where = next((c for c in verb.children if c.lower_ == "where"), None)
            if not target and verb.dep_ == "relcl" and where is not None:
                before = where.i - 1 - (self.doc[where.i - 1].is_punct if where.i else 0)
                target = self.group(self.doc[before])  # 'Idlib, where Russia has resumed air strikes'
            if not against:
                yield from self._emit("attacked", attackers, target, sent, "A's bombing of B", 0.7, noun.i)

    def _agents_of(self, noun: Token) -> list[Entity]:
        """'an operation conducted by A and B' -> A, B."""
        for c in noun.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                return self.group(self.pobj(c, "by"))
        return []

    def _sides(self, noun: Token) -> tuple[list[Entity], list[Entity]] | None:
        """'a conflict between A and B on one side, and C on the other'."""
        p = self.pobj(noun, "between")
        if p is None:
            return None
        sent = noun.sent
        text = sent.text.lower()
        if "on one side" not in text or "on the other" not in text:
            return None
        one = next(t for t in sent if t.lower_ == "one" and t.nbor().lower_ == "side")
        left = [e for e in self.group(p) if (pos := self._pos(e, sent)) is not None and pos < one.i]
        right = [e for e in self.group(p) if (pos := self._pos(e, sent)) is not None and pos > one.i]
        if not right:
            right = [m.entity for t in self.doc[one.i:sent.end] if (m := self.m.at(t.i)) and m.kind in ACTOR_KINDS]
        return (left, right) if left and right else None

    def _pos(self, e: Entity, sent: Span) -> int | None:
        return next((t.i for t in sent if (m := self.m.at(t.i)) and m.entity is e), None)

    def _governing_subjects(self, noun: Token) -> list[Entity]:
        """The subject of the verb a noun is the object of ('A launched an offensive ...')."""
        head = noun.head
        for _ in range(4):  # through 'a wave of', 'a series of': 'launched a wave of strikes'
            if head.dep_ == "prep" or head.pos_ == "ADP":
                head = head.head
            elif head.pos_ == "NOUN" and head.dep_ in ("dobj", "pobj") and any(
                    c.lower_ == "of" and c.dep_ == "prep" for c in head.children):
                head = head.head
            else:
                break
        if head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "pobj", "attr"):
            return [e for e in self.subjects(head) if e.kind in ACTOR_KINDS]
        return []

    def auspices(self, sent: Span) -> Iterator[Candidate]:
        """'under the auspices of X', 'at the mediation of X', 'mediated by X' -> X brokered it."""
        for tok in sent:
            if tok.lower_ not in self.lex.broker_nouns:
                continue
            brokers = self.group(self.pobj(tok, "of"))
            deals = self.agreements_in(sent) or self.m_last_agreement(sent.start)
            yield from self._emit("brokered", brokers, deals, sent, f"under the {tok.lower_} of X", 0.8, tok.i)
        for tok in sent:  # 'with A and B acting as guarantors', 'A served as mediator', 'A, the mediator'
            if tok.lower_ not in self.lex.mediator_nouns:
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ == "as":
                brokers = self.subjects(tok.head.head)
            elif tok.dep_ == "attr":
                brokers = self.subjects(tok.head)
            elif tok.dep_ == "appos":
                brokers = self.group(tok.head)
            elif tok.dep_ == "compound" and (m := self.m.at(tok.head.i)) is not None and m.kind == "Official":
                brokers = [m.entity]  # 'South African mediator Kingsley Mamabolo'
            else:
                continue
            deals = self.agreements_in(sent) or self.m_last_agreement(sent.start)
            yield from self._emit("brokered", brokers, deals, sent, "X acting as guarantor", 0.75, tok.i)

    def m_last_agreement(self, before: int) -> list[Entity]:
        for i in range(before - 1, -1, -1):
            m = self.m.at(i)
            if m is not None and m.kind == "Agreement":
                return [m.entity]
        return []

    def possessive_leads(self, sent: Span) -> Iterator[Candidate]:
        """'General Khalifa Haftar's Libyan National Army'; 'the Wagner Group and its leader, X'."""
        for tok in sent:
            m = self.m.at(tok.i)
            if m is not None and m.kind == "Official" and tok.dep_ == "poss":
                owner = self.m.at(tok.head.i)
                if owner is not None and owner.kind in ("ArmedGroup", "Organization", "Government"):
                    yield Candidate("leads", m.entity, owner.entity, sent, "X's group", 0.8, tok.i)
            if tok.lower_ in self.lex.lead_nouns and tok.lower_ in ("leader", "commander"):
                person = next((self.m.at(c.i).entity for c in tok.children if c.dep_ == "appos" and self.m.at(c.i)
                               and self.m.at(c.i).kind == "Official"), None)
                org = self.group(self.pobj(tok, "of"))
                if not org and any(c.lower_ in ("its", "their") for c in tok.children):
                    org = self._antecedent(tok)
                if person is not None:
                    yield from self._emit("leads", [person], [o for o in org if o.kind in ACTOR_KINDS - {"Official"}],
                                          sent, "the leader of X, Y", 0.8, tok.i)

    def parts_and_heads(self, sent: Span) -> Iterator[Candidate]:
        """"the Treasury's Office of Foreign Assets Control" (part of); 'the government of President X' (leads)."""
        for tok in sent:
            m = self.m.at(tok.i)
            if m is None or tok.i != m.end - 1:
                continue
            owner_tok = self.child(tok, "poss")
            owner = self.m.at(owner_tok.i) if owner_tok is not None else None
            if m.kind == "Organization" and owner is not None and owner.kind in ("Organization", "Government"):
                yield Candidate("partOf", m.entity, owner.entity, sent, "X's office", 0.8, tok.i)
            if m.kind == "Government":
                p = self.pobj(tok, "of")
                person = self.m.at(p.i) if p is not None else None
                if person is not None and person.kind == "Official":
                    yield Candidate("leads", person.entity, m.entity, sent, "the government of X", 0.8, tok.i)

    def _antecedent(self, tok: Token) -> list[Entity]:
        for i in range(tok.i - 1, max(tok.sent.start, tok.i - 12) - 1, -1):
            m = self.m.at(i)
            if m is not None and m.kind in ("ArmedGroup", "Organization", "Government"):
                return [m.entity]
        return []

