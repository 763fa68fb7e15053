"""`geonews link` end to end: the provenance it publishes, reruns, the review loop (a user's edits
win), bad edits, the CLI, a remote store, `ingest --link`, and the promise that nothing calls
out unless asked: ingest without --link and `geonews serve` send no request."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rdflib import OWL, RDF, XSD, Literal, URIRef
from rdflib.namespace import PROV

from geonews.ontology import GN
from geonews.pipeline.rdf.checks import validate_store
from geonews.pipeline.store import open_store
from geonews.pipeline.wikidata import link_store, table_path

pytestmark = pytest.mark.slow  # real browser / spaCy ingest: not part of the fast loop

WD = "http://www.wikidata.org/entity/"
PREFIXES = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def rows(settings, sparql: str) -> list[dict]:
    with open_store(settings, read_only=True) as store:
        res = store.query(PREFIXES + sparql)
        names = [v.value for v in res.variables]
        return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in res]


def same_as(settings, iri: str) -> set[str]:
    return {r["q"] for r in rows(settings, f"SELECT ?q WHERE {{ <{iri}> owl:sameAs ?q }}")}


def provenance(settings, iri: str) -> dict:
    found = rows(settings, f"""SELECT ?n ?q ?conf ?method ?evidence ?when WHERE {{
        GRAPH <{settings.entities_graph}> {{ ?n a geonews:WikidataLink ; rdf:subject <{iri}> ;
            rdf:predicate owl:sameAs ; rdf:object ?q ; geonews:linkConfidence ?conf ; geonews:linkMethod ?method ;
            prov:generatedAtTime ?when . OPTIONAL {{ ?n geonews:linkEvidence ?evidence }} }} }}""")
    assert len(found) <= 1, found
    return found[0] if found else {}


def entries(settings) -> dict[str, dict]:
    return {e["label"]: e for e in json.loads(table_path(settings).read_text(encoding="utf-8"))["links"]}


def edit(settings, changes: dict[str, dict]) -> None:
    path = table_path(settings)
    data = json.loads(path.read_text(encoding="utf-8"))
    for e in data["links"]:
        e.update(changes.get(e["label"], {}))
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def test_links_are_published_with_their_provenance(scenario_settings, iri_of):
    link_store(scenario_settings)
    table = entries(scenario_settings)
    hamas = iri_of("Hamas")
    assert same_as(scenario_settings, hamas) == {WD + "Q900000101"}
    p = provenance(scenario_settings, hamas)
    assert p["q"] == WD + "Q900000101" and p["method"] == "wikidata-search"
    assert Decimal(p["conf"]) == Decimal(str(table["Hamas"]["score"]))
    assert "type: instance of Q900000901 subclass of Q17149090" in p["evidence"]
    assert p["when"] == table["Hamas"]["date"]
    # the gazetteer's links are untouched and carry no provenance node
    assert same_as(scenario_settings, iri_of("Libya")) == {WD + "Q1016"}
    assert provenance(scenario_settings, iri_of("Libya")) == {}
    # unlinked entities have no owl:sameAs
    assert same_as(scenario_settings, iri_of("Tripoli")) == set()
    nodes = rows(scenario_settings, "SELECT (COUNT(?n) AS ?c) WHERE { ?n a geonews:WikidataLink }")
    assert int(nodes[0]["c"]) == sum(1 for e in table.values() if e["status"] == "linked") == 22


def test_the_store_still_validates_and_the_link_nodes_are_checked(scenario_settings):
    link_store(scenario_settings)
    results = dict(validate_store(scenario_settings))
    assert all(v == [] for v in results.values()), {k: v for k, v in results.items() if v}
    assert any(name.endswith("Wikidata links") for name in results)  # the link nodes were checked too


def test_a_rerun_sends_nothing_already_asked_and_changes_nothing(scenario_settings, wikidata):
    first = link_store(scenario_settings)
    text = table_path(scenario_settings).read_text(encoding="utf-8")
    sent = len(wikidata.requests)
    assert first.requests == sent > 0 and first.written == 22
    again = link_store(scenario_settings)
    assert len(wikidata.requests) == sent and again.requests == 0  # everything came from the cache
    assert again.written == again.removed == again.changed == 0
    assert table_path(scenario_settings).read_text(encoding="utf-8") == text


def test_a_users_edits_win_over_the_algorithm(scenario_settings, wikidata, iri_of):
    link_store(scenario_settings)
    edit(scenario_settings, {"Hamas": {"review": "reject"},
                             "Tripoli": {"review": "accept", "qid": "Q900000402"},
                             "Doha Agreement": {"review": "accept", "qid": "Q900000305"},
                             "Sirte": {"review": "accept"}})
    cache = table_path(scenario_settings).parent / "wikidata-cache.sqlite"
    cache.unlink()  # so that any question about the reviewed entities would reach the API
    wikidata.reset()
    report = link_store(scenario_settings)
    asked = {p["search"] for p in wikidata.asked("wbsearchentities")}
    assert not asked & {"Hamas", "Tripoli", "Doha Agreement", "Sirte"}
    assert report.reviewed == 4
    assert same_as(scenario_settings, iri_of("Hamas")) == set()
    assert provenance(scenario_settings, iri_of("Hamas")) == {}
    for label, qid in (("Tripoli", "Q900000402"), ("Doha Agreement", "Q900000305"), ("Sirte", "Q900000404")):
        assert same_as(scenario_settings, iri_of(label)) == {WD + qid}
        p = provenance(scenario_settings, iri_of(label))
        assert p["method"] == "user-review" and Decimal(p["conf"]) == 1
    table = entries(scenario_settings)
    assert table["Hamas"]["review"] == "reject" and table["Tripoli"]["qid"] == "Q900000402"
    # a user changing their mind: the old link (and its node) goes, the new one comes, in one run
    edit(scenario_settings, {"Tripoli": {"review": "accept", "qid": "Q900000401"}})
    link_store(scenario_settings)
    assert same_as(scenario_settings, iri_of("Tripoli")) == {WD + "Q900000401"}
    assert len(rows(scenario_settings, f"SELECT ?n WHERE {{ ?n rdf:subject <{iri_of('Tripoli')}> }}")) == 1


@pytest.mark.parametrize("change, message", [
    ({"review": "maybe"}, '"review" must be "accept", "reject" or null'),
    ({"review": "accept", "qid": "Tripoli"}, '"qid" must be a Wikidata item id'),
    ({"review": "accept", "qid": None}, '"accept" needs the "qid"'),
])
def test_a_bad_edit_is_a_clear_error_and_loses_nothing(scenario_settings, cli, wikidata, change, message):
    link_store(scenario_settings)
    edit(scenario_settings, {"Tripoli": change})
    before = table_path(scenario_settings).read_text(encoding="utf-8")
    links_before = rows(scenario_settings, "SELECT ?e ?q WHERE { ?e owl:sameAs ?q }")
    wikidata.reset()
    proc = cli("link", "--store", scenario_settings.store, env=env(scenario_settings))
    assert proc.returncode == 2 and message in proc.stderr and "place/tripoli" in proc.stderr
    assert table_path(scenario_settings).read_text(encoding="utf-8") == before
    assert rows(scenario_settings, "SELECT ?e ?q WHERE { ?e owl:sameAs ?q }") == links_before
    assert wikidata.requests == []


def env(settings) -> dict[str, str]:
    return {"GEONEWS_BASE": settings.base, "GEONEWS_WIKIDATA_API": settings.wikidata_api,
            "GEONEWS_WIKIDATA_RATE": "200", "GEONEWS_WIKIDATA_CONTACT": "geonews-tests@example.org"}


def test_cli_link_then_review_lists_the_uncertain_ones(scenario_settings, cli, wikidata):
    proc = cli("link", "--store", scenario_settings.store, env=env(scenario_settings))
    assert proc.returncode == 0, proc.stderr
    assert "29 entities checked: 22 linked, 7 left unlinked" in proc.stdout
    assert "22 link(s) written" in proc.stdout and "geonews link --review" in proc.stdout
    wikidata.reset()
    proc = cli("link", "--review", "--store", scenario_settings.store, env=env(scenario_settings))
    assert proc.returncode == 0 and wikidata.requests == []
    out = proc.stdout
    for label in ("Tripoli (Place)", "Mohamed Salem (Official)", "Doha Agreement (Agreement)",
                  "Leila Haddad (Official)", "Ministry of Defence (Organization)"):
        assert label in out
    assert "Q900000401" in out and "Q900000402" in out and "capital of Libya" in out
    assert "Karim Tobruk" not in out  # no compatible candidate: nothing to review
    assert "France (State)" not in out  # a link with context is not uncertain
    assert 'set "review" to "accept"' in out


def test_review_without_a_table_says_so(cli, tmp_path):
    proc = cli("link", "--review", "--store", str(tmp_path / "store"))
    assert proc.returncode == 2 and "run `geonews link` first" in proc.stderr


def test_a_remote_store_needs_a_table_setting(cli):
    proc = cli("link", "--store", "http://127.0.0.1:9/query")
    assert proc.returncode == 2 and "link_table" in proc.stderr


def test_the_api_being_unavailable_is_a_clear_error_and_publishes_nothing(scenario_settings, cli, wikidata):
    for _ in range(3):
        wikidata.fail_next(403, body=b"blocked")
    proc = cli("link", "--store", scenario_settings.store, env=env(scenario_settings))
    assert proc.returncode == 2 and "HTTP 403" in proc.stderr
    assert not table_path(scenario_settings).exists()
    assert rows(scenario_settings, "SELECT ?n WHERE { ?n a geonews:WikidataLink }") == []


def _link_graph():
    from geonews.pipeline.rdf.iris import Minter
    from geonews.pipeline.wikidata.publish import link_triples
    from geonews.pipeline.wikidata.table import Link

    m = Minter("http://127.0.0.1:5000")
    link = Link("http://127.0.0.1:5000/id/armed-group/hamas", "Q900000101", 0.75, "wikidata-search",
                "name 'Hamas' = its label 'Hamas'", "2026-01-02T03:04:05Z")
    return link_triples(m, link), m.wikidata_link(link.entity, link.qid)


@pytest.mark.parametrize("breakage, message", [
    (lambda g, n: g.remove((n, GN.linkMethod, None)) or g.add((n, GN.linkMethod, Literal("guess"))),
     "linkMethod must be"),
    (lambda g, n: g.set((n, GN.linkConfidence, Literal(Decimal("1.5"), datatype=XSD.decimal))),
     "linkConfidence between 0 and 1"),
    (lambda g, n: g.remove((n, PROV.generatedAtTime, None)), "prov:generatedAtTime"),
    (lambda g, n: g.remove((None, OWL.sameAs, None)), "is not in the graph"),
    (lambda g, n: g.set((n, RDF.object, URIRef("http://example.org/Q1"))), "one Wikidata item IRI"),
])
def test_the_shapes_check_each_part_of_a_link_node(breakage, message):
    from geonews.pipeline.rdf.validate import check

    g, node = _link_graph()
    assert check(g) == []
    breakage(g, node)
    violations = check(g)
    assert violations and any(message in v.message for v in violations), violations
