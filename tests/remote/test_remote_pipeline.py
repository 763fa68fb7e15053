"""`geonews ingest`, re-ingest, `export` and `validate` with `--store URL` on the Oxigraph server
and on Virtuoso give the embedded store's quads (fixtures and the sequence: conftest.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow
ARTICLE = "https://w3id.org/geonews/ontology#Article"
BASE = "http://news.example.org"


def test_ingest_publishes_every_article_on_the_server(remote, embedded, direct):
    assert remote.first.returncode == embedded.first.returncode == 0, remote.first.stderr
    assert remote.first.stdout == embedded.first.stdout  # the same facts, the same IRIs
    assert "3 article(s) ingested, 0 skipped" in remote.first.stdout
    rows = direct(remote.store, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{ARTICLE}> }} }}")["results"]["bindings"]
    assert len({r["g"]["value"] for r in rows}) == 3


def test_reingest_replaces_the_article_graph(remote, embedded):
    """The edited article's graph lost the facts of the paragraph that was cut, as embedded."""
    assert remote.again.returncode == 0, remote.again.stderr
    assert remote.again.stdout == embedded.again.stdout and "1 article(s) ingested" in remote.again.stdout
    assert remote.iri == embedded.iri
    after = remote.graph(remote.iri, literals=True)
    assert len(after) < len(remote.before), "the edited article should have lost triples"
    assert after == embedded.graph(remote.iri, literals=True)
    assert remote.before == embedded.before
    if not remote.literals:  # Oxigraph keeps every literal as it was written
        assert remote.graph(remote.iri) == embedded.graph(remote.iri)


def test_export_has_the_embedded_stores_quads(remote, embedded_export, cli, canon, tmp_path):
    out = tmp_path / "export.nq"
    env = {"GEONEWS_BASE": BASE, "GEONEWS_STORE_PAGE_ROWS": "100"}
    proc = cli("export", "--store", remote.store, "--format", "nquads", "-o", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    mine, theirs = canon(out.read_bytes(), remote.literals), canon(embedded_export, remote.literals)
    assert sorted(mine) == sorted(theirs)
    assert {f"{BASE}/graph/entities", f"{BASE}/graph/ontology"} <= mine.keys()
    assert not [g for g in mine if g.startswith(("urn:geonews:", "http://www.openlinksw.com/"))]
    for name in mine:
        assert mine[name] == theirs[name], name
    if remote.kind == "virtuoso":  # the ontology and the entities were read in pages of 100 triples
        assert min(len(mine[f"{BASE}/graph/{g}"]) for g in ("ontology", "entities")) > 100


def test_validate_against_the_server_exits_0(remote, cli):
    proc = cli("validate", "--store", remote.store, env={"GEONEWS_BASE": BASE, "GEONEWS_STORE_PAGE_ROWS": "100"})
    assert proc.returncode == 0, proc.stderr
    assert "3 graph(s) checked, 0 with violations" in proc.stdout


def test_a_failed_replace_on_virtuoso_leaves_the_old_graph(virtuoso_url, monkeypatch):
    """Virtuoso runs a request's operations one by one and keeps those before a failing one. The
    failure is a real one of the server (DROP GRAPH, without SILENT, of a graph never created),
    added at the end of a request: after the embedded store's single request the graph is already
    replaced (shown first); after a failing first request of the staged replace it is untouched
    and the staging graphs are gone."""
    from rdflib import Graph, Literal, URIRef

    from geonews.pipeline.errors import StoreError
    from geonews.pipeline.store import RemoteStore, remote
    from geonews.pipeline.store.base import replace_graph_request

    failing = " ;\nDROP GRAPH <http://example.org/never-created>"
    s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    old, new = Graph(), Graph()
    old.add((s, p, Literal("old")))
    new.add((s, p, Literal("new")))
    g = "http://example.org/test/replace"
    with RemoteStore(virtuoso_url) as store:
        store.replace_graph(g, old)
        with pytest.raises(StoreError):
            store.update(replace_graph_request(g, new) + failing)
        assert {str(o) for _, _, o in store.graph(g)} == {"new"}, "the quirk is gone: staging may not be needed"
        store.replace_graph(g, old)
        staged = remote.staged_replace_requests
        monkeypatch.setattr(remote, "staged_replace_requests",
                            lambda *args: (staged(*args)[0] + failing, staged(*args)[1]))
        with pytest.raises(StoreError):
            store.replace_graph(g, new)
        assert {str(o) for _, _, o in store.graph(g)} == {"old"}
        assert store._count("GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:geonews:staging'))") == 0
        store.drop_graph(g)
