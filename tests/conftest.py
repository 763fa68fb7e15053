"""Shared fixtures: slow things (spaCy, ontology, shapes, an ingested seed store, a live server) once per session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from geonews.pipeline.settings import Settings

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
GEONEWS = [sys.executable, "-m", "geonews.pipeline.cli"]


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


def run_cli(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the real `geonews` command in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*GEONEWS, *args], capture_output=True, text=True, env=full_env, **kwargs)


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
    proc = run_cli("ingest", "--quiet", str(ROOT / "seeds"), str(DATA / "devset" / "texts"), env=env)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    with open(root / "server.log", "w") as log:
        server = subprocess.Popen([*GEONEWS, "serve", "--port", str(port)], env={**os.environ, **env},
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"geonews serve did not start: {(root / 'server.log').read_text()}") from None
                time.sleep(0.2)
        yield base, store
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def live_server(live) -> str:
    """Base URL of the live server (see `live`)."""
    return live[0]


@pytest.fixture(scope="session")
def live_store(live) -> Path:
    """Store directory the live server reads (open it read-only)."""
    return live[1]
