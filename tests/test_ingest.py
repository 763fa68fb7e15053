"""Publishing: per-article validation, rejected facts, untouched store on failure, the ontology graph."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef
from rdflib.compare import isomorphic

from geonews.ontology import GN, load_ontology
from geonews.pipeline import ingest as ingest_module
from geonews.pipeline.errors import StoreError
from geonews.pipeline.ingest import ensure_ontology, ingest, publish
from geonews.pipeline.model import Article, Entity, Extraction, Fact, Offsets
from geonews.pipeline.rdf.iris import Minter
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore

INPUT = Path(__file__).parent / "data" / "input"
TEXT = "Turkey supports the Government of National Accord, the ministry said."


def dump(gs: GraphStore) -> list[str]:
    buf = io.BytesIO()
    gs.dump(buf, "nquads")
    return sorted(buf.getvalue().decode("utf-8").splitlines())


@pytest.fixture()
def env(tmp_path):
    settings = Settings.from_env({}, store=str(tmp_path / "store"))
    gs = GraphStore(settings.store)
    yield settings, gs, Minter(settings.base)
    gs.close()


def extraction(article_id: str = "t1", confidence: float = 0.9, qid: str | None = "Q43") -> Extraction:
    turkey = Entity("State", "Turkey", qid=qid, aliases={"Turkey"})
    gna = Entity("Government", "Government of National Accord", aliases={"Government of National Accord"})
    a = Article(id=article_id, title="Turkey backs the GNA", text=TEXT, origin=f"{article_id}.json")
    sentence = Offsets(0, len(TEXT))
    return Extraction(article=a, entities=[turkey, gna],
                      facts=[Fact("supports", turkey, gna, sentence, confidence, "test")])


def test_publish_a_valid_extraction(env):
    settings, gs, m = env
    x = extraction()
    report = publish(gs, m, settings, x)
    assert report.error is None and report.rejected == [] and report.exit_code == 0
    assert report.iri == str(m.article(x.article)) and report.published == 1
    g = gs.graph(report.iri)
    s, o = m.entity(x.facts[0].subject), m.entity(x.facts[0].object)
    assert (s, GN.supports, o) in g
    assert len(list(g.subjects(GN.evidence, Literal(TEXT)))) == 1


def test_a_fact_the_shapes_reject_is_left_out_and_reported(env):
    settings, gs, m = env
    x = extraction(confidence=1.5)  # geonews:confidence must be in [0, 1]
    report = publish(gs, m, settings, x)
    assert report.error is None and report.exit_code == 1
    assert [r.fact.predicate for r in report.rejected] == ["supports"]
    assert all(r.reasons for r in report.rejected)
    g = gs.graph(report.iri)
    art = URIRef(report.iri)
    assert (art, GN.rejectedFacts, Literal(1, datatype=XSD.integer)) in g
    assert not list(g.triples((None, GN.supports, None)))
    assert "supports(Turkey, Government of National Accord)" in str(g.value(art, GN.validationReport))


def test_an_article_with_violations_no_fact_explains_leaves_the_store_untouched(env):
    settings, gs, m = env
    publish(gs, m, settings, extraction("other"))
    before = dump(gs)
    report = publish(gs, m, settings, extraction("t2", qid="not-a-qid"))  # owl:sameAs outside Wikidata's Q ids
    assert report.exit_code == 2 and report.error.startswith("not published")
    assert report.violations
    assert dump(gs) == before


def test_min_confidence_drops_facts_before_publishing(env):
    settings, gs, m = env
    report = publish(gs, m, settings.replace(min_confidence=0.95), extraction(confidence=0.9))
    assert report.exit_code == 0 and report.published == 0
    assert not list(gs.graph(report.iri).triples((None, GN.supports, None)))


def test_ontology_graph_is_written_once_and_not_rewritten(env):
    settings, gs, _ = env
    ensure_ontology(gs, settings)
    first = dump(gs)
    assert isomorphic(gs.graph(settings.ontology_graph), load_ontology())
    ensure_ontology(gs, settings)
    assert dump(gs) == first  # blank nodes of OWL lists are not re-minted


def test_unreadable_files_are_reported_and_others_published(env, nlp):
    settings, gs, _ = env
    progress_calls = []

    def progress(it, total=None):
        progress_calls.append(total)
        return it

    reports = ingest(settings, [INPUT / "empty.txt", INPUT / "good.txt", INPUT / "mixed.jsonl"], store=gs,
                     progress=progress)
    by_origin = {r.origin: r for r in reports}
    assert by_origin[str(INPUT / "empty.txt")].exit_code == 2
    assert by_origin[f"{INPUT / 'mixed.jsonl'}:2"].exit_code == 2
    published = [r for r in reports if r.error is None]
    assert sorted(r.origin for r in published) == sorted(
        [str(INPUT / "good.txt"), f"{INPUT / 'mixed.jsonl'}:1", f"{INPUT / 'mixed.jsonl'}:4"])
    assert progress_calls == [3]
    assert {r.iri for r in published} <= set(gs.named_graphs())


def test_a_store_failure_is_reported_for_that_article_only(env, nlp, monkeypatch):
    settings, gs, _ = env
    real = GraphStore.replace_graph

    def flaky(self, graph, *args, **kwargs):
        if "good.json" in current[0]:
            raise StoreError("disk full (simulated)")
        return real(self, graph, *args, **kwargs)

    current = [""]
    real_commit = ingest_module.commit

    def tracking_commit(store, s, p):
        current[0] = p.report.origin
        return real_commit(store, s, p)

    monkeypatch.setattr(GraphStore, "replace_graph", flaky)
    monkeypatch.setattr(ingest_module, "commit", tracking_commit)
    reports = ingest(settings, [INPUT / "good.json", INPUT / "good.txt"], store=gs)
    errors = {r.origin: r.error for r in reports}
    assert errors[str(INPUT / "good.json")] == "disk full (simulated)"
    assert errors[str(INPUT / "good.txt")] is None


def test_ingest_closes_the_store_it_opened(tmp_path, nlp):
    settings = Settings.from_env({}, store=str(tmp_path / "store"))
    ingest(settings, [INPUT / "good.txt"])
    with GraphStore(settings.store) as gs:  # would fail with a lock error if still open
        assert len(gs) > 0
