"""'The Treasury Department said ... the sanctions, imposed through its Office of Foreign Asset
Control': a body named right after 'its' belongs to the organisation 'its' stands for."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..model import Candidate
from .arguments import Arguments

OWNER_KINDS = ("Organization", "Government")


def its_named_body(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'its' directly before a named Organization: partOf the clause's organisation subject
    (the subject of the verb 'its' hangs under, up the tree), else the organisation named last."""
    for tok in sent:
        if tok.lower_ != "its" or tok.dep_ != "poss" or tok.i + 1 >= sent.end:
            continue
        m = a.m.at(tok.i + 1)
        if m is None or m.start != tok.i + 1 or m.kind != "Organization" or not a.doc[m.start].is_title:
            continue
        verb = tok.head
        while verb.dep_ != "ROOT" and verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head
        while verb.dep_ != "ROOT" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        owners = [e for e in a.subjects(verb) if e.kind in OWNER_KINDS] or [
            e for e in a.antecedent(tok) if e.kind in OWNER_KINDS]
        for owner in owners[:1]:
            if owner is not m.entity:
                yield Candidate("partOf", m.entity, owner, sent, "its named body", 0.75, tok.i)
