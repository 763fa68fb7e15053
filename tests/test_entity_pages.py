"""Entity pages that do not grow with the data: a page of statements (most corroborated first),
counts of all of them, links to the next pages and to /facts.csv, incoming links capped; the same
for Turtle. The store is built here, quad by quad, so every expected figure comes from its
construction: 130 countries each stated to support (or oppose) Turkey in 1-4 of 160 articles,
every article mentioning Turkey.
"""

from __future__ import annotations

import re
import urllib.parse

import pyoxigraph as ox
import pytest

from geonews.web.statements import INCOMING, PAGE

pytestmark = pytest.mark.slow

BASE = "http://127.0.0.1:5000"
GN = "https://w3id.org/geonews/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
N_FACTS, N_ARTICLES = 130, 160


def nn(x: str) -> ox.NamedNode:
    return ox.NamedNode(x if x.startswith("http") else f"{BASE}/id/{x}")


def corroboration(i: int) -> int:
    return i % 4 + 1


def relation(i: int) -> str:
    return "opposes" if i % 10 == 0 else "supports"


def confidence(i: int, j: int) -> str:
    return "0.95" if (i + j) % 3 == 0 else "0.75"


def build(path) -> None:
    entities = nn(f"{BASE}/graph/entities")
    quads = [ox.Quad(nn("state/turkey"), nn(RDF + "type"), nn(GN + "State"), entities),
             ox.Quad(nn("state/turkey"), nn("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.Literal("Turkey", language="en"), entities)]
    for i in range(N_FACTS):
        x = nn(f"state/country-{i}")
        quads += [ox.Quad(x, nn(RDF + "type"), nn(GN + "State"), entities),
                  ox.Quad(x, nn("http://www.w3.org/2000/01/rdf-schema#label"),
                          ox.Literal(f"Country {i}", language="en"), entities)]
    for j in range(N_ARTICLES):
        a = nn(f"article/a{j}")
        quads += [ox.Quad(a, nn(RDF + "type"), nn(GN + "Article"), a),
                  ox.Quad(a, nn("http://purl.org/dc/terms/title"), ox.Literal(f"Article {j}", language="en"), a),
                  ox.Quad(a, nn(GN + "mentions"), nn("state/turkey"), a)]
    for i in range(N_FACTS):
        for j in range(i, i + corroboration(i)):
            a, c, x = nn(f"article/a{j}"), nn(f"claim/c{i}-{j}"), nn(f"state/country-{i}")
            p = nn(GN + relation(i))
            text = f"Country {i} {relation(i)} Turkey."
            quads += [ox.Quad(x, p, nn("state/turkey"), a), ox.Quad(a, nn(GN + "mentions"), x, a)]
            for prop, value in ((RDF + "type", nn(GN + "Claim")), (RDF + "subject", x), (RDF + "predicate", p),
                                (RDF + "object", nn("state/turkey")), (GN + "evidence", ox.Literal(text)),
                                (GN + "confidence", ox.Literal(confidence(i, j), datatype=nn(
                                    "http://www.w3.org/2001/XMLSchema#decimal"))),
                                ("http://www.w3.org/ns/prov#wasDerivedFrom", a)):
                quads.append(ox.Quad(c, nn(prop), value, a))
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.flush()


@pytest.fixture(scope="module")
def site(tmp_path_factory, server_process, geonews_serve):
    root = tmp_path_factory.mktemp("entity-pages")
    build(root / "store")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"GEONEWS_BASE": BASE, "GEONEWS_STORE": str(root / "store")}
    base = f"http://127.0.0.1:{port}"
    with server_process(geonews_serve(port), f"{base}/sparql?query=ASK%7B%7D", root / "serve.log", env):
        yield base


def get(loopback, url: str, accept: str = "text/html"):
    status, headers, body = loopback.request(url, headers={"Accept": accept})
    return status, headers, body.decode("utf-8")


def rows(html: str) -> list[tuple[int, str, int]]:
    """(country, relation, articles) of each statement row."""
    out = []
    for row in html.split('<table class="claims">', 1)[-1].split("</table>")[0].split("<tr>")[2:]:
        country = re.search(r'href="/doc/state/country-(\d+)"', row)
        rel = re.search(r'<span class="pred"><a href="[^"]+#(\w+)"', row)
        count = re.search(r"stated in (\d+) articles", row)
        out.append((int(country.group(1)), rel.group(1), int(count.group(1)) if count else 1))
    return out


def test_the_page_lists_one_page_of_statements_most_corroborated_first(site, loopback):
    status, headers, html = get(loopback, f"{site}/doc/state/turkey")
    assert status == 200
    got = rows(html)
    assert len(got) == PAGE
    assert [n for _, _, n in got] == sorted((n for _, _, n in got), reverse=True)
    assert all(n == corroboration(i) and rel == relation(i) for i, rel, n in got)
    assert got[0][2] == 4, "the most corroborated facts come first"
    assert f"Statements 1–{PAGE} of {sum(corroboration(i) for i in range(N_FACTS))}" in html
    assert 'rel="next"' in headers["Link"] and "page=2" in headers["Link"]


def test_following_the_next_links_lists_every_fact_once(site, loopback):
    url, seen = f"{site}/doc/state/turkey", []
    for _ in range(10):
        _, _, html = get(loopback, url)
        seen += [i for i, _, _ in rows(html)]
        nxt = re.search(r'<a href="([^"]+)" rel="next">', html)
        if not nxt:
            break
        url = f"{site}/doc/state/turkey" + nxt.group(1).replace("&amp;", "&")
    assert sorted(seen) == list(range(N_FACTS))


def test_facets_count_every_statement_not_only_the_page(site, loopback):
    _, _, html = get(loopback, f"{site}/doc/state/turkey")
    facet = lambda name: dict(re.findall(  # noqa: E731
        r'<li(?: class="selected")?><a href="[^"]*">([^<]+)</a> <span class="count">(\d+)</span>',
        html.split(f'data-facet="{name}"')[1].split("</div>")[0]))
    expected = {}
    for i in range(N_FACTS):
        expected[relation(i)] = expected.get(relation(i), 0) + corroboration(i)
    assert {k: int(v) for k, v in facet("relation").items()} == expected
    high = sum(1 for i in range(N_FACTS) for j in range(i, i + corroboration(i)) if confidence(i, j) == "0.95")
    conf = {k: int(v) for k, v in facet("confidence").items()}
    assert conf["0.9 or more"] == high and conf["0.7 or more"] == sum(expected.values())
    assert len(facet("article")) == 10, "the ten articles stating the most"


def test_a_selection_pages_and_counts_only_what_it_keeps(site, loopback):
    _, _, html = get(loopback, f"{site}/doc/state/turkey?relation=opposes")
    got = rows(html)
    assert sorted(i for i, _, _ in got) == [i for i in range(N_FACTS) if relation(i) == "opposes"]
    _, _, html = get(loopback, f"{site}/doc/state/turkey?min_confidence=0.9&relation=opposes")
    kept = {i: sum(1 for j in range(i, i + corroboration(i)) if confidence(i, j) == "0.95")
            for i in range(N_FACTS) if relation(i) == "opposes"}
    assert {i: n for i, _, n in rows(html)} == {i: n for i, n in kept.items() if n}


def test_incoming_links_are_capped_and_counted(site, loopback):
    _, _, html = get(loopback, f"{site}/doc/state/turkey")
    mentioned = html.split("<h2>Mentioned in</h2>")[1].split("</section>")[0]
    assert f"{N_ARTICLES} articles; the first" in mentioned
    assert mentioned.count("<li>") <= INCOMING


def test_turtle_links_the_claims_beyond_the_page(site, loopback):
    status, headers, ttl = get(loopback, f"{site}/doc/state/turkey.ttl")
    assert status == 200
    g = list(ox.parse(ttl.encode(), ox.RdfFormat.TURTLE, base_iri=BASE))
    claims = {t.subject for t in g if t.predicate.value == RDF + "type" and t.object.value == GN + "Claim"}
    assert 0 < len(claims) <= PAGE
    links = {t.predicate.value: t.object.value for t in g if t.subject.value == f"{BASE}/doc/state/turkey"
             and t.predicate.value != "http://xmlns.com/foaf/0.1/primaryTopic"}
    nxt = links["http://www.w3.org/1999/xhtml/vocab#next"]
    assert urllib.parse.urlsplit(nxt).path == "/doc/state/turkey.ttl" and "page=2" in nxt
    see_also = [t.object.value for t in g if t.predicate.value.endswith("#seeAlso")]
    assert any("/facts.csv?entity=" in u for u in see_also)
    status, _, page2 = get(loopback, f"{site}/doc/state/turkey.ttl?page=2")
    assert status == 200 and "Country" in page2


@pytest.mark.parametrize("page", ["0", "x", "-1", "100001"])
def test_a_bad_page_number_is_400(site, loopback, page):
    status, _, body = get(loopback, f"{site}/doc/state/turkey?page={page}")
    assert status == 400 and "page" in body
