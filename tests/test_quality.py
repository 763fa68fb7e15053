"""Extraction quality against the hand-made gold annotations (the seed and the openly licensed
articles of both development sets), measured through the whole pipeline (spaCy, rules, SHACL,
store) and read back with SPARQL. The thresholds are the issues' acceptance criteria; the
numbers come from the gold files (optional gold facts count neither way)."""

from __future__ import annotations

import pytest

from geonews.pipeline.evaluation import evaluate

pytestmark = pytest.mark.slow
SETS = ("devset", "devset2")


@pytest.fixture(scope="session")
def seed_result(data_dir):
    return evaluate([data_dir / "gold" / "seed.json"])


@pytest.fixture(scope="session")
def dev_results(data_dir):
    return {name: evaluate(sorted((data_dir / name / "gold").glob("*.json"))) for name in SETS}


def test_seed_fact_f1(seed_result):
    assert seed_result.overall.f1 >= 0.9, seed_result.overall


def test_seed_wikidata_links_all_right_and_none_wrong(seed_result):
    assert seed_result.links_wrong == []
    assert seed_result.links_right == seed_result.links_total > 0


def test_every_published_fact_has_exact_evidence_and_no_article_is_refused(seed_result, dev_results):
    for res in (seed_result, *dev_results.values()):
        assert res.published > 0
        assert res.evidence_ok == res.published
        assert res.refused == []


@pytest.mark.parametrize("name", SETS)
def test_devset_fact_precision_and_recall(dev_results, name):
    overall = dev_results[name].overall
    assert overall.precision >= 0.9, overall
    assert overall.recall >= 0.75, overall


@pytest.mark.parametrize("name", SETS)
def test_devset_entity_recall(dev_results, name):
    res = dev_results[name]
    assert res.entities_found / res.entities_total >= 0.9, res.missed_entities


@pytest.mark.parametrize("name", SETS)
def test_devset_link_accuracy_and_no_wrong_link(dev_results, name):
    res = dev_results[name]
    assert res.links_wrong == []
    assert res.links_right / res.links_total >= 0.95, res.links_missing


HOLDOUTS = ("holdout-a", "holdout-b", "holdout-c", "holdout-d", "holdout-e", "holdout-f", "holdout-g", "holdout-h",
            "holdout-i", "holdout-j", "holdout-k", "holdout-l", "holdout-m", "holdout-n", "holdout-o",
            "holdout-p", "holdout-q", "holdout-r",
            "holdout-s", "holdout-t", "holdout-u", "holdout-v", "holdout-w")


@pytest.fixture(scope="session")
def holdout_results(data_dir):
    return {name: evaluate(sorted((data_dir / name / "gold").glob("*.json"))) for name in HOLDOUTS}


@pytest.mark.parametrize("name", HOLDOUTS)
def test_holdout_articles_all_published_with_evidence_and_at_most_one_wrong_link(holdout_results, name):
    # the hidden sets' criteria a rule cannot be tuned to: no article refused, evidence on every
    # published fact, Wikidata links with at most one wrong
    res = holdout_results[name]
    assert res.refused == []
    assert res.published > 0 and res.evidence_ok == res.published
    assert len(res.links_wrong) <= 1, res.links_wrong
