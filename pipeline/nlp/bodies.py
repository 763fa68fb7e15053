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
        if ent.label_ != "ORG":
            continue
        start, end = _trim(ent)
        words = [t.lower_ for t in doc[start:end]]
        if not words or words[-1] not in lex.state_body_words and " ".join(words[-2:]) not in lex.state_body_words:
            continue
        state = ms.state_of(doc[start]) if end - start > 1 and not ent.ent_id_ else None
        body_start = start + 1 if state is not None else start
        q = None if state is not None else ms.qualifier(start)
        known = ms.gaz.get(ent.ent_id_) if ent.ent_id_ else None
        if ent.ent_id_ and (q is None or known is None or norm(known.label) == norm(doc[start:end].text)
                            or norm(q[1].label) in norm(known.label)):
            continue  # a known body; but 'Russian' + the UN's short 'Security Council' is Russia's own
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
        elif len(nxt) == 2 and nxt[0].lower_ == "of" and tok.lower_ == "government":
            of_state = state_after(ms, tok.i + 2)
            start = tok.i - 1 if prev is not None and prev.is_title and prev.lower_ in lex.government_modifiers \
                and not ms.at(prev.i) else tok.i  # 'the Federal Government of Somalia' (its name, an alias)
            if of_state is not None:
                ms.add(start, of_state[0], government(ms, of_state[1]), "government")


def state_after(ms: Mentions, i: int) -> tuple[int, Entity] | None:
    """The state named from token i on ('Sri Lanka', 'the Republic of Rwanda', the formal name the
    data lacks 'the Federal Republic of Somalia'): its end and entity."""
    doc = ms.doc
    start = i + 1 if i < len(doc) and doc[i].lower_ == "the" else i
    for n in (5, 4, 3, 2, 1):  # never over the full stop or line break after the name
        if start + n <= len(doc) and not any(t.is_sent_start for t in doc[start + 1:start + n]) \
                and not (doc[start + n - 1].is_punct or doc[start + n - 1].is_space):
            entry = ms.gaz.lookup(doc[start:start + n].text, {"State"}) or ms.formal_state(doc[start:start + n].text)
            if entry is not None:
                return start + n, entry.entity()
    state = ms.state_of(doc[start]) if start < len(doc) else None
    return (start + 1, state) if state is not None else None



def government(ms: Mentions, state: Entity) -> Entity:
    gov = ms.intern(Entity("Government", f"Government of {state.label}"))
    ms.government_state[id(gov)] = ms.intern(state)
    return gov



def descriptive_actors(ms: Mentions) -> None:
    """Actors the text describes instead of naming, typed by their head word: 'the Maduro
    government', 'the central government in Baghdad', "Chad's transitional authorities", 'the
    junta in power in Mali', 'the interim military government' (Government); "Somalia's
    Cabinet", 'the Lebanese parliament' (a body of the state); 'the ruling coalition', 'the
    governing coalition' (one Organization, when the article has one coalition);
    'pro-Iran Iraqi militias' (ArmedGroup). Who backs or leads them ('the US-backed ruling
    coalition') stays a mention of its own, for the relation it states."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        head = tok.lower_
        if ms.at(tok.i) is not None or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
            continue
        if head not in lex.government_heads and head not in lex.state_body_words \
                and head not in lex.descriptive_group_heads:
            continue
        start = min([c.left_edge.i for c in tok.lefts] + [tok.i])
        start = max(start, tok.sent.start)
        mods = list(doc[start:tok.i])
        if head in lex.government_heads and any(t.lower_ in lex.local_markers for t in mods):
            continue  # 'the local Serb authorities': not Serbia's government
        cut = max((t.i + 1 for t in mods if t.text in ("-", "‑") or t.dep_ == "poss" and ms.at(t.i) is None
                   or t.tag_ in ("VBN",) and t.i > start and doc[t.i - 1].text in ("-", "‑")), default=start)
        owner, person = _owner(ms, doc[cut:tok.i + 1])
        in_state = _located_state(ms, tok)
        words = [t for t in doc[cut:tok.i] if t.pos_ in ("ADJ", "NOUN", "VERB", "PROPN", "NUM")
                 and ms.at(t.i) is None and t.lower_ not in ("the", "a", "an")
                 and t.lower_ not in lex.passing_modifiers]  # 'a new military junta': 'new' names nothing
        if owner is None and not all(t.lower_ in lex.actor_modifiers for t in words):
            words = []  # 'under multiple authorities', 'rebel groups': described, but no actor
        core = " ".join([t.text for t in words] + [tok.text])
        if head in lex.government_heads:
            _government_actor(ms, cut, tok, owner or in_state[0], person, core, bool(words),
                              in_state[1] if owner is None else "")
        elif head in lex.state_body_words:
            generic = tok.lower_ in lex.generic_names  # "Tajikistan's foreign ministry": a common
            # noun's own words say which one; not 'its ministry', nor a place's "Haiti's Artibonite department"
            described = bool(words) and all(t.is_lower for t in words) and tok.is_lower
            if owner is not None and person is None and (not generic or described):
                name = core if generic else tok.text
                label = f"{ms.gaz.adjective(owner.label) or owner.label} {name}"
                if words and tok.is_title and all(t.is_title for t in words):
                    label = core  # "the Central African Republic's National Transitional Council": its name
                _replace(ms, cut, tok.i + 1, Entity("Organization", label), "body", owner)
        elif words or doc[start].lower_ == "pro":
            political = head in lex.descriptive_group_heads and head not in ("militias", "militia", "rebels")
            kind = "ArmedGroup" if head in lex.armed_group_words and not political else "Organization"
            label = _clean(doc[start:tok.i + 1].text) if doc[start].lower_ == "pro" else core
            known = _one_with_head(ms, head, ("Organization", "ArmedGroup"))
            e = known if known is not None and doc[start].lower_ != "pro" else Entity(kind, label)
            first = cut if doc[start].lower_ != "pro" else next(
                (t.i for t in mods if t.i > start + 2 and ms.at(t.i) is not None), cut)
            _replace(ms, first, tok.i + 1, e, "descriptive", surface=core)


def _owner(ms: Mentions, toks) -> tuple[Entity | None, Entity | None]:
    """The state ('Somalia's', 'Lebanese') or person ('Maduro') qualifying a descriptive head."""
    state = person = None
    for t in toks:
        m = ms.at(t.i)
        if m is None:
            continue
        if m.kind == "State" and state is None:
            state = m.entity
        elif m.kind == "Official" and person is None:
            person = m
    return state, person


def _located_state(ms: Mentions, tok) -> tuple[Entity | None, str]:
    """'the central government in Baghdad', 'the junta in power in Mali': the state the head is
    placed in (a capital stands for its state), and the words that place it ('in Baghdad')."""
    for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "in"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for t in [obj] + [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "in"
                              for g in p.children if g.dep_ == "pobj"]:
                m = ms.at(t.i)
                state = m.entity if m is not None and m.kind == "State" else None
                if m is not None and m.kind == "Place":
                    country = ms.places.capitals.get(norm(ms.doc[m.start:m.end].text))
                    entry = ms.gaz.lookup(country, {"State"}) if country else None
                    state = entry.entity() if entry is not None else None
                if state is not None:
                    return state, ms.doc[prep.i:m.end].text
    return None, ""


def _government_actor(ms, start, tok, state, person, core, modified, placed) -> None:
    if person is not None:  # 'the Maduro government', "Mr. Saakashvili's administration" (an alias)
        label = f"{ms.doc[person.start:person.end].text} {tok.lower_}"
        first = person.start - (person.start > 0 and ms.doc[person.start - 1].lower_ in ms.lex.honorifics)
        e = Entity("Government", label, aliases={_clean(ms.doc[first:tok.i + 1].text)} - {label})
        _replace(ms, person.start, tok.i + 1, e, "government", surface=label)
    elif state is not None:
        gov = government(ms, state)
        _replace(ms, start, tok.i + 1, gov, "government")
        if core.lower() not in ms.lex.generic_names and core.lower() not in ms.lex.governing_nouns:
            gov.aliases.add(core)  # 'transitional authorities', 'junta'
        if placed:
            gov.aliases.add(f"{core} {placed}")  # 'central government in Baghdad'
    elif modified:  # 'the interim military government', named by its description, or the
        # article's named government it shortens ('the transitional government': the BBTG)
        named = {id(e): e for e in ms.registry.values() if e.kind == "Government"
                 and e.label.lower().endswith(core.lower()) and e.label.lower() != core.lower()}
        known = next(iter(named.values())) if len(named) == 1 else None
        _replace(ms, start, tok.i + 1, known or Entity("Government", core), "government",
                 surface="" if known else core)


def _one_with_head(ms: Mentions, head: str | None, kinds: tuple[str, ...]) -> Entity | None:
    found = {id(e): e for e in ms.registry.values() if e.kind in kinds
             and (head is None or e.label.lower().split()[-1] == head)}
    return next(iter(found.values())) if len(found) == 1 else None


def _replace(ms: Mentions, start: int, end: int, e: Entity, source: str, owner: Entity | None = None,
             surface: str | None = None) -> None:
    """A mention over [start, end) in place of the mentions inside it (a demonym, a person)."""
    ms.release(start, end)
    m = ms.add(start, end, e, source, surface)
    if m is not None and owner is not None:
        m.owner = ms.intern(owner)


def capital_governments(ms: Mentions) -> None:
    """'the Tashkent government', 'the Khartoum regime': a capital or seat of government before a
    governing noun names its state's government (the surface is an alias of it); before a
    national title, its state ('Sao Tome President X')."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        if ms.at(tok.i) is not None or tok.i == 0:
            continue
        city = ms.at(tok.i - 1)
        if city is None or city.kind != "Place" or city.end != tok.i \
                or (state := ms.seat_state(city.entity.label)) is None:
            continue
        if tok.lower_ in lex.governing_nouns and tok.is_lower:
            ms.release(city.start, city.end)
            ms.add(city.start, tok.i + 1, government(ms, state.entity()), "government")
        elif tok.lower_ in lex.national_titles and tok.is_title \
                and (city.start == 0 or doc[city.start - 1].lower_ != "the"):
            ms.release(city.start, city.end)  # 'Sao Tome President X': the state's president
            ms.add(city.start, city.end, state.entity(), "capital-title")
