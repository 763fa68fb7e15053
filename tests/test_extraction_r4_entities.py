"""Regression tests for the entity mechanisms of round 3 (holdout B: releases and readouts):
abbreviated titles before names, person names the NER cut on the left. Sentences quoted from
holdout B are US government works (public domain) or Wikipedia (CC BY-SA)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _entities(x) -> set[tuple[str, str]]:
    return {(e.kind, e.label) for e in x.entities if e.kind != "Post"}


# -- abbreviated titles --------------------------------------------------------------------------

def test_abbreviated_rank_neither_ends_the_sentence_nor_is_a_name(ex):
    # holdout B 05 (DoD readout): 'Brig.' was split off as a sentence and tagged as a person
    x = ex.run("Pentagon Press Secretary Brig. Gen. Pat Ryder provided the following readout:")
    assert ("holdsPost", "Pat Ryder", "Pentagon") in ex.facts(x)
    assert not any("Brig" in label for _, label in _entities(x))


def test_abbreviated_ranks_are_one_token(nlp):
    doc = nlp("The convoy was led by Lt. Col. Ahmed Musa of the army. It reached the border at dawn.")
    assert [s.text for s in doc.sents][0] == "The convoy was led by Lt. Col. Ahmed Musa of the army."
    assert "Ahmed Musa" in {e.text for e in doc.ents}

