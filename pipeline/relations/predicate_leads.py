"""'X is the leader of Y', 'X became head of Y', 'X proclaimed himself the leader of Y': a lead
noun said of the subject (the copula's complement, or a reflexive naming verb's) -> X leads Y
('X, who is chairman of Y' is a post, not this)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..model import ACTOR_KINDS, Candidate
from .arguments import Arguments, emit

REFLEXIVES = ("himself", "herself")


def predicate_leads(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """The subject of 'be / become' with a lead noun as complement, or of a verb whose other
    object is 'himself' ('proclaimed himself the leader of'), leads the group after 'of'."""
    for tok in sent:
        if tok.lower_ not in a.lex.predicate_lead_nouns or tok.dep_ not in ("attr", "oprd", "dobj", "ccomp", "xcomp"):
            continue
        verb = tok.head
        reflexive = any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in verb.children) or any(
            c.dep_ == "nsubj" and c.lower_ in REFLEXIVES for c in tok.children)  # '[himself the leader]'
        if tok.dep_ in ("dobj", "ccomp", "xcomp") and not reflexive:
            continue
        if tok.dep_ == "attr" and verb.lemma_.lower() not in ("be", "become", "remain"):
            continue
        if any(c.dep_ == "amod" and c.lower_ in a.lex.former_markers for c in tok.children):
            continue  # 'the former leader of'
        people = [e for e in a.subjects(verb) if e.kind == "Official"]
        groups = [e for e in a.group(a.pobj(tok, "of")) if e.kind in ACTOR_KINDS - {"Official", "State"}]
        yield from emit("leads", people, groups, sent, "X is the leader of Y", 0.8, tok.i)
