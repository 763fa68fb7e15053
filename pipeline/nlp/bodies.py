"""The mention pass for bodies of a state and governments: 'Russian Foreign Ministry', "Turkey's
Directorate" (whose owner, the state, is kept on the mention for the relation stage's partOf),
'the Syrian government', 'the government of Sudan', 'Assad regime'."""

from __future__ import annotations

from ..model import Entity
from .gazetteer import norm
from .mentions import Mentions
from .spans import clean as _clean
from .spans import trim as _trim


def bodies_and_governments(ms: Mentions) -> None:
    """'Russian Foreign Ministry' / "Turkey's Directorate" (part of a state); 'Syrian government'."""
    doc, lex = ms.doc, ms.lex
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.ent_id_:
            continue
        start, end = _trim(ent)
        words = [t.lower_ for t in doc[start:end]]
        if not words or words[-1] not in lex.state_body_words and " ".join(words[-2:]) not in lex.state_body_words:
            continue
        state = ms.state_of(doc[start]) if end - start > 1 else None
        body_start = start + 1 if state is not None else start
        q = None if state is not None else ms.qualifier(start)
        if q is not None:
            start, state = q
        if state is None:
            continue
        body = _clean(doc[body_start:end].text)
        label = f"{ms.gaz.adjective(state.label) or state.label} {body}"
        e = ms.add(start, end, Entity("Organization", label), "body")
        if e is not None:
            e.owner = ms.intern(state)  # the relation stage states partOf(body, state)
            ms.local.setdefault(norm(body), e.entity)  # a bare 'Congress' later is this one
    for tok in doc:
        if tok.lower_ not in ms.lex.governing_nouns or ms.at(tok.i):
            continue
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1: tok.i + 3]
        if prev is not None and prev.ent_type_ == "PERSON" and tok.lower_ != "government":
            start = prev.i
            while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start - 1].ent_iob_ != "O":
                start -= 1
            ms.add(start, tok.i + 1, Entity("Government", f"{prev.text} {tok.lower_}"), "government")
            continue
        q = ms.qualifier(tok.i)
        if q is not None and tok.lower_ == "government":
            ms.add(q[0], tok.i + 1, government(ms, q[1]), "government")
        elif len(nxt) == 2 and nxt[0].lower_ == "of":
            state = ms.state_of(nxt[1])
            if state is not None and tok.lower_ == "government":
                ms.add(tok.i, tok.i + 3, government(ms, state), "government")



def government(ms: Mentions, state: Entity) -> Entity:
    gov = ms.intern(Entity("Government", f"Government of {state.label}"))
    ms.government_state[id(gov)] = ms.intern(state)
    return gov

