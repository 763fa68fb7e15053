"""The mention passes for a state's qualified forces: 'Mozambican security forces', 'Nigerien
armed forces', 'Syrian military forces' are an armed group of their own (the actor of what they
do, part of the state), as is a state's military as an institution: 'the Pakistan army', 'the
Myanmar military', 'the armed forces of Ukraine'; a bare 'Malian forces' or 'Ethiopian troops'
stays the state."""

from __future__ import annotations

from ..model import Entity
from .bodies import _replace
from .mentions import Mentions


def qualified_forces(ms: Mentions) -> None:
    """Demonym or state + a qualifying adjective ('security', 'armed') + 'forces', or a state's
    government + 'forces' ('Angolan government forces', 'Philippine government security forces'):
    one ArmedGroup per state (a second wording, 'Mozambican armed forces', is its alias)."""
    doc, lex = ms.doc, ms.lex
    groups: dict = {}
    for tok in doc:
        if tok.lower_ not in lex.qualified_force_heads or tok.i < 2 or ms.at(tok.i) is not None:
            continue
        qual = doc[tok.i - 1]
        qualified = qual.lower_ in lex.force_qualifiers and ms.at(qual.i) is None
        front = ms.at(tok.i - 2) if qualified else ms.at(tok.i - 1)
        if front is None or front.end != tok.i - qualified:
            continue
        if front.kind == "Government" and id(front.entity) in ms.government_state \
                and doc[front.end - 1].lower_ in lex.government_words \
                and not (front.start and doc[front.start - 1].lower_ in ("pro", "-", "‑")):  # not 'Pro-Somali ...'
            # 'Angolan government (security) forces': whose part they are, the state or its
            # government, the text leaves open (the guide's optional partOf): none is stated
            _state_group(ms, groups, id(front.entity), front.start, tok.i + 1, None)
        elif front.kind == "State" and qualified:
            _state_group(ms, groups, id(front.entity), front.start, tok.i + 1, front.entity)


def state_militaries(ms: Mentions) -> None:
    """A state or demonym + a lower-case institution word ('the Pakistan army', 'the Myanmar
    military'), or 'the armed forces of' + a state: one ArmedGroup per state and word."""
    doc, lex = ms.doc, ms.lex
    groups: dict = {}
    for tok in doc:
        if not tok.is_lower or ms.at(tok.i) is not None or tok.i < 1 \
                or tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > tok.i \
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in lex.leader_titles | lex.lead_nouns):
            continue  # not 'a Turkish military operation': the word modifies what follows ('army chief' does)
        front, start, end = ms.at(tok.i - 1), tok.i - 1, tok.i + 1
        mods = tok.i
        while mods > max(1, tok.i - 4) and doc[mods - 1].dep_ in ("amod", "compound", "punct") \
                and doc[mods - 1].head.i >= mods - 1 \
                and (doc[mods - 1].is_lower or doc[mods - 1].text in ("-", "‑") or doc[mods].text in ("-", "‑")):
            mods -= 1  # "Burundi's Tutsi-controlled army"
        if front is None and mods >= 2 and doc[mods - 1].tag_ == "POS" and (own := ms.at(mods - 2)) is not None \
                and own.end == mods - 1 and not any(ms.at(t.i) for t in doc[mods:tok.i]):
            front = own  # "Pakistan's army (chief)", "Burundi's Tutsi-controlled army": the possessor's army
        if tok.lower_ in lex.military_heads and front is not None and front.end in (tok.i, mods - 1):
            start = front.start
        elif tok.lower_ == "forces" and doc[tok.i - 1].lower_ == "armed" and ms.at(tok.i - 1) is None \
                and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" \
                and (front := ms.at(tok.i + 2)) is not None and front.start == tok.i + 2:
            end = front.end  # 'the armed forces of Ukraine'
        else:
            continue
        if front.kind != "State":
            continue
        _state_group(ms, groups, (id(front.entity), tok.lower_), start, end, front.entity)


def _state_group(ms: Mentions, groups: dict, key, start: int, end: int, state: Entity | None) -> None:
    """Tokens [start, end) as the ArmedGroup of `key` (labelled by its first wording), part of `state` if given."""
    surface = ms.doc[start:end].text
    e = groups.get(key)
    if e is None:
        e = groups[key] = Entity("ArmedGroup", surface)
    _replace(ms, start, end, e, "forces", owner=state, surface=surface)
