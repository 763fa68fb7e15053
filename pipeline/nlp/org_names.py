"""Organisation names the NER cut, and bodies named after the body they belong to: 'the Ministry
of Foreign Affairs of' + 'China' (a name ending in 'of' runs on through the state it names, whose
body it is), 'the Office of the Central Foreign Affairs' + 'Commission' (the name's own last word
tagged apart), 'the People’s' + 'Republic of China' (a state's formal name cut at its
apostrophe), 'the Department of Asian and African Affairs of the Ministry of ...' (part of it)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Entity
from .doc_cache import noun_chunks
from .gazetteer import norm
from .lexicon import Lexicon
from .mentions import Mentions
from .persons import HYPHENS
from .spans import clean as _clean
from .spans import name_tail

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
            and doc[end + 1].ent_type_ == "LOC" and doc[end - 1].is_title \
            and doc[end - 1].lower_ not in lex.org_name_heads | lex.state_body_words \
            and any(t.lower_ in DANGLING for t in doc[max(0, end - 6):end]):
        return _entity_end(doc, end + 1), None  # 'the Organization for Security and Cooperation' + 'in Europe'
        # (a region; not 'the Summit of the Americas' + 'in Panama', a state where it met)
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
        return last if ms.formal_state(doc[start:last].text) is not None or ms.formal_styles(doc[start:last].text) > 1 \
            else None  # not 'the Republic of' + 'Vietnam' split where the article names two such states
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


def titled_orgs(ms: Mentions) -> None:
    """Proper names of groups the NER missed or cut: 'the Artsakh Defence Army',
    'the United Nations Mission in South Sudan' (not just 'United Nations'); and names before
    a description of what they name ('the SPLM-North rebel group')."""
    named_groups(ms)
    heads = ms.lex.armed_group_words | ms.lex.org_name_heads
    for chunk in noun_chunks(ms.doc):
        root = chunk.root
        if not root.is_title or root.lower_ not in heads or root.lower_ in ms.lex.title_head_words:
            continue
        toks = [t for t in chunk if t.pos_ != "DET" and t.i <= root.i]
        if len(toks) < 2 or not all(t.is_title or t.text in ("-", "–") or _inner_possessive(ms, t) for t in toks):
            continue
        inner = [ms.at(t.i) for t in toks if ms.at(t.i) is not None]
        if any(m.start <= toks[0].i and m.end > root.i for m in inner):
            continue  # already one mention
        if any(m.kind not in ("State", "Place", "Organization") for m in inner):
            continue
        end = name_tail(ms.doc, root)
        label = _clean(ms.doc[toks[0].i:end].text)
        entry = ms.gaz.lookup(label)
        ms.release(toks[0].i, end)
        e = entry.entity() if entry else Entity(ms.org_kind(label), label)
        ms.add(toks[0].i, end, e, "titled-org")
        for m in inner:  # a fragment the NER saw alone ('Sudan People') is no entity of the article
            if m.entity is not e and not any(o.entity is m.entity for o in ms.all()):
                ms.registry.pop(m.entity.ident, None)


def _inner_possessive(ms: Mentions, tok: Token) -> bool:
    """"'s" inside a name: "the Sudan People's Liberation Movement", "Workers' Party"."""
    return tok.text in ("'s", "’s", "'", "’") and tok.i > 0 and ms.doc[tok.i - 1].is_title \
        and ms.doc[tok.i - 1].lower_ in ms.lex.name_possessives


def named_groups(ms: Mentions) -> None:
    """'the SPLM-North rebel group': a proper name the NER missed, before a common noun that says
    what it names (the name is the entity, typed by that noun; the description stays out of the
    label)."""
    heads = ms.lex.armed_group_words | ms.lex.org_name_heads
    doc = ms.doc
    for chunk in noun_chunks(doc):
        root = chunk.root
        if root.lower_ not in heads or not root.is_lower or ms.at(root.i) is not None:
            continue
        desc = root.i
        while desc > chunk.start and doc[desc - 1].is_lower and doc[desc - 1].pos_ in ("NOUN", "ADJ"):
            desc -= 1  # 'rebel', 'armed'
        first = desc
        while first > chunk.start and (doc[first - 1].is_title or doc[first - 1].is_upper
                                       or doc[first - 1].text in HYPHENS and first - 1 > chunk.start):
            first -= 1  # 'SPLM - North' (the tagger calls 'North' an adjective)
        if first == desc or doc[first].text in HYPHENS or not any(t.is_upper and len(t) > 1 for t in doc[first:desc]):
            continue  # an acronym-like name: 'SPLM-North'; 'the Tigray regional government' is no such name
        inner = [ms.at(i) for i in range(first, desc) if ms.at(i) is not None]
        if any(m.source != "ner" or m.entity.qid or m.start < first for m in inner) or any(
                m.start == first and m.end == desc for m in inner):
            continue  # a known name, or the NER's own: only its fragments ('JEM' of 'JEM-North') are replaced
        ms.release(first, desc)
        label = doc[first:desc].text
        kind = ms.org_kind(f"{label} {doc[desc:root.i + 1].text}")
        # the mention spans the description too, so that what is said of 'the group' is said of it
        ms.add(first, root.i + 1, Entity(kind if kind != "Place" else "Organization", label), "named-group", label)


def possessive_split(ms: Mentions, start: int, end: int) -> int | None:
    """The "'s" inside an organisation name the NER ran together from a body and its owner: "Treasury
    Department's Office of Foreign Assets Control" (both sides names of two words or more, the owner's
    ending in a body word: 'Department', 'Council'); not "the ANC Women's League"."""
    doc, lex = ms.doc, ms.lex
    at = next((i for i in range(start + 2, end - 2) if doc[i].text in ("'s", "’s")), None)
    if at is None or doc[at - 1].lower_ not in lex.state_body_words | lex.org_name_heads:
        return None
    return at if all(t.is_title or not t.is_alpha or t.lower_ in lex.name_joiners for t in doc[at + 1:end]) else None


def states_bodies(ms: Mentions) -> None:
    """"Sudan's Ministry of Defence", "Kenya's ministry of information": a state body named right
    after a state's possessive is that state's ('Ministry of Defence of Sudan', part of Sudan; not
    every state's 'Ministry of Defence'). A linked name keeps its own label."""
    doc, lex = ms.doc, ms.lex
    for m in ms.all():
        if m.kind != "Organization" or m.owner is not None or m.entity.qid or m.start < 2 \
                or doc[m.start - 1].tag_ != "POS" \
                or not any(t.lower_ in lex.state_body_words for t in doc[m.start:m.end]):
            continue
        state = ms.at(m.start - 2)
        if state is None or state.kind != "State" or norm(state.entity.label) in norm(m.entity.label):
            continue
        surface = doc[m.start:m.end].text
        ms.release(m.start, m.end)
        body = ms.add(m.start, m.end, Entity("Organization", f"{m.entity.label} of {state.entity.label}"),
                      m.source, surface)
        if body is not None:
            body.owner = ms.intern(state.entity)
