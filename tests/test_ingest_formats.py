"""Input as it comes: HTML pages, RSS 2.0 and Atom feeds, Markdown and JSON with a field map.

The files in tests/data/web/ were written by hand for these tests (see tests/data/web/README).
Each must give its article with title, date and URL, and, through the whole pipeline, the fact
of its first sentence; hostile and malformed input is one clear error of that file or entry.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from geonews.pipeline import articles
from geonews.pipeline.errors import UsageError

WEB = Path(__file__).parent / "data" / "web"
MAP = "title=headline,text=body,published=date,url=link"


def load(path: Path, **kw):
    return articles.load(path, 1_000_000, max_page_bytes=5_000_000, **kw)


def test_html_page_gives_main_text_title_date_and_canonical_url():
    [a], errors = load(WEB / "page.html")
    assert errors == []
    assert a.title == "Turkey backs the Tripoli government"
    assert a.published == "2026-11-30"
    assert a.url == a.id == "https://courier.example.org/world/2026/11/30/turkey-backs-tripoli"
    assert "Turkey supports the Government of National Accord" in a.text
    for boilerplate in ("Subscribe to our newsletter", "Copyright 2026", "window.analytics", "Sport"):
        assert boilerplate not in a.text


def test_rss_entries_are_articles_and_bad_entries_are_errors_of_their_own():
    found, errors = load(WEB / "feed.rss")
    by_id = {a.id: a for a in found}
    assert sorted(by_id) == ["courier-2026-12-01-qatar", "courier-2026-12-02-egypt"]
    qatar, egypt = by_id["courier-2026-12-01-qatar"], by_id["courier-2026-12-02-egypt"]
    assert qatar.published == "2026-12-01"  # RFC 2822: Tue, 01 Dec 2026 10:00:00 GMT
    assert qatar.url == "https://courier.example.org/world/2026/12/01/qatar-hamas"
    assert qatar.text.startswith("Qatar supports Hamas, Israeli officials said on Tuesday.")
    # no content of its own: the local page its link names, read with the entry's fields
    assert egypt.title == "Egypt and the UAE back Haftar" and egypt.published == "2026-12-02"
    assert "Egypt supports the Libyan National Army" in egypt.text
    reasons = sorted(e.reason for e in errors)
    assert len(reasons) == 2
    assert "ingest does not fetch web pages" in reasons[1]
    assert "courier.example.org/world/2026/12/03/elsewhere" in reasons[1]
    assert "outside the feed's folder" in reasons[0]
    assert {e.source for e in errors} == {f"{WEB / 'feed.rss'}[entry 3]", f"{WEB / 'feed.rss'}[entry 4]"}


def test_atom_entries_with_html_and_text_content():
    found, errors = load(WEB / "feed.atom")
    assert errors == []
    [iran, plain] = found
    assert iran.id == "urn:example:wire:iran-houthis" and iran.published == "2026-12-02"
    assert iran.url == "https://wire.example.net/iran-houthis"
    assert iran.text.startswith("Iran supports the Houthis, according to a report")
    assert plain.text == "Russia opposes Ukraine, the statement said." and plain.published == "2026-12-01"


def test_json_with_a_field_map_and_rfc_2822_dates():
    fields = articles.parse_field_map(MAP)
    [a, b], errors = load(WEB / "headlines.json", fields=fields)
    assert errors == []
    assert (a.id, a.title, a.published, a.url) == ("wire-0001", "Turkey backs the GNA", "2026-12-01",
                                                   "https://wire.example.net/0001")
    assert b.published == "2026-11-29"  # the date as stated, in its own time zone
    assert a.text.startswith("Turkey supports the Government of National Accord")
    _, unmapped = load(WEB / "headlines.json")
    assert len(unmapped) == 2 and all("'text'" in e.reason for e in unmapped)


@pytest.mark.parametrize("spec", ["title", "title=", "headline=title", "title=a,,body"])
def test_a_bad_field_map_is_a_usage_error(spec):
    if spec == "title=a,,body":  # empty parts are ignored, a part without '=' is not
        with pytest.raises(UsageError, match="write field=source"):
            articles.parse_field_map(spec)
        return
    with pytest.raises(UsageError):
        articles.parse_field_map(spec)


def test_markdown_article_is_rendered_to_text():
    [a], _ = load(Path(__file__).parent / "data" / "input" / "good.md")
    assert a.title == "Turkey and Russia agree a ceasefire"
    assert "**" not in a.text and "](" not in a.text
    assert "Russia and Turkey agreed a ceasefire in Idlib." in a.text


@pytest.mark.parametrize(("name", "reason"), [
    ("invalid.xml", "invalid XML"),
    ("bomb.xml", "declares XML entities"),
    ("external.xml", "declares XML entities"),
])
def test_hostile_or_malformed_feeds_are_one_clear_error(name, reason):
    started = time.monotonic()
    found, [error] = load(WEB / name)
    assert found == [] and reason in error.reason and error.source == str(WEB / name)
    assert time.monotonic() - started < 5


def test_megabytes_of_markup_are_one_error_not_parsed_for_ever(tmp_path):
    nested = tmp_path / "nested.html"
    nested.write_text("<html><body>" + "<div>" * 200_000 + "Turkey backs Qatar." + "</div>" * 200_000
                      + "</body></html>", encoding="utf-8")
    assert nested.stat().st_size > 2_000_000
    started = time.monotonic()
    found, [error] = load(nested)
    assert found == [] and "no article text found" in error.reason
    assert time.monotonic() - started < 30
    _, [too_big] = articles.load(nested, 1_000_000, max_page_bytes=2_000_000)
    assert "too large" in too_big.reason


def test_folder_walk_takes_the_new_formats_and_lists_the_rest(tmp_path):
    for name in ("a.html", "b.rss", "c.md", "d.xml", "e.atom"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "f.pdf").write_bytes(b"%PDF")
    files, skipped = articles.walk([tmp_path])
    assert [f.name for f in files] == ["a.html", "b.rss", "c.md", "d.xml", "e.atom"]
    assert [(s.path.name, "unsupported file type '.pdf'" in s.reason) for s in skipped] == [("f.pdf", True)]


# -- through the whole pipeline ----------------------------------------------------------------
FIRST_FACTS = {  # article title -> the fact of its first sentence
    "Turkey backs the Tripoli government": ("supports", "Turkey", "Government of National Accord"),
    "Qatar backs Hamas, officials say": ("supports", "Qatar", "Hamas"),
    "Egypt and the UAE back Haftar": ("supports", "Egypt", "Libyan National Army"),
    "Iran backs the Houthis": ("supports", "Iran", "Houthis"),
    "Plain text entry": ("opposes", "Russia", "Ukraine"),
    "Turkey backs the GNA": ("supports", "Turkey", "Government of National Accord"),
    "Iran and the Houthis": ("supports", "Iran", "Houthis"),
}
READ_BACK = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?a ?title ?date ?url ?p ?sl ?ol ?evidence WHERE {
  ?a a geonews:Article ; dcterms:title ?title .
  OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a dcterms:source ?url }
  OPTIONAL { ?c prov:wasDerivedFrom ?a ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                geonews:evidence ?evidence . ?s rdfs:label ?sl . ?o rdfs:label ?ol }
}"""


def read_back(store: Path) -> dict[str, dict]:
    s = ox.Store.read_only(str(store))
    out: dict[str, dict] = {}
    for r in s.query(READ_BACK, use_default_graph_as_union=True):
        a = out.setdefault(r["title"].value, {"iri": r["a"].value, "facts": set(), "evidence": set(),
                                              "date": r["date"] and r["date"].value,
                                              "url": r["url"] and r["url"].value})
        if r["p"] is not None:
            a["facts"].add((r["p"].value.rsplit("#", 1)[1], r["sl"].value, r["ol"].value))
            a["evidence"].add(r["evidence"].value)
    return out


@pytest.mark.slow
def test_each_input_gives_its_article_and_the_fact_of_its_first_sentence(cli, tmp_path):
    store = tmp_path / "store"
    web = [WEB / n for n in ("page.html", "feed.rss", "feed.atom")]
    proc = cli("ingest", "--store", str(store), *map(str, web))
    assert proc.returncode == 2, proc.stderr  # entries 3 and 4 of the feed are errors
    assert "[entry 3]: skipped: the entry has no text of its own" in proc.stderr
    proc = cli("ingest", "--store", str(store), "--map", MAP, str(WEB / "headlines.json"))
    assert proc.returncode == 0, proc.stderr
    got = read_back(store)
    assert sorted(got) == sorted(FIRST_FACTS)
    for title, fact in FIRST_FACTS.items():
        assert fact in got[title]["facts"], (title, got[title]["facts"])
    assert got["Turkey backs the Tripoli government"]["date"] == "2026-11-30"
    assert got["Qatar backs Hamas, officials say"]["date"] == "2026-12-01"
    assert got["Turkey backs the GNA"]["url"] == "https://wire.example.net/0001"
    assert got["Iran backs the Houthis"]["url"] == "https://wire.example.net/iran-houthis"


@pytest.mark.slow
def test_reingesting_a_json_id_replaces_its_graph(cli, tmp_path):
    store, source = tmp_path / "store", tmp_path / "wire.json"
    record = {"id": "wire-7", "headline": "Turkey backs the GNA",
              "body": "Turkey supports the Government of National Accord.", "date": "2026-12-01"}
    source.write_text(json.dumps(record), encoding="utf-8")
    assert cli("ingest", "--store", str(store), "--map", MAP, str(source)).returncode == 0
    first = read_back(store)["Turkey backs the GNA"]
    record["body"] = "Qatar supports the Government of National Accord, officials said."
    source.write_text(json.dumps(record), encoding="utf-8")
    assert cli("ingest", "--store", str(store), "--map", MAP, str(source)).returncode == 0
    [second] = read_back(store).values()
    assert second["iri"] == first["iri"]
    assert second["facts"] == {("supports", "Qatar", "Government of National Accord")}


@pytest.mark.slow
def test_unsupported_files_in_a_folder_are_listed_and_counted(cli, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text("# Qatar and Hamas\n\nQatar supports Hamas, officials said.\n",
                                 encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK")
    proc = cli("ingest", "--store", str(tmp_path / "store"), str(folder))
    assert proc.returncode == 0, proc.stderr
    for name in ("scan.pdf", "notes.docx"):
        assert f"{folder / name}: left out: unsupported file type" in proc.stderr
    assert "1 article(s) ingested, 0 skipped, 0 fact(s) rejected, 2 file(s) left out" in proc.stdout
