"""Mention passes for agreements and conflicts: named ('the Camp David Accords'), generic ('a
maritime agreement') and anaphoric ('the agreement') agreement mentions, merged when the text says
they are one ('also called', 'known as', 'X is a peace treaty') or when a generic mention fits one
named agreement; conflicts by name or by the place they are in."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..model import Entity
from .mentions import Mentions
from .spans import clean as _clean
from .spans import name_tail
from .spans import trim as _trim


def agreements_and_conflicts(ms: Mentions) -> None:
    lex = ms.lex
    last_agreement: Entity | None = None
    for chunk in ms.doc.noun_chunks:
        root = chunk.root
        start, end = _trim(chunk)
        if start >= end:
            continue
        if root.lower_ in lex.agreement_heads:
            e = agreement(ms, chunk, start, end, last_agreement)
            if e is not None:
                last_agreement = e
        elif root.lower_ in lex.conflict_heads and root.pos_ in ("NOUN", "PROPN"):
            conflict(ms, chunk, start, end)



def agreement(ms: Mentions, chunk: Span, start: int, end: int, last: Entity | None) -> Entity | None:
    """One agreement mention: named ('the Camp David Accords'), generic ('a maritime
    agreement'), or anaphoric ('the agreement' = the one named before)."""
    doc, lex, root = ms.doc, ms.lex, chunk.root
    while start >= 2 and doc[start - 1].text in ("-", "–", "‑") and doc[start - 2].is_title:
        start -= 2  # 'Ethiopia–Tigray peace agreement'
    toks = [t for t in doc[start:end] if t.dep_ != "poss" and t.lower_ not in ("this", "that", "these", "those")]
    while toks and (toks[0].lower_ in lex.agreement_noise or toks[0].tag_ == "POS" or toks[0].is_punct):
        toks.pop(0)
    if not toks or any(ms.at(t.i) is not None and ms.at(t.i).kind not in ("State",) for t in toks):
        return ms.at(toks[-1].i).entity if toks and ms.at(toks[-1].i) else None
    named = any(t.pos_ == "PROPN" and t.i != root.i for t in toks) or (
        root.is_title and len(toks) > 1 and all(t.is_title or not t.is_alpha for t in toks))
    if root.is_title and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.is_title:
        return None  # 'the Conclusion of a Peace Treaty Between ...': part of a longer name
    end_i = name_tail(ms.doc, root) if root.is_title else toks[-1].i + 1
    named = named or end_i > toks[-1].i + 1
    label = _clean(doc[toks[0].i:end_i].text)
    same = same_agreement(ms, chunk)
    if same is not None:
        e = same
        if named and not e.named:
            relabel(ms, e, label)
    elif not named and len(toks) == 1 and root.lower_ in ms.lex.anaphoric_agreement_heads and last is not None:
        e = last  # "the agreement", "the Accords": the agreement named before
    elif not named:
        e = generic_agreement(ms, label) or Entity("Agreement", label)
    else:
        e = Entity("Agreement", label)
    for i in range(toks[0].i, end_i):  # the name absorbs the names in it ('Egyptian-Israeli')
        ms.by_token[i] = None
    m = ms.add(toks[0].i, end_i, e, "agreement")
    if m is not None and not named:
        tail = complement(root)
        if tail > end_i:  # 'a written agreement for the surrender of Artsakh'
            m.entity.aliases.add(_clean(doc[toks[0].i:tail].text))
    if m is not None:
        m.entity.named = m.entity.named or named
    return m.entity if m else e



def same_agreement(ms: Mentions, chunk: Span) -> Entity | None:
    """'X, also called Y', 'X, known as Y', 'X is an agreement ...': Y/the agreement is X."""
    root = chunk.root
    head = root.head
    if root.dep_ in ("attr", "oprd") and head.lemma_ in ms.lex.equating_verbs:
        verb = head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        while subj is None and verb.dep_ == "conj":  # 'X, also called Y, is a treaty ...'
            verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and ms.at(subj.i) is not None and ms.at(subj.i).kind == "Agreement":
            return ms.at(subj.i).entity
        if head.dep_ in ("acl", "relcl", "advcl") and ms.at(head.head.i) is not None \
                and ms.at(head.head.i).kind == "Agreement":
            return ms.at(head.head.i).entity
    if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in ms.lex.naming_verbs:
        verb = head.head
        target = verb.head if verb.dep_ in ("acl", "relcl", "advcl", "conj") else None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for t in ([target] if target is not None else []) + subjects:
            if ms.at(t.i) is not None and ms.at(t.i).kind == "Agreement":
                return ms.at(t.i).entity
        for i in range(chunk.start - 1, max(0, chunk.start - 25), -1):  # 'X, or commonly known as Y'
            m = ms.at(i)
            if m is not None and m.kind == "Agreement":
                return m.entity
    return None



def relabel(ms: Mentions, e: Entity, label: str) -> None:
    ms.registry.pop(e.ident, None)
    e.aliases.add(e.label)
    e.label = label
    ms.registry.setdefault(e.ident, e)



def merge_agreements(ms: Mentions) -> None:
    """A generic agreement whose words all occur in exactly one named agreement is that one
    ('the peace treaty' -> 'the Egyptian-Israeli Peace Treaty')."""
    agreements = [e for e in ms.registry.values() if e.kind == "Agreement"]
    named = [e for e in agreements if e.named]
    def names(e: Entity) -> list[set[str]]:
        return [_content_words(x, ms.lex) for x in {e.label} | e.aliases]

    for g in agreements:
        words = _content_words(g.label, ms.lex)
        if g.named:  # '2013 Brussels Agreement' (the title) and 'the Brussels Agreement'
            hosts = [n for n in named if n is not g and g.ident in ms.registry
                     and words in names(n) and len(n.label) < len(g.label)]
        else:
            hosts = [n for n in named if words and words <= _content_words(n.label, ms.lex)]
            if len(hosts) > 1:  # prefer the closest name: 'peace treaty' -> 'Egyptian-Israeli Peace Treaty'
                size = min(len(_content_words(n.label, ms.lex)) for n in hosts)
                hosts = [n for n in hosts if len(_content_words(n.label, ms.lex)) == size]
        if not words and not g.named:  # a bare 'agreement' (a headline) and one agreement in the text
            hosts = [n for n in agreements if n is not g and (n.named or _content_words(n.label, ms.lex))]
        if len(hosts) == 1:
            host = hosts[0]
            host.aliases |= g.aliases | {g.label}
            for m in ms.all():
                if m.entity is g:
                    m.entity = host
            ms.registry.pop(g.ident, None)



def generic_agreement(ms: Mentions, label: str) -> Entity | None:
    """'ceasefire agreement' and 'ceasefire' in one article are the same agreement."""
    mine = _content_words(label, ms.lex)
    for e in ms.registry.values():
        if e.kind == "Agreement":
            theirs = _content_words(e.label, ms.lex)
            if mine and theirs and (mine <= theirs or theirs <= mine):
                return e
    return None



def conflict(ms: Mentions, chunk: Span, start: int, end: int) -> None:
    """Named conflicts ('the Kosovo War') by name; others ('the conflict in Libya', 'Libyan
    conflict') one per place or state they are in. The actors named in them stay mentions."""
    root = chunk.root
    content = [t for t in ms.doc[start:end]
               if t.pos_ != "DET" and t.dep_ != "poss" and t.tag_ != "POS"
               and t.lower_ not in ms.lex.conflict_noise]
    if not content:
        return
    first = content[0].i
    named = root.is_title and any(t.is_title for t in content if t.i != root.i)
    tail = pp_tail(root)
    if named:
        label = _clean(ms.doc[first:root.i + 1].text)
        for i in range(first, root.i + 1):
            ms.by_token[i] = None
        e = ms.registry.get(("Conflict", label.lower())) or Entity("Conflict", label)
        m = ms.add(first, root.i + 1, e, "conflict")
    else:
        where = conflict_place(ms, root)
        if where is None:
            return
        surface = _clean(ms.doc[first:root.i + 1].text)
        e = ms.conflicts.setdefault(where.ident, Entity("Conflict", surface))
        m = ms.add(root.i, root.i + 1, e, "conflict", surface=surface) if ms.at(root.i) is None else None
    if m is not None and tail > root.i + 1:  # 'war in the Donbass region', "Russia's war against Ukraine"
        start_i = chunk.start if ms.doc[chunk.start].pos_ != "DET" else chunk.start + 1
        m.entity.aliases.add(_clean(ms.doc[start_i:tail].text))



def conflict_place(ms: Mentions, root: Token) -> Entity | None:
    for t in root.subtree:
        m = ms.at(t.i)
        if m is not None and m.kind in ("State", "Place"):
            return m.entity
        if t.i < root.i and t.ent_type_ == "NORP" and (state := ms.state_of(t)) is not None:
            return state
    return None



def complement(root: Token) -> int:
    """End of a 'for ...' / 'to <verb> ...' complement of an agreement noun."""
    for c in root.children:
        if c.i > root.i and (c.dep_ == "prep" and c.lower_ == "for" or c.dep_ == "acl" and c.tag_ == "VB"):
            return max(t.i for t in c.subtree) + 1
    return root.i + 1



def pp_tail(root: Token) -> int:
    for c in root.children:
        if c.dep_ == "prep" and c.i > root.i and c.lower_ in ("in", "against", "between", "over", "with"):
            return max(t.i for t in c.subtree) + 1
    return root.i + 1




def _content_words(label: str, lex) -> set[str]:
    return {w for w in re.split(r"[\s\-–]+", label.lower())
            if w and w not in lex.agreement_generic_words and w not in lex.agreement_noise
            and not re.fullmatch(r"\d{4}", w)}
