"""Organisation names the NER cut, and bodies named after the body they belong to: 'the Ministry
of Foreign Affairs of' + 'China' (a name ending in 'of' runs on through the state it names, whose
body it is), 'the Office of the Central Foreign Affairs' + 'Commission' (the name's own last word
tagged apart), 'the People’s' + 'Republic of China' (a state's formal name cut at its
apostrophe), 'the Department of Asian and African Affairs of the Ministry of ...' (part of it)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Entity
from .lexicon import Lexicon
from .mentions import Mentions

DANGLING = ("of", "for")


def _entity_end(doc: Doc, i: int) -> int:
    """End of the entity that begins at token i."""
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return j


def name_end(doc: Doc, end: int, lex: Lexicon) -> tuple[int, int | None]:
    """Where an organisation name the NER ended at `end` really ends, and the first token of the
    state it runs into ('... Affairs of' + 'China'), if any."""
    if end + 1 < len(doc) and doc[end].lower_ == "in" and doc[end + 1].ent_iob_ == "B" \
            and doc[end + 1].ent_type_ in ("LOC", "GPE") and doc[end - 1].is_title \
            and doc[end - 1].lower_ not in lex.org_name_heads | lex.state_body_words \
            and any(t.lower_ in DANGLING for t in doc[max(0, end - 6):end]):
        return _entity_end(doc, end + 1), None  # 'the Organization for Security and Cooperation' + 'in Europe'
    if end >= len(doc) or doc[end].ent_iob_ != "B" or doc[end].is_sent_start or not doc[end - 1].whitespace_:
        return end, None
    nxt = doc[end]
    dangling = doc[end - 1].lower_ in DANGLING or doc[end - 1].lower_ == "the" and doc[end - 2].lower_ in DANGLING
    if dangling and nxt.ent_type_ in ("GPE", "ORG"):  # '... Affairs of' + 'China', 'Forces of the' + 'Philippines'
        return _entity_end(doc, end), end if nxt.ent_type_ == "GPE" else None
    if nxt.ent_type_ == "ORG" and _entity_end(doc, end) == end + 1 and nxt.lower_ in lex.org_name_heads \
            and doc[end - 1].is_title:
        return end + 1, None  # 'Office of the Central Foreign Affairs' + 'Commission'
    return end, None


def state_name_end(ms: Mentions, start: int, end: int) -> int | None:
    """End of the state name a place cut at a possessive runs on to: 'the People’s' + 'Republic
    of China', or cut before the name the gazetteer's ruler took: 'the Republic of' + 'Montenegro'
    (None when the two fragments together are no state the gazetteer knows)."""
    doc = ms.doc
    if end < len(doc) and doc[end - 1].lower_ == "of" and doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "GPE":
        last = _entity_end(doc, end)  # 'the Republic of' + 'Montenegro' (the ruler took the state's name)
        return last if ms.formal_state(doc[start:last].text) is not None else None
    if end + 1 >= len(doc) or doc[end].tag_ != "POS" or doc[end + 1].ent_iob_ != "B" \
            or doc[end + 1].ent_type_ != "GPE":
        return None
    last = _entity_end(doc, end + 1)
    entry = ms.gaz.lookup(doc[start:last].text, {"State"})
    return last if entry is not None else None


def gang_name(ms: Mentions, start: int, end: int) -> bool:
    """'the Gran Grif gang' (the NER: a facility 'the Gran Grif'): a name no state or known place
    bears, compounded into a lowercase word for an armed group, names that group with the word."""
    doc = ms.doc
    if end >= len(doc) or not doc[end].is_lower or doc[end].lower_ not in ms.lex.gang_nouns \
            or doc[end - 1].dep_ != "compound" or not doc[end - 1].whitespace_:
        return False
    name = doc[start:end].text
    if ms.gaz.lookup(name) is not None or ms.gaz.demonym(name) is not None or name.lower() in ms.places.countries:
        return False
    label = doc[start:end + 1].text
    ms.add(start, end + 1, Entity("ArmedGroup", label), "ner")
    return True


def bodies_of_bodies(ms: Mentions) -> None:
    """'the Department of X of the Ministry of Y': a body named 'of' another body is part of it."""
    doc, lex = ms.doc, ms.lex
    for m in ms.all():
        if m.kind != "Organization" or m.owner is not None or doc[m.end - 1].lower_ not in lex.state_body_words \
                and doc[m.start].lower_ not in lex.state_body_words:
            continue
        i = m.end + 1 if m.end < len(doc) and doc[m.end].lower_ == "of" else None
        if i is not None and i < len(doc) and doc[i].lower_ == "the":
            i += 1
        parent = ms.at(i) if i is not None else None
        if parent is not None and parent.start == i and parent.kind == "Organization" \
                and parent.entity is not m.entity and doc[i].lower_ in lex.state_body_words:
            m.owner = parent.entity
