"""Confidence as a calibrated probability that a fact is right.

Each fact carries features of how it was found (the pattern's base strength, hedging, how far
apart its arguments are, whether an argument was resolved from outside its sentence or through a
reference such as a pronoun or an acronym, an unnamed agreement, gazetteer links, the relation).
A small logistic model over them, fitted on the gold annotations and stored as data
(`data/confidence.json`, refitted with `geonews eval --fit-confidence`), turns them into the
published `geonews:confidence`, so that `min_confidence` trades recall for precision predictably.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from geonews.ontology import RELATIONS

#: Mention sources (the passes of nlp.resolve) that resolve a reference rather than read a name.
REFERENCE_SOURCES = frozenset({"anaphora", "surname", "acronym", "title", "metonym"})
NUMERIC = ("base_logit", "hedged", "far", "log_distance", "outside", "by_reference",
           "unnamed_agreement", "unlinked", "log_sentence")
FEATURES = ("bias", *NUMERIC, *(f"relation={r}" for r in RELATIONS))


def logit(p: float) -> float:
    p = min(0.99, max(0.01, p))
    return math.log(p / (1 - p))


def vector(features: dict[str, float]) -> list[float]:
    """The model's input for a fact's features (unknown relations have no indicator)."""
    return [1.0 if name == "bias" else float(features.get(name, 0.0)) for name in FEATURES]


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    trained_on: str = ""

    def probability(self, features: dict[str, float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, vector(features), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class ModelError(ValueError):
    """data/confidence.json does not fit the features this code computes."""


def parse_model(data: dict) -> Model:
    names, weights = data.get("features"), data.get("weights")
    if names != list(FEATURES) or not isinstance(weights, list) or len(weights) != len(FEATURES):
        raise ModelError("confidence.json was fitted for other features than relations/confidence.py "
                         "computes: refit it with `geonews eval --fit-confidence`")
    return Model(tuple(float(w) for w in weights), str(data.get("trained_on", "")))


@lru_cache(maxsize=1)
def model() -> Model:
    text = files("geonews.pipeline").joinpath("data", "confidence.json").read_text(encoding="utf-8")
    return parse_model(json.loads(text))


def calibrated(features: dict[str, float]) -> float:
    """The published confidence: the model's probability, rounded, within [0.05, 0.99]."""
    return round(min(0.99, max(0.05, model().probability(features))), 2)
