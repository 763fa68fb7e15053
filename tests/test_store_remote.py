"""The pipeline against a real SPARQL 1.1 server (`oxigraph serve`): ingest, export, validate, errors.

The server is the pinned Oxigraph binary installed next to the Python interpreter, started on a
free port for the session; results are compared with what the embedded store holds for the same
article and base.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, SPARQLWrapper

from geonews.pipeline.errors import StoreError
from geonews.pipeline.evaluation import predicted
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore, is_remote, open_store
from geonews.pipeline.store.remote import RemoteStore, sibling_endpoint

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "seed-article.txt"
BASE = "http://news.example.org"
GN = "https://w3id.org/geonews/ontology#"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def geonews(cli):
    """The command line, in-process, with this module's base IRI."""
    return lambda *args: cli(*args, env={"GEONEWS_BASE": BASE})


@pytest.fixture(scope="session")
def server(tmp_path_factory, server_process, sparql_servers) -> Iterator[str]:
    """A persistent Oxigraph server with a union default graph (--union-default-graph)."""
    with sparql_servers.oxigraph(server_process, tmp_path_factory.mktemp("oxigraph-server"), union=True) as url:
        yield url


def sparql(url: str, query: str) -> list[dict]:
    """Query the server with an independent client (SPARQLWrapper), not RemoteStore."""
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    result = sw.query()
    try:
        return result.convert()["results"]["bindings"]
    finally:
        result.response.close()


def article_iri(stdout: str) -> str:
    return stdout.split(" as <", 1)[1].split(">", 1)[0]


@pytest.fixture(scope="session")
def remote_ingest(geonews, server) -> tuple[str, str, float]:
    """(server URL, article IRI, seconds) after ingesting the seed article through the CLI."""
    start = time.monotonic()
    proc = geonews("ingest", "--store", server, str(SEED))
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    return server, article_iri(proc.stdout), elapsed


@pytest.fixture(scope="session")
def embedded(geonews, tmp_path_factory) -> tuple[Path, str]:
    """(store directory, article IRI): the same article and base in the embedded store."""
    store = tmp_path_factory.mktemp("embedded") / "store"
    proc = geonews("ingest", "--store", str(store), str(SEED))
    assert proc.returncode == 0, proc.stderr
    return store, article_iri(proc.stdout)


def count_quads(url: str) -> int:
    """Quads of the published graphs (not the version marker geonews keeps in urn:geonews:version)."""
    return int(sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                           "FILTER(!STRSTARTS(STR(?g), 'urn:geonews:')) }")[0]["n"]["value"])


def by_graph(nquads: bytes) -> dict[str, Graph]:
    """N-Quads as one rdflib Graph per graph name (blank nodes compared by isomorphism)."""
    triples: dict[str, list[ox.Triple]] = {}
    for q in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        assert isinstance(q.graph_name, ox.NamedNode), "the pipeline writes only named graphs"
        triples.setdefault(q.graph_name.value, []).append(q.triple)
    return {name: Graph().parse(data=ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
            for name, ts in triples.items()}


# -- ingest, export, validate through the CLI --------------------------------------------------

def test_ingest_writes_the_article_graph_to_the_server(remote_ingest):
    url, iri, _ = remote_ingest
    rows = sparql(url, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?a a <{GN}Article> }} }}")
    assert [r["g"]["value"] for r in rows] == [iri]
    assert iri.startswith(BASE)


def test_server_holds_what_the_embedded_store_holds(remote_ingest, embedded):
    url, iri, _ = remote_ingest
    store, embedded_iri = embedded
    assert iri == embedded_iri
    local = GraphStore(store, read_only=True)
    with RemoteStore(url, read_only=True) as remote:
        assert remote.named_graphs() == local.named_graphs()
        assert {iri, f"{BASE}/graph/entities", f"{BASE}/graph/ontology"} <= set(remote.named_graphs())
        for name in local.named_graphs():
            mine, theirs = remote.graph(name), local.graph(name)
            assert len(mine) == len(theirs) > 0, name
            assert isomorphic(mine, theirs), name
        assert len(remote) == len(local)


def test_reingest_is_idempotent(geonews, remote_ingest):
    url, iri, _ = remote_ingest
    before = count_quads(url)
    graphs = {r["g"]["value"] for r in sparql(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")}
    proc = geonews("ingest", "--store", url, str(SEED))
    assert proc.returncode == 0, proc.stderr
    assert article_iri(proc.stdout) == iri
    assert count_quads(url) == before
    assert {r["g"]["value"] for r in sparql(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")} == graphs


def test_export_nquads_has_the_same_quads(remote_ingest, embedded):
    url, _, _ = remote_ingest
    proc = subprocess.run([sys.executable, "-m", "geonews.cli", "export", "--store", url,
                           "--format", "nquads"], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    local = io.BytesIO()
    GraphStore(embedded[0], read_only=True).dump(local, "nquads")
    mine, theirs = by_graph(proc.stdout), by_graph(local.getvalue())
    assert mine.keys() == theirs.keys()
    for name in mine:
        assert isomorphic(mine[name], theirs[name]), name
    assert len(proc.stdout.splitlines()) == count_quads(url)


def test_export_turtle_is_the_union(geonews, remote_ingest, embedded):
    url, _, _ = remote_ingest
    proc = geonews("export", "--store", url, "--format", "turtle")
    assert proc.returncode == 0, proc.stderr
    local = io.BytesIO()
    GraphStore(embedded[0], read_only=True).dump(local, "turtle")
    assert isomorphic(Graph().parse(data=proc.stdout, format="turtle"),
                      Graph().parse(data=local.getvalue().decode("utf-8"), format="turtle"))


def test_validate_against_the_server_exits_0(geonews, remote_ingest):
    proc = geonews("validate", "--store", remote_ingest[0])
    assert proc.returncode == 0, proc.stderr
    assert "1 graph(s) checked, 0 with violations" in proc.stdout


@pytest.mark.parametrize("command", [("ingest", str(SEED)), ("export", "--format", "nquads"), ("validate",)])
def test_a_server_that_is_not_running_exits_2_naming_it(geonews, command):
    url = f"http://127.0.0.1:{free_port()}/query"
    proc = geonews(command[0], "--store", url, *command[1:])
    assert proc.returncode == 2, proc.stderr
    assert f"127.0.0.1:{url.split(':')[2].split('/')[0]}" in proc.stderr
    assert "cannot reach" in proc.stderr and "Traceback" not in proc.stderr


def test_an_http_error_exits_2_with_the_url_and_status(geonews, server):
    wrong = server.replace("/query", "/no-such-endpoint")
    proc = geonews("validate", "--store", wrong)
    assert proc.returncode == 2
    assert wrong in proc.stderr and "404" in proc.stderr and "Traceback" not in proc.stderr


# -- RemoteStore in process --------------------------------------------------------------------

def test_query_results_are_used_like_the_embedded_stores(remote_ingest, embedded):
    """evaluate.predicted reads pyoxigraph rows (row["x"].value, unbound is None) from either store."""
    url, iri, _ = remote_ingest
    entities = f"{BASE}/graph/entities"
    with RemoteStore(url, read_only=True) as remote:
        ents, facts = predicted(remote, iri, entities)
        assert ents and facts
        assert (ents, facts) == predicted(GraphStore(embedded[0], read_only=True), iri, entities)
        assert bool(remote.query(f"ASK {{ <{iri}> a <{GN}Article> }}"))  # union default graph
        assert not bool(remote.query("ASK { <http://example.org/nothing> ?p ?o }"))
        triples = list(remote.query(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"))
        assert triples and all(isinstance(t, ox.Triple) for t in triples)
        assert len(remote.describe([iri], iri)) == len(triples)


def test_replace_graph_replaces_and_merges_labels(tmp_path, server_process, sparql_servers):
    g = "http://example.org/g"
    ents = "http://example.org/entities"
    s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    with sparql_servers.oxigraph(server_process, tmp_path, persistent=False) as url, RemoteStore(url) as remote:
        first, second = Graph(), Graph()
        first.add((s, p, URIRef("http://example.org/one")))
        first.add((s, p, URIRef("http://example.org/two")))
        second.add((s, p, URIRef("http://example.org/three")))
        e1, e2 = Graph(), Graph()
        e1.add((s, label, Literal("Sudan", lang="en")))
        e2.add((s, label, Literal("Republic of the Sudan", lang="en")))
        remote.replace_graph(g, first, e1, ents)
        remote.replace_graph(g, second, e2, ents)
        assert set(remote.graph(g)) == set(second)
        labels = {(str(pr).rsplit("#", 1)[1], str(o)) for _, pr, o in remote.graph(ents)}
        assert labels == {("label", "Sudan"), ("altLabel", "Republic of the Sudan")}
        remote.drop_graph(g)
        assert remote.named_graphs() == [ents]
        assert len(remote.graph("http://example.org/never-written")) == 0
        with pytest.raises(StoreError, match="read-only"):
            RemoteStore(url, read_only=True).drop_graph(ents)


def test_a_server_without_a_union_default_graph(tmp_path, server_process, sparql_servers):
    """Oxigraph started without --union-default-graph: geonews asks for the union per request
    (its `union-default-graph` parameter); a server it cannot ask is checked and refused."""
    with sparql_servers.oxigraph(server_process, tmp_path, persistent=False) as url:
        with RemoteStore(url) as remote, RemoteStore(url, server="generic") as generic:
            assert len(list(generic.query("SELECT * WHERE { ?s ?p ?o }"))) == 0  # nothing to tell yet
            g = Graph()
            g.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), URIRef("http://example.org/o")))
            remote.replace_graph("http://example.org/g", g)
            assert set(remote.graph("http://example.org/g")) == set(g)  # GSP and GRAPH patterns
            assert remote.named_graphs() == ["http://example.org/g"]
            probe = "SELECT * WHERE { ?s <http://example.org/p> ?o }"
            assert len(list(remote.query(probe))) == 1
            assert len(list(remote.query(probe, use_default_graph_as_union=False))) == 0
            with pytest.raises(StoreError, match="union of its named graphs"):
                generic.query("SELECT * WHERE { ?s ?p ?o }")


def test_substitutions_bind_variables_and_other_options_are_refused(remote_ingest):
    url, iri, _ = remote_ingest
    with RemoteStore(url, read_only=True) as remote:
        rows = list(remote.query("SELECT ?a ?t WHERE { ?a <http://purl.org/dc/terms/title> ?t }",
                                 substitutions={ox.Variable("a"): ox.NamedNode(iri)}))
        assert len(rows) == 1 and rows[0]["a"] == ox.NamedNode(iri) and rows[0]["t"].value
        with pytest.raises(StoreError, match="base_iri"):
            remote.query("ASK {}", base_iri="http://example.org/")


# -- choosing a store --------------------------------------------------------------------------

def test_open_store_picks_a_server_for_an_http_url(tmp_path):
    assert is_remote("http://localhost:7878/query") and is_remote("https://example.org/sparql")
    assert not is_remote(str(tmp_path)) and not is_remote(tmp_path) and not is_remote(None)
    remote = open_store(Settings(store="https://example.org/ds/query", store_server="oxigraph"))
    assert isinstance(remote, RemoteStore)
    assert (remote.update_url, remote.graph_store_url) == ("https://example.org/ds/update",
                                                           "https://example.org/ds/store")
    virtuoso = open_store(Settings(store="http://h:8890/sparql", store_server="virtuoso"))
    assert (virtuoso.update_url, virtuoso.graph_store_url) == ("http://h:8890/sparql",
                                                               "http://h:8890/sparql-graph-crud")
    configured = open_store(Settings(store="http://h/sparql", update_endpoint="http://h/u",
                                     graph_store_endpoint="http://h/data"), read_only=True)
    assert isinstance(configured, RemoteStore) and configured.read_only
    assert (configured.url, configured.update_url, configured.graph_store_url) == (
        "http://h/sparql", "http://h/u", "http://h/data")
    with open_store(Settings(store=str(tmp_path / "s"))) as local:
        assert isinstance(local, GraphStore)


def test_endpoints_must_be_http():
    assert sibling_endpoint("http://h:7878/query", "update") == "http://h:7878/update"
    assert sibling_endpoint("http://h:7878", "store") == "http://h:7878/store"
    with pytest.raises(StoreError, match="file:///etc"):
        RemoteStore("http://h/query", graph_store_endpoint="file:///etc/passwd")
    with pytest.raises(StoreError, match="unknown SPARQL server kind 'fuseki'"):
        RemoteStore("http://h/query", server="fuseki")
