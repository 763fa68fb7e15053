"""The actor a sentence's delegation list speaks for: 'Slovenia was represented by A, prime
minister, B, minister of foreign affairs', 'The Yugoslav delegation consisted of A, minister of
the interior, ...': a bare title in such a list ('prime minister') is a post of that actor."""

from __future__ import annotations

from spacy.tokens import Span

from ..model import Entity
from .doc_cache import per_doc
from .mentions import Mentions

REPRESENTED_KINDS = ("State", "Government", "Organization", "ArmedGroup")


def represented(ms: Mentions, sent: Span) -> Entity | None:
    """The actor `sent` lists the delegates of, or None."""
    known = per_doc(ms.doc, "represented", lambda _: {})
    if sent.start not in known:
        known[sent.start] = _represented(ms, sent)
    return known[sent.start]


def _represented(ms: Mentions, sent: Span) -> Entity | None:
    for t in sent:
        if t.lemma_.lower() == "represent" and any(c.dep_ == "auxpass" for c in t.children):
            whose = [c for c in t.children if c.dep_ == "nsubjpass"]  # 'Slovenia was represented by'
        elif t.lower_ in ms.lex.delegation_nouns and t.dep_ in ("nsubj", "nsubjpass"):
            whose = [c for c in t.children if c.dep_ in ("amod", "compound", "poss")]  # 'The Yugoslav delegation'
            whose += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                      if p.dep_ == "pobj"]  # 'the delegation of the EC'
        else:
            continue
        found = [m.entity for c in whose if (m := ms.at(c.i)) is not None and m.kind in REPRESENTED_KINDS]
        if len(found) == 1:
            return found[0]
    return None
