"""Shared fixtures: slow things (spaCy, ontology, shapes, an ingested seed store, a live server) once per session."""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from geonews.pipeline.settings import Settings

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
GEONEWS = [sys.executable, "-m", "geonews.cli"]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "seeds" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from geonews.pipeline.nlp import load_pipeline

    return load_pipeline()


class Extracting:
    """Run the extraction on a text with the session's spaCy pipeline, and read its facts."""

    def __init__(self, nlp):
        self.nlp = nlp

    def run(self, text: str, published: str | None = None, ident: str = "t"):
        from geonews.pipeline.extract import extract
        from geonews.pipeline.model import Article

        article = Article(id=ident, title=text.split("\n", 1)[0], text=text, published=published)
        return extract(self.nlp(text), article)

    @staticmethod
    def _object(f) -> str:
        return f.object.post_in.label if f.predicate == "holdsPost" else f.object.label

    def facts(self, x) -> set[tuple[str, str, str]]:
        """(relation, subject label, object label; a post's actor for holdsPost) of every fact."""
        return {(f.predicate, f.subject.label, self._object(f)) for f in x.facts}

    @staticmethod
    def kinds(x) -> set[tuple[str, str]]:
        """(kind, label) of every entity the extraction names."""
        return {(e.kind, e.label) for e in x.entities}

    def fact(self, x, predicate: str, subject: str, obj: str):
        return next(f for f in x.facts if (f.predicate, f.subject.label, self._object(f)) == (predicate, subject, obj))


@pytest.fixture(scope="session")
def ex(nlp) -> Extracting:
    """`ex.run(text)` -> Extraction; `ex.facts(x)`, `ex.fact(x, relation, subject, object)`."""
    return Extracting(nlp)


@pytest.fixture(scope="session")
def ontology():
    from geonews.ontology import load_ontology

    return load_ontology()


@pytest.fixture(scope="session")
def shapes():
    from geonews.shapes import load_shapes

    return load_shapes()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class CliRun:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict | None = None) -> CliRun:
    """The `geonews` command run in this process (click's CliRunner): fast, since spaCy and the
    shapes load once per session. One smoke test (test_cli.py) runs the console script itself."""
    from click.testing import CliRunner

    from geonews.cli import main

    result = CliRunner().invoke(main, list(args), env=env)
    return CliRun(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def cli():
    """`cli(*args, env=None)` -> CliRun (returncode, stdout, stderr) of an in-process run."""
    return run_cli


class Loopback:
    """HTTP requests from any loopback address: each address is another client to the server's
    per-client limits (127.0.0.1, 127.0.0.2, ... all reach a server listening on 127.0.0.1)."""

    ANY = "application/sparql-results+json, text/turtle;q=0.9"

    @staticmethod
    def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None,
                source: str = "127.0.0.1", timeout: float = 30):
        """(status, headers, body) of one request sent from `source`."""
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout,
                                          source_address=(source, 0))
        try:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.headers, resp.read()
        finally:
            conn.close()

    def sparql_get(self, base: str, query: str, source: str = "127.0.0.1", accept: str = ANY,
                   headers: dict | None = None, **params):
        qs = urllib.parse.urlencode({"query": query, **params})
        return self.request(f"{base}/sparql?{qs}", headers={"Accept": accept, **(headers or {})},
                            source=source)

    def sparql_post(self, base: str, query: str, source: str = "127.0.0.1"):
        return self.request(f"{base}/sparql", "POST", query.encode("utf-8"),
                            {"Content-Type": "application/sparql-query", "Accept": self.ANY},
                            source=source)


@pytest.fixture(scope="session")
def loopback() -> Loopback:
    return Loopback()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> tuple[Path, Settings]:
    """A store with the seed article ingested through the CLI (read-only for tests: copy to modify)."""
    store = tmp_path_factory.mktemp("seed-store") / "store"
    settings = Settings.from_env(store=str(store))
    proc = run_cli("ingest", "--quiet", "--store", str(store), str(ROOT / "seeds"))
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    return store, settings


@pytest.fixture()
def store_copy(seed_store, tmp_path) -> Path:
    """A private, writable copy of the seed store."""
    dst = tmp_path / "store"
    shutil.copytree(seed_store[0], dst)
    return dst


@contextlib.contextmanager
def running_server(cmd: list[str], ready_url: str, log: Path, env: dict | None = None):
    """Run a server process until the block ends: wait until `ready_url` answers (any HTTP
    status), fail with its log if it exits or takes over 30 s, then terminate it."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(ready_url, timeout=2).close()
                break
            except urllib.error.HTTPError as exc:
                exc.close()
                break  # it answers
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{cmd[0]} did not start: {log.read_text()}") from None
                time.sleep(0.1)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def server_process():
    """`running_server` for test modules (conftest is not importable under importlib mode)."""
    return running_server


def serve_command(port: int) -> list[str]:
    return [*GEONEWS, "serve", "--port", str(port)]


@pytest.fixture(scope="session")
def geonews_serve():
    """`geonews_serve(port)` -> the command line of `geonews serve` on that port."""
    return serve_command


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by playwright (browsers cannot be downloaded here); without it
    the browser tests FAIL (they are part of "done") and say how to install it."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: /usr/bin/chromium not found. Install Debian's package "
                    "with `apt-get update && apt-get install -y chromium` (.ci/run does this).",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """`geonews serve` as a real HTTP server on a free port, over a store holding the seed and devset.

    Its base IRI is its own URL, so minted IRIs dereference. Yields (base URL, store path).
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("live-store")
    store = root / "store"
    env = {"GEONEWS_BASE": base, "GEONEWS_STORE": str(store)}
    texts = sorted(str(p) for p in (DATA / "devset" / "texts").glob("*.txt"))  # not SOURCES.md
    proc = run_cli("ingest", "--quiet", str(ROOT / "seeds"), *texts, env=env)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    with running_server(serve_command(port), f"{base}/sparql?query=ASK%7B%7D", root / "server.log", env):
        yield base, store


@pytest.fixture(scope="session")
def live_server(live) -> str:
    """Base URL of the live server (see `live`)."""
    return live[0]


@pytest.fixture(scope="session")
def live_store(live) -> Path:
    """Store directory the live server reads (open it read-only)."""
    return live[1]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sparql_servers():
    """tests/sparql_servers.py: the Oxigraph server and Virtuoso, started on free ports."""
    return _load("sparql_servers")


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory, server_process, sparql_servers):
    """Query URL of an Oxigraph server configured as docs/DEPLOY.md says: its own timeout
    (--timeout-s) and no --union-default-graph (geonews asks for the union per query)."""
    with sparql_servers.oxigraph(server_process, tmp_path_factory.mktemp("oxigraph"), timeout_s=5) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory, sparql_servers):
    """Query URL of a private Virtuoso 7.2 whose row cap (ResultSetMaxRows) is 1,000, so that the
    tests meet its silent truncation with small data. Fails, saying how to install it, if missing."""
    try:
        url, proc = sparql_servers.start_virtuoso(tmp_path_factory.mktemp("virtuoso"), max_rows=1000)
    except FileNotFoundError as exc:
        pytest.fail(str(exc))
    try:
        yield url
    finally:
        sparql_servers.stop_virtuoso(proc)


@pytest.fixture(scope="session")
def canary():
    """A loopback listener that records every connection made to it (it must record none)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    srv.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                hits.append(conn.recv(4096) or b"(connected)")
            except OSError:
                hits.append(b"(connected)")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}", hits
    stop.set()
    thread.join()
    srv.close()
