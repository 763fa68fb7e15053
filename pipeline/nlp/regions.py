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
        start = tok.i + 1
        state = ms.at(tok.i) or (ms.at(start) if start < len(doc) else None)
        if state is None or state.kind != "State" or state.start not in (tok.i, start):
            continue
        if state.start == tok.i:  # the NER's 'eastern Democratic Republic of Congo': the rest must be a state
            e = ms.resolve(doc[start:state.end].text, "GPE") if tok.is_lower and state.end > start else None
            if e is None or e.kind != "State":
                continue
        name = doc[start:state.end].text
        if ms.gaz.demonym(name) is not None or doc[state.end - 1].tag_ == "POS":
            continue
        ms.release(state.start, state.end)
        ms.add(tok.i, state.end, Entity("Place", f"{tok.lower_} {name}"), "region")
