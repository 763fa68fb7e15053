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
