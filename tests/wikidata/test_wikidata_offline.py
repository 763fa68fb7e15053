"""Never by default, never in the endpoint: `geonews ingest` asks Wikidata only with --link, and
`geonews serve` (whose code never imports the linking package) sends it nothing whatever it serves."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from geonews.pipeline.wikidata import link_store

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "seeds" / "seed-article.txt"
pytestmark = pytest.mark.slow


def api_env(api, store: Path) -> dict[str, str]:
    return {"GEONEWS_STORE": str(store), "GEONEWS_WIKIDATA_API": api.url, "GEONEWS_WIKIDATA_RATE": "200",
            "GEONEWS_WIKIDATA_CONTACT": "geonews-tests@example.org"}


def test_ingest_without_link_sends_no_request(cli, wikidata, tmp_path):
    proc = cli("ingest", "--quiet", str(SEED), env=api_env(wikidata, tmp_path / "store"))
    assert proc.returncode in (0, 1), proc.stderr
    assert wikidata.requests == [] and not (tmp_path / "store" / "wikidata-links.json").exists()


def test_ingest_link_links_the_entities_of_the_articles_just_ingested(cli, wikidata, tmp_path):
    proc = cli("ingest", "--link", str(SEED), env=api_env(wikidata, tmp_path / "store"))
    assert proc.returncode in (0, 1), proc.stderr
    assert "entities checked" in proc.stdout
    table = json.loads((tmp_path / "store" / "wikidata-links.json").read_text(encoding="utf-8"))
    by_label = {e["label"]: e for e in table["links"]}
    # the seed names the Libyan National Army, which the gazetteer knows without a QID
    assert by_label["Libyan National Army"]["qid"] == "Q900000106"
    searched = {p["search"] for p in wikidata.asked("wbsearchentities")}
    assert "Libyan National Army" in searched and "Russia" not in searched  # the gazetteer linked Russia


def test_the_web_layer_never_imports_the_linking_package():
    """In a fresh interpreter: the app, its blueprints and the server module load, and the
    linking package (the only code that talks to Wikidata) is not among the loaded modules."""
    code = ("import sys, geonews.web, geonews.web.server, geonews.cli.serve\n"
            "from geonews.web import create_app\n"
            "from geonews.pipeline.settings import Settings\n"
            "create_app(Settings())\n"
            "print(sorted(m for m in sys.modules if 'wikidata' in m or m == 'httpx'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_serve_sends_wikidata_nothing(scenario_settings, wikidata, server_process, geonews_serve, tmp_path):
    """A store with online links, served with the Wikidata API setting pointing at the test API."""
    link_store(scenario_settings)
    wikidata.reset()
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {"GEONEWS_STORE": scenario_settings.store, "GEONEWS_BASE": scenario_settings.base,
           "GEONEWS_WIKIDATA_API": wikidata.url}
    with server_process(geonews_serve(port), f"{base}/sparql?query=ASK%7B%7D", tmp_path / "serve.log", env):
        for path in ("/", "/doc/armed-group/hamas", "/doc/place/tripoli", "/search?q=Hamas",
                     "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%2050"):
            with urllib.request.urlopen(base + path, timeout=30) as resp:
                assert resp.status == 200
    assert wikidata.requests == []
