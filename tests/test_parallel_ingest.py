"""`geonews ingest --workers N` and `--dask`: the same quads as one process, even when workers die.

Ten real articles (seeds/ and the devset texts) in chunks of three, so that several chunks
are in flight at once. Worker processes are killed for real (SIGKILL) in the middle of a run; the
Dask run uses a LocalCluster of two worker processes and writes to the pinned Oxigraph server.
"""

from __future__ import annotations

import io
import signal
import socket
import sys
import textwrap
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from geonews.pipeline import articles, parallel
from geonews.pipeline.ingest import ingest
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import open_store

ROOT = Path(__file__).parent.parent
INPUT = [ROOT / "seeds", ROOT / "tests" / "data" / "devset" / "texts"]
OXIGRAPH = Path(sys.executable).parent / "oxigraph"

pytestmark = pytest.mark.slow


def settings_for(store: Path | str, **changes) -> Settings:
    return Settings.from_env({}, store=str(store), batch_size=3, **changes)


def by_graph(nquads: bytes) -> dict[str, Graph]:
    triples: dict[str, list[ox.Triple]] = {}
    for q in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        triples.setdefault(q.graph_name.value, []).append(q.triple)
    return {name: Graph().parse(data=ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
            for name, ts in triples.items()}


def exported(settings: Settings) -> bytes:
    """The store's quads as N-Quads (the embedded store's own dump, or the server's, via `dump`)."""
    out = io.BytesIO()
    with open_store(settings, read_only=True) as store:
        store.dump(out, "nquads")
    return out.getvalue()


def summary(reports) -> list[tuple]:
    return [(r.origin, r.iri, r.published, len(r.rejected), r.error) for r in reports]


def assert_same_quads(mine: bytes, theirs: bytes) -> None:
    a, b = by_graph(mine), by_graph(theirs)
    assert sorted(a) == sorted(b)
    for name in a:  # exact where there are no blank nodes (every article graph), else isomorphic
        assert isomorphic(a[name], b[name]), name


@pytest.fixture(scope="module")
def one_process(tmp_path_factory, nlp):
    s = settings_for(tmp_path_factory.mktemp("one") / "store", workers=1)
    reports = ingest(s, INPUT)
    assert len(reports) >= 10 and all(r.error is None and r.skipped is None for r in reports)
    return summary(reports), exported(s)


def _new_workers(before: set[int]) -> list[psutil.Process]:
    """The worker processes this test's ingest started: direct children of this process born
    since `before` was taken (the session's servers and their workers are left alone)."""
    out = []
    for p in psutil.Process().children(recursive=False):
        try:
            cmd = " ".join(p.cmdline())
        except psutil.Error:
            continue
        if p.pid not in before and "spawn_main" in cmd and "resource_tracker" not in cmd:
            out.append(p)
    return out


def _children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=False)}


def test_two_workers_give_the_quads_of_one(tmp_path, one_process):
    s = settings_for(tmp_path / "store", workers=2)
    seen = []

    def progress(it, total=None):
        seen.append(total)
        return it

    reports = ingest(s, INPUT, progress=progress)
    assert summary(reports) == one_process[0]
    assert seen == [len(one_process[0])]
    mine, theirs = exported(s), one_process[1]
    assert_same_quads(mine, theirs)
    articles = [line for line in mine.decode().splitlines() if "/graph/ontology>" not in line]
    assert sorted(articles) == sorted(line for line in theirs.decode().splitlines()
                                      if "/graph/ontology>" not in line), "identical, not only isomorphic"


def test_workers_killed_mid_run_lose_only_their_chunks(tmp_path, one_process):
    s = settings_for(tmp_path / "store", workers=2)
    killed, before = [], _children()

    def progress(it, total=None):
        for i, item in enumerate(it):
            if i == 0:  # one chunk is in flight and the other worker waits for its next one
                for p in _new_workers(before):
                    p.send_signal(signal.SIGKILL)
                    killed.append(p.pid)
            yield item

    reports = ingest(s, INPUT, progress=progress)
    assert len(killed) == 2
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                   for pid in killed)
    assert summary(reports) == one_process[0]
    assert_same_quads(exported(s), one_process[1])


CRASHY = """
import os
from geonews.pipeline.prepare import process_chunk

def work(settings, part):
    if any("Abraham" in a.title for a in part):
        os._exit(9)  # what a segfault in a native library would do to the worker
    return process_chunk(settings, part)
"""


def test_an_article_that_kills_its_worker_is_reported_and_the_rest_published(tmp_path, monkeypatch,
                                                                             one_process):
    """A chunk whose worker dies twice is retried article by article; the one article that kills
    its worker twice more is reported (exit code 3), the others are published as usual."""
    (tmp_path / "crashy_worker.py").write_text(textwrap.dedent(CRASHY), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))  # spawned workers get the parent's sys.path
    import crashy_worker  # noqa: PLC0415

    files, _ = articles.walk(INPUT)
    items = [a for f in files for a in articles.load(f)[0]]
    s = settings_for(tmp_path / "store", workers=2)
    results = list(parallel.prepared_articles(s, items, work=crashy_worker.work))
    assert [a.origin for a, _ in results] == [a.origin for a in items], "every article, in order"
    failed = [(a, p) for a, p in results if getattr(p, "error", None)]
    assert [a.title for a, _ in failed] == [a.title for a in items if "Abraham" in a.title]
    assert len(failed) == 1 and failed[0][1].exit_code == 3 and "died twice" in failed[0][1].error
    expected = {o: n for o, _, n, _, e in one_process[0] if e is None}
    published = {a.origin: p.report.published for a, p in results if not getattr(p, "error", None)}
    assert published == {o: n for o, n in expected.items() if o != failed[0][0].origin}


# -- Dask ---------------------------------------------------------------------------------------------
def test_dask_local_cluster_writes_the_quads_of_one_process_to_a_server(tmp_path, one_process,
                                                                       server_process):
    if not OXIGRAPH.exists():
        pytest.fail(f"the Oxigraph server binary is missing: {OXIGRAPH} (pip install oxigraph)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/query"
    args = [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}", "--location", str(tmp_path / "db"),
            "--union-default-graph"]  # as the README says to start it
    with server_process(args, f"{url}?query=ASK%7B%7D", tmp_path / "server.log"):
        s = settings_for(url, dask="local:2")
        killed, before = [], _children()

        def progress(it, total=None):
            for i, item in enumerate(it):
                if i == 0:
                    victims = _new_workers(before)
                    assert len(victims) == 2, "two Dask worker processes"
                    victims[0].send_signal(signal.SIGKILL)
                    killed.append(victims[0].pid)
                yield item

        reports = ingest(s, INPUT, progress=progress)
        assert killed
        assert summary(reports) == one_process[0]
        assert_same_quads(exported(s), one_process[1])
