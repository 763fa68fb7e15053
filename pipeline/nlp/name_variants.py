"""One entity per name within an article, whatever the NER made of each occurrence: the small
model reads 'Al-Shabab' at a sentence start as an armed group and a later 'al-Shabab' as a
person; the gazetteer knows the first, the second is the NER's own guess. A name the NER gave
once is the same entity where it recurs untagged; a one-word 'the Council' is the article's one
council."""

from __future__ import annotations

from collections import defaultdict

from ..model import Entity
from .mentions import Mentions
from .spans import clean as _clean


def name_variants(ms: Mentions) -> None:
    """An entity without a QID whose name, in any letter case, is the name or an alias of a
    gazetteer entity of the article, or of an entity of the same kind, is that entity. Only a person
    the NER alone made yields, and only to an entity known from more than the NER (the gazetteer,
    or the text's own words: 'the militant group al-Shabab')."""
    known: dict[str, list[Entity]] = {}
    for e in ms.entities():
        for name in {e.label, *e.aliases}:
            known.setdefault(name.lower(), []).append(e)
    ner_only = {id(m.entity) for m in ms.all() if m.source == "ner"} - {
        id(m.entity) for m in ms.all() if m.source != "ner"}
    for e in ms.entities():
        if e.qid or e.kind in ("Agreement", "Post") or e.kind == "Official" and id(e) not in ner_only:
            continue
        hosts = {id(f): f for f in known.get(e.label.lower(), ()) if f is not e
                 and (f.qid or id(f) not in ner_only if e.kind == "Official" else f.qid or f.kind == e.kind)}
        if len(hosts) == 1:
            ms.merge(e, next(iter(hosts.values())))


def repeated_names(ms: Mentions) -> None:
    """A place's or group's name the NER gave once names the same entity wherever it recurs: the
    small model tags 'Abkhazia' a GPE in one sentence, a NORP or nothing in the next. Only the
    exact capitalised words, never inside a longer name ('South Ossetia War')."""
    doc = ms.doc
    names: dict[tuple[str, ...], Entity] = {}
    for m in ms.all():
        toks = doc[m.start:m.end]
        if m.source == "ner" and m.kind in ("Place", "State", "Organization", "ArmedGroup") \
                and _clean(toks.text) == m.entity.label and all(t.is_title or t.is_upper for t in toks) \
                and any(t.pos_ == "PROPN" for t in toks):
            names.setdefault(tuple(t.text for t in toks), m.entity)
    texts, starts = [t.text for t in doc], defaultdict(list)  # where each word stands
    for i, text in enumerate(texts):
        starts[text].append(i)
    for key, e in names.items():
        n = len(key)
        for i in starts.get(key[0], ()):
            if tuple(texts[i:i + n]) != key or any(ms.at(j) for j in range(i, i + n)):
                continue
            nxt, prev = doc[i + n] if i + n < len(doc) else None, doc[i - 1] if i else None
            if nxt is not None and nxt.is_title and not nxt.is_sent_start \
                    or prev is not None and prev.is_title and not doc[i].is_sent_start:
                continue  # part of a longer name
            ms.add(i, i + n, e, "repeated")


def short_names(ms: Mentions) -> None:
    """A one-word organisation name ('the Council', 'the Commission') is the one entity of the
    article whose name ends with that word ('United Nations Security Council'), if unique."""
    heads = ms.lex.org_name_heads | ms.lex.state_body_words | ms.lex.armed_group_words  # 'the Movement'
    for m in ms.all():
        label = m.entity.label
        if m.kind not in ("Organization", "ArmedGroup") or " " in label or label.lower() not in heads:
            continue
        hosts = {id(e): e for e in ms.registry.values() if e is not m.entity and " " in e.label and e.kind in (
            "Organization", "Government", "ArmedGroup") and e.label.lower().split()[-1] == label.lower()}
        if len(hosts) == 1:
            ms.merge(m.entity, next(iter(hosts.values())))
