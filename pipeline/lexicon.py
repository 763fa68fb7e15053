"""Word lists used by the extraction rules, loaded once from data/lexicon.json."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files


class Lexicon:
    """Attribute access to frozen sets of lower-case words: LEX.support_verbs, LEX.titles, ..."""

    def __init__(self, data: dict[str, list[str]]):
        for key, words in data.items():
            if not key.startswith("_"):
                setattr(self, key, frozenset(w.lower() for w in words))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = files("geonews.pipeline").joinpath("data", "lexicon.json").read_text(encoding="utf-8")
    return Lexicon(json.loads(text))
