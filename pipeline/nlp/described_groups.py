"""The mention pass for armed groups the text describes by their creed instead of naming them:
'Islamist insurgents have captured a port' (the actor is never named), then 'the insurgents',
'Islamist militants' for the same group."""

from __future__ import annotations

from ..model import Entity
from .mentions import Mentions


def creed_groups(ms: Mentions) -> None:
    """A fighter noun ('insurgents', 'militants') after an adjective the NER tags as a group of
    people (NORP) that is no state's demonym ('Islamist', 'Maoist') is an ArmedGroup; the same
    creed with another fighter noun, and 'the insurgents' after it, are that group."""
    doc, lex = ms.doc, ms.lex
    by_creed: dict[str, Entity] = {}
    by_head: dict[str, Entity] = {}
    for tok in doc:
        if tok.lower_ not in lex.fighter_nouns or ms.at(tok.i) is not None or tok.i == 0 \
                or tok.is_title:  # a headline's 'Islamist Insurgents Capture ...' is read in the body
            continue
        prev = doc[tok.i - 1]
        if prev.ent_type_ == "NORP" and ms.at(prev.i) is None and prev.is_title:
            creed = prev.lower_
            e = by_creed.get(creed)
            if e is None:
                e = by_creed[creed] = Entity("ArmedGroup", f"{prev.text} {tok.text}")
            by_head.setdefault(tok.lower_, e)
            ms.add(prev.i, tok.i + 1, e, "creed", doc[prev.i:tok.i + 1].text)
        elif prev.lower_ == "the" and tok.lower_ in by_head and len(by_creed) == 1:
            ms.add(tok.i, tok.i + 1, by_head[tok.lower_], "creed", "")  # no alias: a generic noun


def people_fighters(ms: Mentions) -> None:
    """A fighter noun after a one-word proper name that is no known place, state or demonym
    ('northern Tuareg rebels', 'Kokang rebels'): the NER reads the people's name as a place or a
    person, but the words name an ArmedGroup. Runs before the NER's spans are taken."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        if tok.lower_ not in lex.fighter_heads or not tok.is_lower or tok.i == 0 or ms.at(tok.i) is not None:
            continue
        prev = doc[tok.i - 1]
        if not (prev.is_title and prev.is_alpha) or ms.at(prev.i) is not None or prev.is_sent_start \
                or prev.ent_type_ in ("NORP", "DATE") or prev.pos_ != "PROPN":
            continue  # NORP: a creed or a people the NER knows (creed_groups)
        if prev.ent_iob_ == "I" or prev.i > 0 and doc[prev.i - 1].is_title and doc[prev.i - 1].is_alpha \
                and doc[prev.i - 1].pos_ != "DET":
            continue  # part of a longer name ('Free Syrian Army rebels'): the name's passes read it
        if ms.gaz.lookup(prev.text) is not None or ms.gaz.demonym(prev.text) is not None:
            continue  # 'Darfur rebels', 'Syrian rebels': the place's or state's own readings
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.ent_type_ for g in c.children)
               for c in tok.children):
            continue  # 'the Tuareg rebels of the National Movement for the Liberation of Azawad': that group
        name = f"{prev.text} {tok.text}"
        ms.add(prev.i, tok.i + 1, Entity("ArmedGroup", name), "people-fighters", name)


def guard_units(ms: Mentions) -> None:
    """A lower-case guard of an institution ('the country's presidential guard', 'presidential
    guards, led by ...', 'the republican guard') is one ArmedGroup per article, by its singular."""
    doc, lex = ms.doc, ms.lex
    found: Entity | None = None
    for tok in doc:
        if tok.lower_ not in ("guard", "guards") or not tok.is_lower or ms.at(tok.i) is not None or tok.i == 0:
            continue
        prev = doc[tok.i - 1]
        if prev.lower_ not in lex.guard_modifiers or not prev.is_lower or ms.at(prev.i) is not None:
            continue
        if found is None:
            found = Entity("ArmedGroup", f"{prev.text} guard")
        ms.add(prev.i, tok.i + 1, found, "guard")


def named_forces(ms: Mentions) -> None:
    """A proper name the NER missed before a lower-case word for fighters: 'Kurdish Peshmerga
    forces' is an ArmedGroup 'Kurdish Peshmerga' (also named with the word). The name has a proper
    noun that is no state's name or demonym; names already read ('Houthi forces') are left alone."""
    doc = ms.doc
    for tok in doc:
        if tok.lower_ not in ms.lex.force_words or not tok.is_lower or ms.at(tok.i) is not None or tok.i == 0:
            continue
        first = tok.i
        while first > tok.i - 3 and first > 0 and doc[first - 1].is_title and doc[first - 1].is_alpha \
                and ms.at(first - 1) is None and not doc[first].is_sent_start:
            first -= 1
        run = doc[first:tok.i]
        if not len(run) or not any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "DATE")
                                   and ms.gaz.demonym(t.text) is None and ms.gaz.lookup(t.text) is None for t in run):
            continue
        if len(run) == 1 and run[0].is_sent_start:
            continue  # 'Rebel forces ...': a capital the sentence gives
        e = Entity("ArmedGroup", run.text, aliases={doc[first:tok.i + 1].text})
        ms.add(first, tok.i + 1, e, "named-group", run.text)
