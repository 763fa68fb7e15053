"""Agreements and conflicts among an article's mentions (mixed into Mentions): named
('the Camp David Accords'), generic ('a maritime agreement') and anaphoric ('the agreement')
agreement mentions, merged when the text says they are one ('also called', 'known as',
'X is a peace treaty'); conflicts by name or by the place they are in."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .model import Entity
from .spans import clean as _clean
from .spans import trim as _trim

#: Bare heads that refer back to the agreement named before ('the agreement', 'the Accords').
ANAPHORIC = {"agreement", "agreements", "accord", "accords", "deal", "treaty", "pact", "protocol", "memorandum"}


class AgreementMentions:
    """Methods of Mentions that build agreement and conflict mentions."""

    def _agreements_and_conflicts(self) -> None:
        lex = self.lex
        last_agreement: Entity | None = None
        for chunk in self.doc.noun_chunks:
            root = chunk.root
            start, end = _trim(chunk)
            if start >= end:
                continue
            if root.lower_ in lex.agreement_heads:
                e = self._agreement(chunk, start, end, last_agreement)
                if e is not None:
                    last_agreement = e
            elif root.lower_ in lex.conflict_heads and root.pos_ in ("NOUN", "PROPN"):
                self._conflict(chunk, start, end)

    def _agreement(self, chunk: Span, start: int, end: int, last: Entity | None) -> Entity | None:
        """One agreement mention: named ('the Camp David Accords'), generic ('a maritime
        agreement'), or anaphoric ('the agreement' = the one named before)."""
        doc, lex, root = self.doc, self.lex, chunk.root
        while start >= 2 and doc[start - 1].text in ("-", "–", "‑") and doc[start - 2].is_title:
            start -= 2  # 'Ethiopia–Tigray peace agreement'
        toks = [t for t in doc[start:end] if t.dep_ != "poss" and t.lower_ not in ("this", "that", "these", "those")]
        while toks and (toks[0].lower_ in lex.agreement_noise or toks[0].tag_ == "POS" or toks[0].is_punct):
            toks.pop(0)
        if not toks or any(self.at(t.i) is not None and self.at(t.i).kind not in ("State",) for t in toks):
            return self.at(toks[-1].i).entity if toks and self.at(toks[-1].i) else None
        named = any(t.pos_ == "PROPN" and t.i != root.i for t in toks) or (
            root.is_title and len(toks) > 1 and all(t.is_title or not t.is_alpha for t in toks))
        if root.is_title and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.is_title:
            return None  # 'the Conclusion of a Peace Treaty Between ...': part of a longer name
        end_i = self._name_tail(root) if root.is_title else toks[-1].i + 1
        named = named or end_i > toks[-1].i + 1
        label = _clean(doc[toks[0].i:end_i].text)
        same = self._same_agreement(chunk)
        if same is not None:
            e = same
            if named and not e.named:
                self._relabel(e, label)
        elif not named and len(toks) == 1 and root.lower_ in ANAPHORIC and last is not None:
            e = last  # "the agreement", "the Accords": the agreement named before
        elif not named:
            e = self._generic_agreement(label) or Entity("Agreement", label)
        else:
            e = Entity("Agreement", label)
        for i in range(toks[0].i, end_i):  # the name absorbs the names in it ('Egyptian-Israeli')
            self.by_token[i] = None
        m = self.add(toks[0].i, end_i, e, "agreement")
        if m is not None and not named:
            tail = self._complement(root)
            if tail > end_i:  # 'a written agreement for the surrender of Artsakh'
                m.entity.aliases.add(_clean(doc[toks[0].i:tail].text))
        if m is not None:
            m.entity.named = m.entity.named or named
        return m.entity if m else e

    def _name_tail(self, root: Token) -> int:
        """End of a title-case name running past its head: 'Framework for Peace in the Middle East'."""
        doc, i, last = self.doc, root.i + 1, root.i + 1
        function = {"for", "on", "of", "the", "a", "an", "in", "between", "and", "to"}
        while i < len(doc) and i < root.i + 16:
            t = doc[i]
            if t.lower_ == "and" and i + 2 < len(doc) and doc[i + 1].pos_ == "DET" \
                    and doc[i + 2].lower_ == root.lower_:
                break  # 'the Framework for Peace ... and the Framework for ...': two names
            if t.is_title and t.is_alpha or t.text in ("-", "–", "‑") and i > root.i + 1:
                last = i + 1
            elif t.lower_ not in function:
                break
            i += 1
        return last

    def _complement(self, root: Token) -> int:
        """End of a 'for ...' / 'to <verb> ...' complement of an agreement noun."""
        for c in root.children:
            if c.i > root.i and (c.dep_ == "prep" and c.lower_ == "for" or c.dep_ == "acl" and c.tag_ == "VB"):
                return max(t.i for t in c.subtree) + 1
        return root.i + 1

    def _same_agreement(self, chunk: Span) -> Entity | None:
        """'X, also called Y', 'X, known as Y', 'X is an agreement ...': Y/the agreement is X."""
        root = chunk.root
        head = root.head
        if root.dep_ in ("attr", "oprd") and head.lemma_ in ("be", "call", "name", "dub", "know", "describe"):
            verb = head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            while subj is None and verb.dep_ == "conj":  # 'X, also called Y, is a treaty ...'
                verb = verb.head
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and self.at(subj.i) is not None and self.at(subj.i).kind == "Agreement":
                return self.at(subj.i).entity
            if head.dep_ in ("acl", "relcl", "advcl") and self.at(head.head.i) is not None \
                    and self.at(head.head.i).kind == "Agreement":
                return self.at(head.head.i).entity
        naming = ("know", "call", "name", "refer", "describe")
        if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in naming:
            verb = head.head
            target = verb.head if verb.dep_ in ("acl", "relcl", "advcl", "conj") else None
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            for t in ([target] if target is not None else []) + subjects:
                if self.at(t.i) is not None and self.at(t.i).kind == "Agreement":
                    return self.at(t.i).entity
            for i in range(chunk.start - 1, max(0, chunk.start - 25), -1):  # 'X, or commonly known as Y'
                m = self.at(i)
                if m is not None and m.kind == "Agreement":
                    return m.entity
        return None

    def _relabel(self, e: Entity, label: str) -> None:
        self.registry.pop(e.ident, None)
        e.aliases.add(e.label)
        e.label = label
        self.registry.setdefault(e.ident, e)

    def _merge_agreements(self) -> None:
        """A generic agreement whose words all occur in exactly one named agreement is that one
        ('the peace treaty' -> 'the Egyptian-Israeli Peace Treaty')."""
        agreements = [e for e in self.registry.values() if e.kind == "Agreement"]
        named = [e for e in agreements if e.named]
        def names(e: Entity) -> list[set[str]]:
            return [_content_words(x, self.lex) for x in {e.label} | e.aliases]

        for g in agreements:
            words = _content_words(g.label, self.lex)
            if g.named:  # '2013 Brussels Agreement' (the title) and 'the Brussels Agreement'
                hosts = [n for n in named if n is not g and g.ident in self.registry
                         and words in names(n) and len(n.label) < len(g.label)]
            else:
                hosts = [n for n in named if words and words <= _content_words(n.label, self.lex)]
                if len(hosts) > 1:  # prefer the closest name: 'peace treaty' -> 'Egyptian-Israeli Peace Treaty'
                    size = min(len(_content_words(n.label, self.lex)) for n in hosts)
                    hosts = [n for n in hosts if len(_content_words(n.label, self.lex)) == size]
            if not words and not g.named:  # a bare 'agreement' (a headline) and one agreement in the text
                hosts = [n for n in agreements if n is not g and (n.named or _content_words(n.label, self.lex))]
            if len(hosts) == 1:
                host = hosts[0]
                host.aliases |= g.aliases | {g.label}
                for m in self.all():
                    if m.entity is g:
                        m.entity = host
                self.registry.pop(g.ident, None)

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
        """Named conflicts ('the Kosovo War') by name; others ('the conflict in Libya', 'Libyan
        conflict') one per place or state they are in. The actors named in them stay mentions."""
        root = chunk.root
        content = [t for t in self.doc[start:end]
                   if t.pos_ != "DET" and t.dep_ != "poss" and t.tag_ != "POS"
                   and t.lower_ not in ("escalating", "current", "ongoing")]
        if not content:
            return
        first = content[0].i
        named = root.is_title and any(t.is_title for t in content if t.i != root.i)
        tail = self._pp_tail(root)
        if named:
            label = _clean(self.doc[first:root.i + 1].text)
            for i in range(first, root.i + 1):
                self.by_token[i] = None
            e = self.registry.get(("Conflict", label.lower())) or Entity("Conflict", label)
            m = self.add(first, root.i + 1, e, "conflict")
        else:
            where = self._conflict_place(root)
            if where is None:
                return
            surface = _clean(self.doc[first:root.i + 1].text)
            e = self.conflicts.setdefault(where.ident, Entity("Conflict", surface))
            m = self.add(root.i, root.i + 1, e, "conflict", surface=surface) if self.at(root.i) is None else None
        if m is not None and tail > root.i + 1:  # 'war in the Donbass region', "Russia's war against Ukraine"
            start_i = chunk.start if self.doc[chunk.start].pos_ != "DET" else chunk.start + 1
            m.entity.aliases.add(_clean(self.doc[start_i:tail].text))

    def _conflict_place(self, root: Token) -> Entity | None:
        for t in root.subtree:
            m = self.at(t.i)
            if m is not None and m.kind in ("State", "Place"):
                return m.entity
            if t.i < root.i and t.ent_type_ == "NORP" and (state := self.state_of(t)) is not None:
                return state
        return None

    def _pp_tail(self, root: Token) -> int:
        for c in root.children:
            if c.dep_ == "prep" and c.i > root.i and c.lower_ in ("in", "against", "between", "over", "with"):
                return max(t.i for t in c.subtree) + 1
        return root.i + 1


def _content_words(label: str, lex) -> set[str]:
    generic = {"agreement", "agreements", "accord", "accords", "deal", "the", "a", "an", "of", "between", "and"}
    return {w for w in re.split(r"[\s\-–]+", label.lower())
            if w and w not in generic and w not in lex.agreement_noise and not re.fullmatch(r"\d{4}", w)}

