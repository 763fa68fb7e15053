"""Extraction quality against the hand-made gold annotations (seed + development set),
measured through the whole pipeline (spaCy, rules, SHACL, store) and read back with SPARQL.
The thresholds are the issues' acceptance criteria; the numbers come from the gold files."""

from __future__ import annotations

import pytest

from geonews.pipeline.evaluate import evaluate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def seed_result(data_dir):
    return evaluate([data_dir / "gold" / "seed.json"])


@pytest.fixture(scope="session")
def dev_result(data_dir):
    return evaluate(sorted((data_dir / "devset" / "gold").glob("*.json")))


def test_seed_fact_f1(seed_result):
    assert seed_result.overall.f1 >= 0.9, seed_result.overall


def test_seed_wikidata_links_all_right_and_none_wrong(seed_result):
    assert seed_result.links_wrong == []
    assert seed_result.links_right == seed_result.links_total > 0


def test_every_published_fact_has_exact_evidence(seed_result, dev_result):
    for res in (seed_result, dev_result):
        assert res.published > 0
        assert res.evidence_ok == res.published


def test_devset_fact_precision_and_recall(dev_result):
    overall = dev_result.overall
    assert overall.precision >= 0.9, overall
    assert overall.recall >= 0.7, overall


def test_devset_entity_recall(dev_result):
    assert dev_result.entities_found / dev_result.entities_total >= 0.9


def test_devset_link_accuracy_and_no_wrong_link(dev_result):
    assert dev_result.links_wrong == []
    assert dev_result.links_right / dev_result.links_total >= 0.95
