"""The HTML site in a real headless Chromium (Debian's `chromium`, driven by Python playwright).

Browsers cannot be downloaded here, so the system Chromium is used; without it these tests FAIL
(they are part of "done") and say how to install it.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from geonews.ontology import GN
from geonews.pipeline.store import GraphStore

pytestmark = pytest.mark.slow  # real browser / spaCy ingest: not part of the fast loop

SCRIPT_LABEL = "<script>alert(1)</script> Brigade"
SCREENSHOT = Path("/tmp/geonews-entity-page.png")


def sparql(base: str, query: str) -> list[dict]:
    req = urllib.request.Request(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)["results"]["bindings"]


def search_open_and_check_evidence(page, base: str, name: str, iri: str, evidence: list[str]):
    """Home -> type the name into the search box -> submit -> open the entity -> evidence shown."""
    page.goto(f"{base}/")
    page.fill("#home-q", name)
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    href = iri[len(base):].replace("/id/", "/doc/", 1)
    page.click(f'ol.results a[href="{href}"]')
    page.wait_for_url(f"{base}{href}")
    shown = page.inner_text("table.claims")
    assert any(" ".join(e.split()) in " ".join(shown.split()) for e in evidence), \
        f"none of the evidence sentences of {iri} is shown on its page"


def test_search_then_entity_page_shows_evidence(browser, live_server):
    gn = str(GN._NS)
    rows = sparql(live_server, f"""SELECT ?s ?label ?evidence WHERE {{
        ?c a <{gn}Claim> ; <{RDF.subject}> ?s ; <{gn}evidence> ?evidence .
        ?s <{RDFS.label}> ?label }} ORDER BY ?label LIMIT 50""")
    if not rows:
        pytest.fail("the live store has no geonews:Claim at all, so no entity page can show an "
                    "evidence sentence: the extractor published no relations", pytrace=False)
    iri, label = rows[0]["s"]["value"], rows[0]["label"]["value"]
    evidence = [r["evidence"]["value"] for r in rows if r["s"]["value"] == iri]
    page = browser.new_page()
    try:
        search_open_and_check_evidence(page, live_server, label, iri, evidence)
        page.set_viewport_size({"width": 1200, "height": 900})
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    finally:
        page.close()


# -- a store of our own with a <script> label, served by the real `geonews serve` -------------

def build_script_store(path: Path, base: str) -> tuple[str, str]:
    land, brigade = URIRef(f"{base}/id/state/testland"), URIRef(f"{base}/id/armed-group/brigade")
    art, claim = URIRef(f"{base}/id/article/00aa11bb22cc33dd"), URIRef(f"{base}/id/claim/00ff")
    evidence = "Testland backs the Brigade, officials said."
    ents, g = Graph(), Graph()
    for node, cls, label in ((land, GN.State, "Testland"), (brigade, GN.ArmedGroup, SCRIPT_LABEL)):
        ents.add((node, RDF.type, cls))
        ents.add((node, RDFS.label, Literal(label, lang="en")))
    g.add((art, RDF.type, GN.Article))
    g.add((art, DCTERMS.title, Literal("<img src=x onerror=alert(2)> report", lang="en")))
    g.add((land, GN.supports, brigade))
    for p, o in ((RDF.type, GN.Claim), (RDF.subject, land), (RDF.predicate, GN.supports),
                 (RDF.object, brigade), (GN.evidence, Literal(evidence)),
                 (GN.beginIndex, Literal(0, datatype=XSD.integer)),
                 (GN.endIndex, Literal(len(evidence), datatype=XSD.integer)),
                 (GN.confidence, Literal("0.9", datatype=XSD.decimal)), (PROV.wasDerivedFrom, art)):
        g.add((claim, p, o))
    store = GraphStore(path)
    store.replace_graph(str(art), g, ents, f"{base}/graph/entities")
    store.flush()
    del store
    return str(brigade), evidence


@pytest.fixture(scope="module")
def script_server(tmp_path_factory, server_process, geonews_serve):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("script-store")
    brigade, evidence = build_script_store(root / "store", base)
    env = {"GEONEWS_BASE": base, "GEONEWS_STORE": str(root / "store")}
    with server_process(geonews_serve(port), f"{base}/", root / "serve.log", env):
        yield base, brigade, evidence


def test_script_label_is_text_and_no_dialog_fires(browser, script_server):
    base, brigade, evidence = script_server
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        search_open_and_check_evidence(page, base, "brigade", brigade, [evidence])
        assert page.inner_text("h1") == SCRIPT_LABEL
        page.goto(f"{base}/search?q=script")
        assert SCRIPT_LABEL in page.inner_text("ol.results")
        page.goto(f"{base}/doc/article/00aa11bb22cc33dd")
        assert "<img src=x onerror=alert(2)> report" in page.inner_text("h1")
        assert page.locator("script").count() == 0 and page.locator("main img").count() == 0
    finally:
        page.close()
    assert dialogs == []
