"""Mention pass for conflicts: named ones ('the Kosovo War') by name, others ('the conflict in
Libya', 'Libyan conflict') one per place or state they are in."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Entity
from .doc_cache import noun_chunks
from .mentions import Mentions
from .spans import clean as _clean
from .spans import trim as _trim


def conflicts(ms: Mentions) -> None:
    """Every noun phrase headed by a conflict word that names or locates a conflict."""
    for chunk in noun_chunks(ms.doc):
        root = chunk.root
        start, end = _trim(chunk)
        if start < end and root.lower_ in ms.lex.conflict_heads | ms.lex.named_conflict_heads \
                and root.pos_ in ("NOUN", "PROPN"):
            conflict(ms, chunk, start, end)


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
    if root.lower_ in ms.lex.named_conflict_heads:  # a conflict only when named: 'the Rose Revolution', 'the
        named = named or any(t.is_title and not t.is_sent_start or t.like_num for t in content if t.i < root.i)
        if not named:  # Iraqi Kurdish rebellion', 'the November 1963 coup' (not 'the coup', 'the spring')
            return
    tail = pp_tail(root)
    if named:
        label = _clean(ms.doc[first:root.i + 1].text)
        ms.release(first, root.i + 1)
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


def pp_tail(root: Token) -> int:
    for c in root.children:
        if c.dep_ == "prep" and c.i > root.i and c.lower_ in ("in", "against", "between", "over", "with"):
            return max(t.i for t in c.subtree) + 1
    return root.i + 1
