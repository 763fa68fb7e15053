"""One entity per name within an article, whatever the NER made of each occurrence: the small
model reads 'Al-Shabab' at a sentence start as an armed group and a later 'al-Shabab' as a
person; the gazetteer knows the first, the second is the NER's own guess."""

from __future__ import annotations

from ..model import Entity
from .mentions import Mentions


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
