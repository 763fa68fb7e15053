"""/facts.csv and /facts.json, the entity page's facets, and the pictures' JSON, against the
session's real server; expected values come from pyoxigraph on the server's own store."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse

import pyoxigraph as ox
import pytest

from geonews.web.facts import COLUMNS, _csv

pytestmark = pytest.mark.slow
P = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.fixture(scope="module")
def store(live_store) -> ox.Store:
    return ox.Store.read_only(str(live_store))


def claims(store, where: str = "") -> set[str]:
    q = P + f"SELECT ?c WHERE {{ ?c a geonews:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . {where} }}"
    return {r["c"].value for r in store.query(q, use_default_graph_as_union=True)}


def fetch_all(loopback, base: str, **params) -> list[dict]:
    """Every page, following the next links."""
    url, rows = f"{base}/facts.json?" + urllib.parse.urlencode({**params, "limit": 7}), []
    while url:
        status, _, body = loopback.request(url)
        assert status == 200, body
        doc = json.loads(body)
        assert doc["count"] == len(doc["facts"]) <= 7
        rows += doc["facts"]
        url = base + doc["next"] if doc["next"] else None
    return rows


def test_paging_gives_every_claim_once(loopback, live_server, store):
    rows = fetch_all(loopback, live_server)
    assert len(rows) == len({r["claim"] for r in rows}) == len(claims(store)) > 7
    assert set(rows[0]) == set(COLUMNS)


def test_filters(loopback, live_server, store):
    supports = fetch_all(loopback, live_server, relation="supports")
    assert {r["claim"] for r in supports} == claims(store, "FILTER(?p = geonews:supports)")
    entity = supports[0]["subject"]
    touching = fetch_all(loopback, live_server, entity=entity[len(live_server):])
    assert {r["claim"] for r in touching} == claims(store, f"FILTER(?s = <{entity}> || ?o = <{entity}>)")
    high = fetch_all(loopback, live_server, min_confidence="0.85")
    assert {r["claim"] for r in high} == claims(store, "?c geonews:confidence ?k FILTER(?k >= 0.85)")
    dated = fetch_all(loopback, live_server, **{"from": "2020", "to": "2020-12-31"})
    assert dated and all((r["date"] or r["published"])[:4] == "2020" for r in dated)
    article = supports[0]["article"]
    in_article = fetch_all(loopback, live_server, article=article)
    assert {r["claim"] for r in in_article} == claims(store, f"?c prov:wasDerivedFrom <{article}>")


@pytest.mark.parametrize("query", ["relation=likes", "entity=/id/nation/x", "min_confidence=2",
                                   "from=2020-13", "limit=0", "limit=5000", "after=../x"])
def test_bad_filters_are_400_with_a_reason(loopback, live_server, query):
    status, _, body = loopback.request(f"{live_server}/facts.csv?{query}")
    assert status == 400 and body.strip()


def test_csv_is_a_table_a_spreadsheet_opens_safely(loopback, live_server, store):
    status, headers, body = loopback.request(f"{live_server}/facts.csv?limit=1000")
    assert status == 200 and headers.get_content_type() == "text/csv"
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(claims(store))
    hostile = {c: None for c in COLUMNS} | {"evidence": "=HYPERLINK(\"http://x\")", "confidence": 0.5,
                                           "subject_label": "-2+3", "object_label": "-3"}
    [row] = list(csv.DictReader(io.StringIO(_csv([hostile]).decode("utf-8"))))
    assert row["evidence"] == "'=HYPERLINK(\"http://x\")" and row["subject_label"] == "'-2+3"
    assert row["object_label"] == "-3" and row["confidence"] == "0.5"


def test_entity_page_facets_select_statements(loopback, live_server, store):
    [entity] = [r["s"].value for r in store.query(
        P + "SELECT ?s (COUNT(?c) AS ?n) WHERE { ?c a geonews:Claim ; rdf:subject ?s } "
            "GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1", use_default_graph_as_union=True)]
    page = entity[len(live_server):].replace("/id/", "/doc/", 1)
    status, _, body = loopback.request(f"{live_server}{page}")
    text = body.decode("utf-8")
    assert status == 200 and 'data-facet="relation"' in text and 'data-facet="confidence"' in text
    assert "<th>Date</th>" in text
    all_rows = text.count('<td class="date">')
    status, _, body = loopback.request(f"{live_server}{page}?relation=supports")
    selected = body.decode("utf-8").count('<td class="date">')
    expected = claims(store, f"FILTER((?s = <{entity}> || ?o = <{entity}>) && ?p = geonews:supports)")
    assert selected == len(expected) < all_rows


def test_network_json(loopback, live_server, store):
    status, _, body = loopback.request(f"{live_server}/network.json")
    net = json.loads(body)
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert all(e["weight"] == len(e["articles"]) and e["relation"] in ("supports", "opposes", "met")
               for e in net["edges"])
    expected = {(r["s"].value, r["o"].value) for r in store.query(
        P + "SELECT DISTINCT ?s ?o WHERE { ?c rdf:predicate geonews:supports ; rdf:subject ?s ; "
            "rdf:object ?o }", use_default_graph_as_union=True)}
    assert expected == {(e["source"], e["target"]) for e in net["edges"] if e["relation"] == "supports"}
    focus = net["edges"][0]["source"]
    _, _, body = loopback.request(f"{live_server}/network.json?entity={urllib.parse.quote(focus)}")
    ego = json.loads(body)
    assert ego["edges"] and all(focus in (e["source"], e["target"]) for e in ego["edges"])


def test_timeline_json(loopback, live_server, store):
    rows = list(store.query(P + "SELECT ?a (COUNT(?c) AS ?n) WHERE { ?c rdf:object ?a ; rdf:predicate "
                                "geonews:partyTo } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1",
                            use_default_graph_as_union=True))
    agreement, parties = rows[0]["a"].value, int(rows[0]["n"].value)
    status, _, body = loopback.request(f"{live_server}/timeline.json?agreement={urllib.parse.quote(agreement)}")
    doc = json.loads(body)
    assert status == 200 and sum(1 for m in doc["moments"] if m["role"] == "party") <= parties
    assert {m["role"] for m in doc["moments"]} >= {"party"}
    dates = [m["date"] for m in doc["moments"] if m["date"]]
    assert dates == sorted(dates)
    status, _, _ = loopback.request(f"{live_server}/timeline.json?agreement=/id/state/turkey")
    assert status == 400
