"""Fit the confidence model (relations/confidence.py) on gold annotations: `geonews eval
--fit-confidence FILE`. Each published fact of each gold article is a sample: its features and
whether the gold states it (facts matching an optional gold fact are left out). A logistic
regression with an L2 penalty (no penalty on the intercept) is fitted by Newton's method, with
the penalties (hedging, distance, references) kept from becoming bonuses.
Leaving each gold folder out in turn shows how the fitted confidence ranks facts of a set it
did not see."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..articles import load
from ..extract import extract
from ..nlp import load_pipeline
from ..rdf.iris import Minter
from ..relations.confidence import FEATURES, Model, vector
from .gold import load_gold
from .predicted import PredEntity, PredFact
from .scoring import ArticleScorer, Score

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


@dataclass
class Sample:
    group: str  # the gold folder it comes from
    features: dict[str, float]
    correct: bool


def samples(gold_paths: list[Path], base: str = "http://127.0.0.1:5000") -> list[Sample]:
    nlp, minter, out = load_pipeline(), Minter(base), []
    for path in gold_paths:
        gold = load_gold(path)
        [article], _ = load(gold.text_path)
        x = extract(nlp(article.text), article)
        ents: dict[str, PredEntity] = {}
        for e in [*x.entities, *(f.subject for f in x.facts), *(f.object for f in x.facts)]:
            if e.kind == "Post" and e.post_in is not None:
                e = e.post_in
            iri = str(minter.entity(e))
            ents.setdefault(iri, PredEntity(iri, e.kind, {e.label, *e.aliases}, e.qid, e.label))
        facts, feats = [], {}
        for f in x.facts:
            obj = f.object.post_in if f.predicate == "holdsPost" and f.object.post_in else f.object
            p = PredFact(f.predicate, str(minter.entity(f.subject)), str(minter.entity(obj)), None,
                         None, None, None, f.confidence, f.pattern)
            facts.append(p)
            feats[id(p)] = f.features
        text = gold.text_path.read_text(encoding="utf-8").removeprefix("\ufeff")
        for p, correct in ArticleScorer(gold, text, ents, facts).labels():
            out.append(Sample(str(path.parent), feats[id(p)], correct))
    return out


#: Features that only ever describe a weaker reading: the fit may not turn them into a bonus.
PENALTIES = ("hedged", "far", "log_distance", "outside", "by_reference", "unnamed_agreement", "unlinked")
#: Weights set by design, not fitted: ANNOTATION.md counts a hedged statement ("reportedly backed")
#: as a fact, so the gold cannot say how much less sure a report is than a plain statement.
FIXED = {"hedged": -0.5}


def fit(data: list[Sample], l2: float = 2.0, steps: int = 50, penalties: tuple[str, ...] = (),
        fixed: dict[str, float] | None = None) -> Model:
    """Logistic regression by Newton's method. Weights in `fixed` are held; a feature in
    `penalties` whose weight comes out positive is held at 0 and the rest refitted (an active set)."""
    x = np.array([vector(s.features) for s in data], dtype=float)
    y = np.array([1.0 if s.correct else 0.0 for s in data])
    held = {FEATURES.index(k): v for k, v in (fixed or {}).items()}
    while True:
        w = _newton(x, y, l2, steps, held)
        wrong = [i for i in (FEATURES.index(k) for k in penalties) if i not in held and w[i] > 0]
        if not wrong:
            return Model(tuple(float(v) for v in w))
        held.update(dict.fromkeys(wrong, 0.0))


def _newton(x: np.ndarray, y: np.ndarray, l2: float, steps: int, held: dict[int, float]) -> np.ndarray:
    free = [i for i in range(x.shape[1]) if i not in held]
    w = np.zeros(x.shape[1])
    for i, v in held.items():
        w[i] = v
    penalty = np.array([0.0 if FEATURES[i] == "bias" else l2 for i in free])
    xf = x[:, free]
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = xf.T @ (p - y) + penalty * w[free]
        hess = (xf * (p * (1 - p))[:, None]).T @ xf + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w[free] -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def at_thresholds(model: Model, data: list[Sample]) -> list[tuple[float, Score]]:
    """Precision/recall (of the published facts) if only facts at or above each threshold were kept."""
    out = []
    total_right = sum(s.correct for s in data)
    for t in THRESHOLDS:
        kept = [s for s in data if model.probability(s.features) >= t]
        right = sum(s.correct for s in kept)
        out.append((t, Score(tp=right, fp=len(kept) - right, fn=total_right - right)))
    return out


def cross_check(data: list[Sample]) -> list[str]:
    """Leave each gold folder out: fit on the others, report thresholds on it."""
    lines = []
    for group in sorted({s.group for s in data}):
        train = [s for s in data if s.group != group]
        test = [s for s in data if s.group == group]
        if not train or not test or all(s.correct for s in train):
            continue
        m = fit(train, penalties=PENALTIES, fixed=FIXED)
        cells = ", ".join(f">={t:.2f}: P {s.precision:.3f} kept {s.tp + s.fp}" for t, s in at_thresholds(m, test))
        lines.append(f"held out {group} ({len(test)} facts, {sum(not s.correct for s in test)} wrong): {cells}")
    return lines
