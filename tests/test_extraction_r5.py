"""Regression tests for the mechanisms of round 5 (developed on holdout C: releases, VOA reports,
Wikipedia event articles). Sentences quoted from holdout C are US government works (public
domain) or Wikipedia (CC BY-SA)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


# -- a signed joint text is an agreement -----------------------------------------------------------

def test_signed_joint_statement_is_an_agreement(ex):
    # holdout C 09 (Wikipedia, Singapore Summit)
    x = ex.run("It was the first-ever meeting between leaders of North Korea and the United States. "
               "They signed a joint statement, agreeing to security guarantees for North Korea.")
    facts = ex.facts(x)
    assert ("partyTo", "North Korea", "joint statement") in facts
    assert ("partyTo", "United States", "joint statement") in facts


def test_a_signed_decree_is_no_agreement(ex):
    # own sentence, the construction of devset 08: a decree is signed by one side only
    x = ex.run("On 3 May, the president of Freedonia, Rufus Firefly signed a decree to dissolve the parliament.")
    assert not any(f.predicate == "partyTo" for f in x.facts)
