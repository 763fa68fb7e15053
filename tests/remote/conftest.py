"""The same articles through the embedded store and through two real SPARQL servers (the pinned
Oxigraph server and Virtuoso 7.2), each served by a real `geonews serve`.

Sequence, the same on every store: `geonews ingest` the seed and two dev set articles, then
re-ingest an edited copy of one of them (same file name: it replaces that article's graph).
Each server and each site starts once per session; the `remote` fixture is parametrized, so
every test that uses it runs on both servers. Quads are compared after canonicalising blank
nodes (the ontology's OWL lists); on Virtuoso also after the literal normalisations it makes
(lower-case language tags, canonical decimals), listed in `canonical`.
"""

from __future__ import annotations

import io
import json
import socket
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import to_canonical_graph

ROOT = Path(__file__).parent.parent.parent
DEV = ROOT / "tests" / "data" / "devset" / "texts"
BASE = "http://news.example.org"
EDITED = "05_ethiopia_tigray_pretoria_agreement.txt"
ARTICLES = [ROOT / "seeds" / "seed-article.txt", DEV / EDITED, DEV / "08_azerbaijan_offensive_karabakh_2023.txt"]
XSD = "http://www.w3.org/2001/XMLSchema#"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))

#: Settings of every `geonews` run against a server: graphs are read in pages of 100 triples where
#: the server would cut a long answer (Virtuoso's row cap in the tests is 1,000).
REMOTE_ENV = {"GEONEWS_BASE": BASE, "GEONEWS_STORE_PAGE_ROWS": "100"}
#: Sites: a short query timeout for the timeout tests; row caps on either side of Virtuoso's.
SITE_ENV = {"GEONEWS_BASE": BASE, "GEONEWS_QUERY_TIMEOUT": "3", "GEONEWS_STORE_VERSION_TTL": "0.5",
            "GEONEWS_STORE_PAGE_ROWS": "100", "GEONEWS_MAX_CONCURRENT_QUERIES": "4"}
MAX_ROWS = {"embedded": "200", "oxigraph": "200", "virtuoso": "5000"}


@dataclass
class Run:
    """What the sequence did on one store."""

    kind: str  # embedded | oxigraph | virtuoso
    store: str  # directory or query URL
    first: object  # CliRun of the first ingest
    again: object  # CliRun of the re-ingest of the edited article
    before: set  # the edited article's graph (canonical triples) before the re-ingest
    iri: str  # the edited article's IRI

    @property
    def literals(self) -> bool:
        """Whether its literals must be compared after Virtuoso's normalisations."""
        return self.kind == "virtuoso"

    def graph(self, iri: str, literals: bool = False) -> frozenset:
        """One graph of this run's store now, as canonical triples."""
        if self.kind != "embedded":
            return server_graph(self.store, iri, literals)
        from geonews.pipeline.store import GraphStore

        with GraphStore(self.store, read_only=True) as gs:
            return canonical_graph(list(gs.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")),
                                   literals)


def canonical_graph(triples, literals: bool = False) -> frozenset:
    """Triples with blank nodes canonicalised (rdflib) and, with `literals`, the normalisations
    Virtuoso makes: language tags lower-cased, decimals written canonically ("1.50" -> "1.5")."""
    fixed = [ox.Triple(t.subject, t.predicate, _literal(t.object) if literals else t.object) for t in triples]
    data = ox.serialize(fixed, format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if fixed else ""
    return frozenset(to_canonical_graph(Graph().parse(data=data, format="nt")))


def _literal(term):
    if not isinstance(term, ox.Literal):
        return term
    if term.language:
        return ox.Literal(term.value, language=term.language.lower())
    if term.datatype.value == XSD + "decimal":
        d = Decimal(term.value)
        text = str(d.quantize(Decimal(1))) if d == d.to_integral_value() else str(d.normalize())
        return ox.Literal(text, datatype=term.datatype)
    return term


def canonical(nquads: bytes, literals: bool = False) -> dict[str, frozenset]:
    """N-Quads as {graph name: canonical triples}."""
    by_graph: dict[str, list] = {}
    for q in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        by_graph.setdefault(q.graph_name.value, []).append(q.triple)
    return {name: canonical_graph(ts, literals) for name, ts in by_graph.items()}


def sparql_json(url: str, query: str) -> dict:
    """A query sent straight to a server (form POST: Virtuoso hangs on application/sparql-query)."""
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    with NO_PROXY.open(req, timeout=60) as resp:
        return json.loads(resp.read())


def server_graph(url: str, graph: str, literals: bool) -> frozenset:
    """One graph read straight from a server with CONSTRUCT (small graphs only)."""
    req = urllib.request.Request(url, data=urllib.parse.urlencode(
        {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"}).encode(),
        headers={"Accept": "application/n-triples"})
    with NO_PROXY.open(req, timeout=60) as resp:
        return canonical_graph([q.triple for q in ox.parse(resp.read(), ox.RdfFormat.N_TRIPLES)], literals)


@pytest.fixture(scope="session")
def edited(tmp_path_factory) -> Path:
    """The second article without its last paragraph, under the same file name (same article)."""
    text = (DEV / EDITED).read_text(encoding="utf-8").rstrip().rsplit("\n\n", 1)[0] + "\n"
    path = tmp_path_factory.mktemp("edited") / EDITED
    path.write_text(text, encoding="utf-8")
    return path


def _run(cli, kind: str, store: str, edited: Path) -> Run:
    env = {**REMOTE_ENV, "GEONEWS_STORE": store}
    first = cli("ingest", *map(str, ARTICLES), env=env)
    iri = next(line.split(" as <", 1)[1].rstrip(">") for line in first.stdout.splitlines()
               if line.startswith(str(DEV / EDITED)))
    run = Run(kind, store, first, None, frozenset(), iri)
    run.before = run.graph(iri, literals=True)
    run.again = cli("ingest", str(edited), env=env)
    return run


@pytest.fixture(scope="session")
def embedded(cli, edited, tmp_path_factory) -> Run:
    return _run(cli, "embedded", str(tmp_path_factory.mktemp("embedded-run") / "store"), edited)


@pytest.fixture(scope="session")
def embedded_export(embedded) -> bytes:
    from geonews.pipeline.store import GraphStore

    out = io.BytesIO()
    with GraphStore(embedded.store, read_only=True) as gs:
        gs.dump(out, "nquads")
    return out.getvalue()


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def remote(request, cli, edited) -> Run:
    """The sequence run through `geonews ingest --store URL` on one of the two servers."""
    return _run(cli, request.param, request.getfixturevalue(f"{request.param}_url"), edited)


def _serve(run: Run, server_process, geonews_serve, folder: Path):
    """`geonews serve` over the store of `run`: (the running server's context, its URL)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    env = {**SITE_ENV, "GEONEWS_STORE": run.store, "GEONEWS_MAX_ROWS": MAX_ROWS[run.kind]}
    return server_process(geonews_serve(port), f"{url}/sparql?query=ASK%7B%7D", folder / "serve.log", env), url


@pytest.fixture(scope="session")
def site(remote, server_process, geonews_serve, tmp_path_factory) -> str:
    """Base URL of `geonews serve --store URL` over the server of `remote`."""
    running, url = _serve(remote, server_process, geonews_serve, tmp_path_factory.mktemp(f"site-{remote.kind}"))
    with running:
        yield url


@pytest.fixture(scope="session")
def embedded_site(embedded, server_process, geonews_serve, tmp_path_factory) -> str:
    """Base URL of `geonews serve` over the embedded store of the same sequence."""
    running, url = _serve(embedded, server_process, geonews_serve, tmp_path_factory.mktemp("site-embedded"))
    with running:
        yield url


@pytest.fixture(scope="session")
def canon():
    """`canon(nquads, literals=False)` -> {graph: canonical triples} (see `canonical`)."""
    return canonical


@pytest.fixture(scope="session")
def direct():
    """`direct(server_url, query)` -> SPARQL JSON, asked of the server itself (not through geonews)."""
    return sparql_json
