"""The mention pass for a state's regions named by a direction: 'southern Lebanon', 'eastern
Croatia', 'northern Uganda' are places of their own (what is struck or held there is the region,
not the whole state)."""

from __future__ import annotations

from ..model import Entity
from .mentions import Mentions


def directional_regions(ms: Mentions) -> None:
    """A lower-case direction word right before a state's name (not its demonym: 'southern
    Lebanese villages' stays Lebanon's): one Place labelled with both words."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        if tok.lower_ not in lex.direction_words or not (tok.is_lower or tok.is_sent_start and tok.is_title):
            continue
        state, start = ms.at(tok.i + 1) if tok.i + 1 < len(doc) else None, tok.i + 1
        if (m := ms.at(tok.i)) is not None:  # the NER's 'eastern Democratic Republic of Congo'
            whole = m.start == tok.i and m.kind == "State" and tok.is_lower
            e = ms.resolve(doc[start:m.end].text, "GPE") if whole and m.end > start else None
            state = m if e is not None and e.kind == "State" else None
        elif state is None or state.kind != "State" or state.start != start:
            continue
        if state is None:
            continue
        name = doc[start:state.end].text
        if ms.gaz.demonym(name) is not None or doc[state.end - 1].tag_ == "POS":
            continue
        for i in range(state.start, state.end):
            ms.by_token[i] = None
        ms.add(tok.i, state.end, Entity("Place", f"{tok.lower_} {name}"), "region")
