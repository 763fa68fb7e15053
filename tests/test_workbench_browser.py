"""The analyst's workbench in a real headless Chromium, against the session's `geonews serve`.

One walk as a user takes it: type a query in the editor (prefix completion adds its PREFIX
lines), run it with Ctrl-Enter, see the results table with linked IRIs, download the CSV, click
through to the entity page and see its network drawn, make a syntax error and see it in the page
with the query kept, and open a shared /sparql?query=... link directly. Nothing may break the
site's CSP, log an error or ask any host but the server. The README's screenshots are taken here:
they are written to docs/img/ when SCREENSHOTS=1 is set, else to the test's temporary folder.

(`page.wait_for_function` evaluates with eval, which the CSP forbids: waits poll with evaluate.)
"""

from __future__ import annotations

import csv
import io
import os
import time
import urllib.parse
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
DOCS_IMAGES = Path(__file__).parent.parent / "docs" / "img"
TYPED = ("SELECT DISTINCT ?actor WHERE { ?c rdf:predicate geonews:supports ; rdf:subject ?actor } "
         "ORDER BY ?actor LIMIT 5")
WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""


def wait_for(page, js: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(js)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {js}")


@pytest.fixture()
def images(tmp_path) -> Path:
    return DOCS_IMAGES if os.environ.get("SCREENSHOTS") == "1" else tmp_path


@pytest.fixture()
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    problems: list[str] = []

    def outside(route):
        problems.append(f"request to {route.request.url}")
        route.abort()

    context.route(lambda url: not url.startswith(live_server), outside)
    context.add_init_script(WATCH)
    p = context.new_page()
    p.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    p.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console: {m.text}"))
    p.problems = problems
    yield p
    context.close()


def editor_ready(page) -> None:
    wait_for(page, "document.documentElement.dataset.editor === 'ready'")


def type_query(page, text: str) -> None:
    page.click(".CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def no_violations(page) -> None:
    assert page.evaluate("window.__violations") == []


def test_query_table_download_entity_network_error_and_shared_link(page, live_server, tmp_path,
                                                                  images):
    page.goto(f"{live_server}/sparql")
    editor_ready(page)
    type_query(page, TYPED)
    value = page.evaluate("window.geonewsEditor.getValue()")
    # prefix completion: typing rdf: and geonews: added their declarations
    assert "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>" in value
    assert "PREFIX geonews: <https://w3id.org/geonews/ontology#>" in value
    assert value.endswith(TYPED)
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**/sparql?query=*")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["query"] == [value]
    editor_ready(page)
    rows = page.locator("table.results tbody tr")
    assert rows.count() >= 1
    assert page.inner_text("#row-count") == f"{rows.count()} row{'s' if rows.count() > 1 else ''}"
    first = page.locator("table.results tbody tr td a").first
    href = first.get_attribute("href")
    assert href.startswith("/doc/") and first.inner_text().startswith(f"{live_server}/id/")
    no_violations(page)
    top, bottom = page.locator("main h1").bounding_box(), page.locator("#results").bounding_box()
    page.screenshot(path=str(images / "sparql-editor.png"), full_page=True,
                    clip={"x": top["x"] - 16, "y": top["y"] - 16, "width": top["width"] + 32,
                          "height": bottom["y"] + bottom["height"] - top["y"] + 32})

    with page.expect_download() as download:
        page.click('a.download[data-format="CSV"]')
    saved = tmp_path / "results.csv"
    download.value.save_as(saved)
    table = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert table[0] == ["actor"] and len(table) - 1 == rows.count()
    assert table[1][0] == first.inner_text()

    first.click()
    page.wait_for_url(f"{live_server}{href}")
    nodes = wait_for(page, "document.querySelector('.network') && document.querySelector('.network').dataset.nodes")
    assert nodes not in ("0", "error") and int(nodes) >= 2
    assert page.locator(".network canvas").count() >= 1
    assert page.evaluate("window.geonewsNetworks[0].edges().length") >= 1
    no_violations(page)

    page.goto(f"{live_server}/sparql")
    editor_ready(page)
    broken = "SELECT ?s WHERE { ?s ?p "
    type_query(page, broken)
    page.click("#run")
    page.wait_for_url("**/sparql?query=*")
    editor_ready(page)
    assert "malformed query" in page.inner_text("#query-error")
    assert page.evaluate("window.geonewsEditor.getValue()") == broken
    no_violations(page)

    shared = f"{live_server}/sparql?" + urllib.parse.urlencode({"query": value})
    page.goto(shared)
    editor_ready(page)
    assert page.locator("table.results tbody tr").count() == rows.count()
    assert page.evaluate("window.geonewsEditor.getValue()") == value
    no_violations(page)
    # the 400 of the syntax error's page is the only failed load the console may report
    assert [p for p in page.problems if "status of 400" not in p] == []


def test_home_page_network(page, live_server, images):
    page.goto(f"{live_server}/")
    nodes = wait_for(page, "document.querySelector('.network') && document.querySelector('.network').dataset.nodes")
    assert int(nodes) >= 2 and page.locator(".network canvas").count() >= 1
    assert "actors" in page.inner_text(".network-note")
    no_violations(page)
    page.locator(".network").screenshot(path=str(images / "network.png"))
    assert page.problems == []
