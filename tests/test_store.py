"""The store: graph replacement in one transaction, idempotent re-ingest, one label per entity."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from geonews.ontology import GN
from geonews.pipeline.errors import StoreError
from geonews.pipeline.ingest import ingest
from geonews.pipeline.rdf.checks import read_dataset
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore

ROOT = Path(__file__).parent.parent
INPUT = Path(__file__).parent / "data" / "input"
SEED = ROOT / "seeds" / "seed-article.txt"
EX = "http://example.org/"


def nquads(store: Path | GraphStore) -> list[str]:
    """The whole dataset as sorted N-Quads lines."""
    gs = store if isinstance(store, GraphStore) else GraphStore(store, read_only=True)
    buf = io.BytesIO()
    gs.dump(buf, "nquads")
    return sorted(line for line in buf.getvalue().decode("utf-8").splitlines() if line.strip())


def select(store: Path, sparql: str) -> list[tuple]:
    gs = GraphStore(store, read_only=True)
    return [tuple(None if v is None else v.value for v in row) for row in gs.query(sparql)]


def triples(*spo: tuple) -> Graph:
    g = Graph()
    for s, p, o in spo:
        g.add((URIRef(EX + s), URIRef(EX + p), o if isinstance(o, Literal) else URIRef(EX + o)))
    return g


# -- GraphStore itself --------------------------------------------------------------------------

def test_replace_graph_replaces_only_that_graph(tmp_path):
    gs = GraphStore(tmp_path / "s")
    gs.replace_graph(EX + "g1", triples(("a", "p", "b"), ("a", "p", "c")))
    gs.replace_graph(EX + "g2", triples(("x", "p", "y")))
    gs.replace_graph(EX + "g1", triples(("a", "q", Literal("new"))))
    assert set(gs.graph(EX + "g1")) == set(triples(("a", "q", Literal("new"))))
    assert set(gs.graph(EX + "g2")) == set(triples(("x", "p", "y")))
    assert gs.named_graphs() == [EX + "g1", EX + "g2"]
    assert len(gs) == 2


def test_a_failing_update_leaves_the_store_untouched(tmp_path):
    gs = GraphStore(tmp_path / "s")
    gs.replace_graph(EX + "g", triples(("a", "p", "b")))
    before = nquads(gs)
    bad = triples(("a", "p", "c"))
    bad.add((URIRef(EX + "has a space"), URIRef(EX + "p"), Literal("x")))  # not a valid IRI in SPARQL
    with pytest.raises(StoreError):
        gs.replace_graph(EX + "g", bad)
    assert nquads(gs) == before  # the DROP of the same request did not happen either


def test_read_only_store_refuses_writes_and_missing_store_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        GraphStore(tmp_path / "missing", read_only=True)
    w = GraphStore(tmp_path / "s")
    w.replace_graph(EX + "g", triples(("a", "p", "b")))
    w.flush()
    del w
    ro = GraphStore(tmp_path / "s", read_only=True)
    assert len(ro) == 1
    with pytest.raises(StoreError, match="read-only"):
        ro.replace_graph(EX + "g", Graph())


def test_entity_keeps_its_first_label_and_later_labels_become_alt_labels(tmp_path):
    gs = GraphStore(tmp_path / "s")
    ents = EX + "graph/entities"
    turkey = URIRef(EX + "id/state/turkey")
    for n, label in enumerate(["Turkey", "Türkiye", "Turkey"]):
        desc = Graph()
        desc.add((turkey, RDF.type, GN.State))
        desc.add((turkey, RDFS.label, Literal(label, lang="en")))
        gs.replace_graph(f"{EX}article/{n}", triples(("art", "mentions", "id/state/turkey")), desc, ents)
    g = gs.graph(ents)
    assert list(g.objects(turkey, RDFS.label)) == [Literal("Turkey", lang="en")]
    assert set(g.objects(turkey, SKOS.altLabel)) == {Literal("Türkiye", lang="en")}
    assert len(list(g.objects(turkey, RDF.type))) == 1


def test_two_labels_in_one_request_still_give_one_label(tmp_path):
    gs = GraphStore(tmp_path / "s")
    ents = EX + "graph/entities"
    e = URIRef(EX + "id/state/x")
    desc = Graph()
    desc.add((e, RDFS.label, Literal("X one", lang="en")))
    desc.add((e, RDFS.label, Literal("X two", lang="en")))
    gs.replace_graph(EX + "article/1", Graph(), desc, ents)
    g = gs.graph(ents)
    assert len(list(g.objects(e, RDFS.label))) == 1
    assert len(set(g.objects(e, RDFS.label)) | set(g.objects(e, SKOS.altLabel))) == 2


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples"])
def test_dump_formats(tmp_path, fmt):
    gs = GraphStore(tmp_path / "s")
    gs.replace_graph(EX + "g1", triples(("a", "p", "b"), ("a", "p", Literal("é \"q\""))))
    gs.replace_graph(EX + "g2", triples(("a", "p", "b")))  # the same triple in two graphs
    out = tmp_path / f"out.{fmt}"
    gs.dump(str(out), fmt)
    assert count_parsed(out, fmt) == (3 if fmt in ("trig", "nquads") else 2)


def count_parsed(path: Path, fmt: str) -> int:
    """Quads (trig, nquads) or triples (turtle, ntriples) in a file, as rdflib parses it."""
    rdflib_format = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt"}[fmt]
    if fmt in ("turtle", "ntriples"):
        return len(Graph().parse(path, format=rdflib_format))
    ds = read_dataset([path])
    return sum(1 for _ in ds.quads((None, None, None, None)))


# -- through the pipeline ------------------------------------------------------------------------

@pytest.mark.slow
def test_reingesting_the_seed_is_idempotent(cli, store_copy):
    before = nquads(store_copy)
    graphs = GraphStore(store_copy, read_only=True).named_graphs()
    assert before, "the seed store is empty"
    proc = cli("ingest", "--quiet", "--store", str(store_copy), str(ROOT / "seeds"))
    assert proc.returncode in (0, 1), proc.stderr
    after = nquads(store_copy)
    assert after == before  # same quads, so the same graph IRIs and claim IRIs
    assert GraphStore(store_copy, read_only=True).named_graphs() == graphs


@pytest.mark.slow
def test_failing_articles_leave_the_store_untouched(cli, store_copy):
    before = nquads(store_copy)
    bad = [INPUT / n for n in ("empty.txt", "binary.txt", "latin1.txt", "malformed.json", "missing-text.json")]
    proc = cli("ingest", "--store", str(store_copy), *map(str, bad))
    assert proc.returncode == 2
    assert nquads(store_copy) == before


def _claims(store: Path) -> list[tuple]:
    return select(store, """
        PREFIX geonews: <https://w3id.org/geonews/ontology#>
        SELECT ?c ?ev ?b ?e WHERE { ?c a geonews:Claim ; geonews:evidence ?ev ;
                                       geonews:beginIndex ?b ; geonews:endIndex ?e }""")


@pytest.mark.slow
def test_claim_offsets_index_into_the_whole_txt_file(seed_store):
    text = SEED.read_bytes().decode("utf-8").removeprefix("\ufeff")
    claims = _claims(seed_store[0])
    n_claims = select(seed_store[0], "PREFIX geonews: <https://w3id.org/geonews/ontology#> "
                                     "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a geonews:Claim }")[0][0]
    assert len({c for c, *_ in claims}) == int(n_claims), "some Claims lack evidence or offsets"
    assert claims, "the pipeline published no claims for the seed article"
    for c, evidence, begin, end in claims:
        assert text[int(begin):int(end)] == evidence, c


@pytest.fixture(scope="module")
def json_store(tmp_path_factory, nlp) -> tuple[Path, Settings, Path]:
    """A store holding the seed, the good JSON article, and then a modified version of it (same id)."""
    root = tmp_path_factory.mktemp("json-store")
    settings = Settings.from_env({}, store=str(root / "store"))
    first = ingest(settings, [SEED, INPUT / "good.json", INPUT / "good.txt"])
    assert all(r.error is None for r in first), [r.error for r in first]
    return root / "store", settings, first


@pytest.mark.slow
def test_every_entity_has_exactly_one_label_stored_once(json_store):
    store, settings, _ = json_store
    ents = settings.entities_graph
    several = select(store, f"""
        SELECT ?s (COUNT(?l) AS ?n) WHERE {{ GRAPH <{ents}> {{ ?s a ?t . ?s <{RDFS.label}> ?l }} }}
        GROUP BY ?s HAVING (COUNT(?l) != 1)""")
    assert several == []
    unlabelled = select(store, f"""SELECT DISTINCT ?s WHERE {{ GRAPH <{ents}> {{ ?s a ?t
        FILTER NOT EXISTS {{ ?s <{RDFS.label}> ?l }} }} }}""")
    assert unlabelled == []
    elsewhere = select(store, f"""
        SELECT DISTINCT ?s ?g WHERE {{ GRAPH <{ents}> {{ ?s a ?t }} GRAPH ?g {{ ?s <{RDFS.label}> ?l }}
                                      FILTER(?g != <{ents}>) }}""")
    assert elsewhere == [], "entity labels are repeated outside the entities graph"


@pytest.mark.slow
def test_reingesting_a_modified_json_article_replaces_its_graph(json_store, tmp_path):
    store, settings, first = json_store
    record = json.loads((INPUT / "good.json").read_text(encoding="utf-8"))
    iri = next(r.iri for r in first if r.origin.endswith("good.json"))
    old_title = record["title"]
    record.update(title="Turkey recalls its ambassador", text="Turkey recalled its ambassador to Egypt.\n")
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(record), encoding="utf-8")
    graphs_before = GraphStore(store, read_only=True).named_graphs()

    [report] = ingest(settings, [changed])
    assert report.error is None and report.iri == iri
    assert GraphStore(store, read_only=True).named_graphs() == graphs_before
    g = GraphStore(store, read_only=True).graph(iri)
    assert {str(t) for t in g.objects(URIRef(iri), URIRef("http://purl.org/dc/terms/title"))} == {record["title"]}
    assert not bool(GraphStore(store, read_only=True).query(f'ASK {{ GRAPH ?g {{ ?s ?p "{old_title}"@en }} }}')), \
        "the old title is still in the store"
    for evidence in g.objects(None, GN.evidence):
        assert str(evidence) in record["text"]


@pytest.mark.slow
def test_ingesting_into_a_passed_empty_store(tmp_path, nlp):
    """An empty GraphStore is falsy (it has __len__): ingest must still use it, not open another."""
    settings = Settings.from_env({}, store=str(tmp_path / "store"))
    gs = GraphStore(settings.store)
    reports = ingest(settings, [INPUT / "good.txt"], store=gs)
    assert [r.error for r in reports] == [None]
    assert reports[0].iri in gs.named_graphs()


# -- crash atomicity: kill -9 in the middle of replace_graph ---------------------------------------

CHILD = r'''
import sys, time
from rdflib import Graph, Literal, URIRef
from geonews.pipeline.store import GraphStore

path, writes = sys.argv[1], [arg.rsplit("=", 1) for arg in sys.argv[2:]]  # graph=size, in order
P = URIRef("http://example.org/p")


class Noisy(GraphStore):
    """Says when the store's own write (one SPARQL Update request, or one Store.extend for a
    new graph) starts and how long it took."""

    def update(self, sparql):
        print("update-start", flush=True)
        t = time.monotonic()
        super().update(sparql)
        print("update-done", time.monotonic() - t, flush=True)

    def extend(self, quads):
        print("update-start", flush=True)
        t = time.monotonic()
        super().extend(quads)
        print("update-done", time.monotonic() - t, flush=True)


gs = Noisy(path)
for version, (graph, n) in enumerate(writes):
    g = Graph()
    for i in range(int(n)):
        g.add((URIRef(f"http://example.org/s{i // 8}"), P, Literal(f"v{version} {i}")))
    print("built", version, n, flush=True)
    gs.replace_graph(graph, g)
    print("committed", version, flush=True)
time.sleep(600)
'''


@pytest.fixture()
def writer(tmp_path):
    """Starts the writer script; kills it and closes its pipes at the end in any case."""
    procs = []

    def start(store: Path, *writes: tuple[str, int]) -> subprocess.Popen:
        script = tmp_path / "writer.py"
        script.write_text(CHILD, encoding="utf-8")
        proc = subprocess.Popen([sys.executable, str(script), str(store), *(f"{g}={n}" for g, n in writes)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


def _wait_for(proc: subprocess.Popen, prefix: str) -> list[str]:
    """Read the child's lines up to the first starting with `prefix`."""
    lines = []
    while True:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"writer exited early: {lines}")
        lines.append(line.split())
        if line.startswith(prefix):
            return lines


def _versions(store: Path, graph: str) -> dict[str, int]:
    """How many quads of each version (v0, v1, ...) the reopened store holds in `graph`."""
    gs = GraphStore(store)  # writable: this also runs RocksDB's recovery after the crash
    try:
        counts: dict[str, int] = {}
        for q in gs._store.quads_for_pattern(None, None, None, ox_named(graph)):
            version = q.object.value.split()[0]
            counts[version] = counts.get(version, 0) + 1
        return counts
    finally:
        gs.close()


def ox_named(iri: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def _write_time(lines: list[list[str]]) -> float:
    return float(next(line[1] for line in lines if line[0] == "update-done"))


def _kill(proc: subprocess.Popen, after: float) -> bool:
    """SIGKILL `after` seconds from now; True if the write had not finished by then."""
    time.sleep(after)
    proc.kill()  # SIGKILL: no cleanup, no flush
    rest, _ = proc.communicate(timeout=30)
    return "update-done" not in rest


#: Large enough that one write takes about a second here, small enough for a fast suite.
N_FIRST, N_SECOND = 30_000, 25_000


@pytest.mark.slow
def test_kill_9_during_a_first_write_leaves_no_partial_graph(tmp_path, writer):
    store, graph, probe = tmp_path / "store", EX + "graph/big", EX + "graph/probe"
    # a first write of the same size into another graph says how long such a write takes
    proc = writer(store, (probe, N_FIRST), (graph, N_FIRST))
    took = _write_time(_wait_for(proc, "committed"))
    _wait_for(proc, "update-start")
    mid_write = _kill(proc, took / 2)
    counts = _versions(store, graph)
    assert mid_write, f"the kill came after the write had finished ({took:.2f} s): nothing was tested"
    assert counts in ({}, {"v1": N_FIRST}), f"partial graph after kill -9: {counts}"
    assert _versions(store, probe) == {"v0": N_FIRST}


@pytest.mark.slow
def test_kill_9_during_a_replacement_leaves_the_old_or_the_new_graph(tmp_path, writer):
    store, graph = tmp_path / "store", EX + "graph/big"
    proc = writer(store, (graph, N_FIRST), (graph, N_SECOND))
    took = _write_time(_wait_for(proc, "committed"))
    _wait_for(proc, "update-start")
    # the replacement drops N_FIRST quads and inserts N_SECOND: it takes longer than the first write
    mid_write = _kill(proc, took / 2)
    counts = _versions(store, graph)
    assert mid_write, "the kill came after the replacement had finished: nothing was tested"
    assert counts in ({"v0": N_FIRST}, {"v1": N_SECOND}), f"partial graph after kill -9: {counts}"
