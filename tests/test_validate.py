"""Per-article validation: rejected facts are left out, the rest of the article is published."""

from __future__ import annotations

from geonews.pipeline.model import Article, Entity, Extraction, Fact, Offsets
from geonews.pipeline.rdf.iris import Minter
from geonews.pipeline.rdf.validate import validate_article

TEXT = "Peace deal\n\nTurkey and the GNA signed a maritime agreement. Turkey backs the GNA."


def _extraction(confidence: float) -> Extraction:
    turkey = Entity("State", "Turkey", qid="Q43")
    gna = Entity("Government", "Government of National Accord")
    deal = Entity("Agreement", "maritime agreement", scope="abc")
    first = TEXT.index("Turkey and")
    second = TEXT.index("Turkey backs")
    facts = [
        Fact("partyTo", turkey, deal, Offsets(first, second - 1), confidence, "test"),
        Fact("supports", turkey, gna, Offsets(second, len(TEXT)), 0.8, "test"),
    ]
    return Extraction(Article(id="v", title="Peace deal", text=TEXT), [turkey, gna, deal], facts)


def test_valid_extraction_publishes_everything():
    graphs, rejected, leftover = validate_article(Minter("http://example.org"), _extraction(0.9))
    assert rejected == [] and leftover == []
    assert len(graphs.claims) == 2


def test_rejected_fact_is_left_out_and_its_orphan_agreement_with_it():
    m = Minter("http://example.org")
    graphs, rejected, leftover = validate_article(m, _extraction(1.7))  # confidence outside [0, 1]
    assert [r.fact.predicate for r in rejected] == ["partyTo"]
    assert leftover == [], "the article is still published"
    assert [f.predicate for f in graphs.claims.values()] == ["supports"]
    deal = m.entity(Entity("Agreement", "maritime agreement", scope="abc"))
    assert (None, None, deal) not in graphs.graph, "the agreement without a party is not listed"
