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
        said = tok.head if tok.dep_ == "conj" and tok.head.dep_ == "attr" else tok  # 'is a leader and the commander of'
        if tok.lower_ not in a.lex.predicate_lead_nouns or said.dep_ not in ("attr", "oprd", "dobj", "ccomp", "xcomp"):
            continue
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            continue  # 'X is a commander of Y': one of its commanders (a post)
        verb, tok_dep = said.head, said.dep_
        reflexive = any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in verb.children) or any(
            c.dep_ == "nsubj" and c.lower_ in REFLEXIVES for c in tok.children)  # '[himself the leader]'
        if tok_dep in ("dobj", "ccomp", "xcomp") and not reflexive:
            continue
        if tok_dep == "attr" and verb.lemma_.lower() not in ("be", "become", "remain"):
            continue
        if any(c.dep_ == "amod" and c.lower_ in a.lex.former_markers for c in tok.children):
            continue  # 'the former leader of'
        people = [e for e in a.subjects(verb) if e.kind == "Official"]
        obj = a.pobj(tok, "of")
        if obj is not None and obj.lower_ in a.lex.wing_nouns and a.m.at(obj.i) is None:
            obj = a.child(obj, "appos") or obj  # 'the chief of its intelligence wing, the Amniyat'
        groups = [e for e in a.group(obj) if e.kind in ACTOR_KINDS - {"Official", "State"}]
        yield from emit("leads", people, groups, sent, "X is the leader of Y", 0.8, tok.i)
