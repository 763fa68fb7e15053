"""The confidence model: its data fits the features the code computes, fitting learns from right
and wrong facts, and the samples it learns from are labelled as `geonews eval` scores them."""

from __future__ import annotations

import json
import random

import pytest

from geonews.pipeline.evaluation import evaluate
from geonews.pipeline.evaluation.calibrate import Sample, fit, samples
from geonews.pipeline.relations.confidence import FEATURES, ModelError, calibrated, model, parse_model


def test_the_packaged_model_fits_the_features_and_gives_probabilities():
    m = model()
    assert len(m.weights) == len(FEATURES)
    for feats in ({}, {"base_logit": 3.0, "relation=supports": 1.0}, {"far": 1.0, "outside": 1.0}):
        assert 0.05 <= calibrated(feats) <= 0.99


def test_a_model_for_other_features_is_refused():
    with pytest.raises(ModelError, match="refit"):
        parse_model({"features": ["bias", "something_else"], "weights": [0.0, 1.0]})


def test_fitting_learns_which_features_make_facts_wrong():
    rng = random.Random(7)
    data = []
    for _ in range(400):
        far, hedged = rng.random() < 0.3, rng.random() < 0.2
        right = rng.random() < (0.45 if far else 0.95)  # far-apart arguments are often wrong
        data.append(Sample("g", {"far": float(far), "hedged": float(hedged), "base_logit": 1.0}, right))
    m = fit(data)
    near, far = m.probability({"base_logit": 1.0}), m.probability({"base_logit": 1.0, "far": 1.0})
    assert near > 0.85 and far < 0.6
    assert abs(m.probability({"base_logit": 1.0, "hedged": 1.0}) - near) < 0.1  # hedging told nothing here


def test_a_penalty_never_becomes_a_bonus_and_fixed_weights_are_held():
    rng = random.Random(3)
    data = []
    for _ in range(400):
        outside = rng.random() < 0.3
        right = rng.random() < (0.99 if outside else 0.7)  # here facts from outside the sentence look better
        data.append(Sample("g", {"outside": float(outside), "hedged": float(rng.random() < 0.2)}, right))
    free = fit(data)
    assert free.weights[FEATURES.index("outside")] > 0.5
    m = fit(data, penalties=("outside",), fixed={"hedged": -0.5})
    assert m.weights[FEATURES.index("outside")] == 0.0
    assert m.weights[FEATURES.index("hedged")] == -0.5
    assert m.probability({"hedged": 1.0}) < m.probability({})


@pytest.mark.slow
def test_samples_are_labelled_as_eval_scores_them(data_dir):
    golds = sorted((data_dir / "devset" / "gold").glob("*.json"))
    res = evaluate(golds)
    data = samples(golds)
    assert sum(s.correct for s in data) == res.overall.tp
    assert sum(not s.correct for s in data) == res.overall.fp
    assert all(set(s.features) >= {"base_logit", "outside", "unlinked"} for s in data)


def test_the_packaged_model_says_what_it_was_trained_on():
    from importlib.resources import files

    data = json.loads(files("geonews.pipeline").joinpath("data", "confidence.json").read_text())
    assert data["trained_on"] and data["features"] == list(FEATURES)
