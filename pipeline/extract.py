"""Find entities and relations in a spaCy Doc (placeholder: entities only; relations come next)."""

from __future__ import annotations

from spacy.tokens import Doc

from .link import load_gazetteer
from .model import Article, Extraction


def extract(doc: Doc, article: Article) -> Extraction:
    gaz = load_gazetteer()
    x = Extraction(article=article)
    seen = {}
    for ent in doc.ents:
        entry = gaz.lookup(ent.text)
        if entry is not None:
            e = seen.setdefault(entry.key, entry.entity())
            e.aliases.add(ent.text)
    x.entities = list(seen.values())
    return x
