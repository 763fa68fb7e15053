"""The mention pass for a state's qualified forces: 'Mozambican security forces', 'Nigerien
armed forces', 'Syrian military forces' are an armed group of their own (the actor of what they
do, part of the state), while a bare 'Malian forces' or 'Ethiopian troops' stays the state."""

from __future__ import annotations

from ..model import Entity
from .bodies import _replace
from .mentions import Mentions


def qualified_forces(ms: Mentions) -> None:
    """Demonym or state + a qualifying adjective ('security', 'armed') + 'forces': one ArmedGroup
    per state (a second wording, 'Mozambican armed forces', is its alias)."""
    doc, lex = ms.doc, ms.lex
    groups: dict[int, Entity] = {}
    for tok in doc:
        if tok.lower_ not in lex.qualified_force_heads or tok.i < 2 or ms.at(tok.i) is not None:
            continue
        qual, front = doc[tok.i - 1], ms.at(tok.i - 2)
        if qual.lower_ not in lex.force_qualifiers or ms.at(qual.i) is not None:
            continue
        if front is None or front.kind != "State" or front.end != qual.i:
            continue
        state = front.entity
        surface = doc[front.start:tok.i + 1].text
        e = groups.get(id(state))
        if e is None:
            e = groups[id(state)] = Entity("ArmedGroup", surface)
        _replace(ms, front.start, tok.i + 1, e, "forces", owner=state, surface=surface)
