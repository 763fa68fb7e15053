"""A local Wikidata API for the linking tests: a real HTTP server on loopback that answers
wbsearchentities and wbgetentities in the API's format, from entity objects that are either
REAL recordings (tests/data/wikidata/recorded, sources in MANIFEST.json) or BUILT BY HAND
(tests/data/wikidata/handbuilt, fake ids). Search answers are built here, per request, the way
Wikibase's SearchEntities.php builds them (prefix match on English labels and aliases, exact
matches first; id, title, pageid, concepturi, repository, url, display, label, description,
match, aliases; search-continue; success). Faults (429, 503, maxlag) are scripted per test and
follow MediaWiki's ApiMain: maxlag is HTTP 200 with Retry-After, X-Database-Lag and
MediaWiki-API-Error headers. Every request is recorded with its time and headers."""

from __future__ import annotations

import gzip
import json
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from geonews.pipeline.model import Article, Entity, Extraction, Fact, Offsets
from geonews.pipeline.rdf.iris import Minter
from geonews.pipeline.settings import Settings

DATA = Path(__file__).parent.parent / "data" / "wikidata"
BASE = "http://127.0.0.1:5000"
ERROR_STAR = ("See https://www.wikidata.org/w/api.php for API usage. Subscribe to the mediawiki-api-announce "
              "mailing list at &lt;https://lists.wikimedia.org/mailman/listinfo/mediawiki-api-announce&gt; "
              "for notice of API deprecations and breaking changes.")
HTML_429 = (b"<!DOCTYPE html><html lang=\"en\"><head><title>Wikimedia Error</title></head><body>"
            b"<p>Too many requests. Please comply with the User-Agent policy to get a higher rate limit: "
            b"https://meta.wikimedia.org/wiki/User-Agent_policy</p></body></html>")
TERM_KEYS = {"labels", "descriptions", "aliases"}


def load_entities() -> tuple[dict[str, dict], dict[str, str]]:
    """Every entity object the test API knows (recorded and hand-built), and its redirects."""
    entities: dict[str, dict] = {}
    manifest = json.loads((DATA / "recorded" / "MANIFEST.json").read_text(encoding="utf-8"))
    for f in manifest["files"]:
        entities[f["qid"]] = json.loads(gzip.decompress((DATA / "recorded" / f["file"]).read_bytes()))
    handbuilt = json.loads((DATA / "handbuilt" / "entities.json").read_text(encoding="utf-8"))
    entities.update(handbuilt["entities"])
    return entities, handbuilt["redirects"]


@dataclass
class Request:
    at: float  # time.monotonic() when it arrived
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeWikidata:
    entities: dict[str, dict]
    redirects: dict[str, str]
    url: str = ""
    requests: list[Request] = field(default_factory=list)
    faults: deque = field(default_factory=deque)  # (status, headers, body) served before normal answers

    def fail_next(self, status: int, headers: dict[str, str] | None = None, body: bytes = HTML_429) -> None:
        self.faults.append((status, {"Content-Type": "text/html; charset=utf-8", **(headers or {})}, body))

    def maxlag_next(self, lag: float = 7.2, retry_after: int = 5) -> None:
        """MediaWiki's maxlag refusal (ApiMain::checkMaxLag): HTTP 200, a JSON error and three headers."""
        body = {"error": {"code": "maxlag", "info": f"Waiting for 10.64.48.10: {lag} seconds lagged.",
                          "host": "10.64.48.10", "lag": lag, "type": "db", "*": ERROR_STAR}, "servedby": "mw1378"}
        self.faults.append((200, {"Content-Type": "application/json; charset=utf-8",
                                  "MediaWiki-API-Error": "maxlag", "Retry-After": str(retry_after),
                                  "X-Database-Lag": str(int(lag))}, json.dumps(body).encode()))

    def reset(self) -> None:
        self.requests.clear()
        self.faults.clear()

    def asked(self, action: str) -> list[dict[str, str]]:
        return [r.params for r in self.requests if r.params.get("action") == action]

    # -- answers ------------------------------------------------------------------------------
    def answer(self, params: dict[str, str]) -> tuple[int, dict[str, str], dict]:
        action = params.get("action")
        if action == "wbsearchentities":
            return self.search(params)
        if action == "wbgetentities":
            return self.get(params)
        return self.error("badvalue", f"Unrecognized value for parameter \"action\": {action}.")

    @staticmethod
    def error(code: str, info: str) -> tuple[int, dict[str, str], dict]:
        return 200, {"MediaWiki-API-Error": code}, {"error": {"code": code, "info": info, "*": ERROR_STAR},
                                                   "servedby": "mw1378"}

    def search(self, p: dict[str, str]) -> tuple[int, dict[str, str], dict]:
        if "search" not in p or "language" not in p:
            return self.error("missingparam", "The \"search\" and \"language\" parameters must be set.")
        text, lang = p["search"].casefold(), p["language"]
        limit, offset = int(p.get("limit", 7)), int(p.get("continue", 0))
        matches = []
        for qid, e in self.entities.items():
            label = (e.get("labels", {}).get(lang) or {}).get("value")
            terms = [(label, "label")] if label else []
            terms += [(a["value"], "alias") for a in e.get("aliases", {}).get(lang, [])]
            ranked = [(0 if t.casefold() == text else 2, 0 if kind == "label" else 1, t, kind)
                      for t, kind in terms if t.casefold().startswith(text)]
            if ranked:
                matches.append((min(ranked), int(qid[1:]), qid, label, e))
        matches.sort(key=lambda m: (m[0][:2], m[1]))
        out = []
        for (_, _, term, kind), num, qid, label, e in matches[offset:offset + limit]:
            entry = {"id": qid, "title": qid, "pageid": num, "concepturi": f"http://www.wikidata.org/entity/{qid}",
                     "repository": "wikidata", "url": f"//www.wikidata.org/wiki/{qid}", "display": {}}
            description = (e.get("descriptions", {}).get(lang) or {}).get("value")
            if label:
                entry["display"]["label"] = {"value": label, "language": lang}
                entry["label"] = label
            if description:
                entry["display"]["description"] = {"value": description, "language": lang}
                entry["description"] = description
            entry["match"] = {"type": kind, "language": lang, "text": term}
            if term != label:
                entry["aliases"] = [term]
            out.append(entry)
        body = {"searchinfo": {"search": p["search"]}, "search": out}
        if len(matches) > offset + limit and offset + limit <= 50:
            body["search-continue"] = offset + limit
        body["success"] = 1
        return 200, {}, body

    def get(self, p: dict[str, str]) -> tuple[int, dict[str, str], dict]:
        ids = [i for i in p.get("ids", "").split("|") if i]
        if len(ids) > 50:
            return self.error("toomanyvalues", "Too many values supplied for parameter \"ids\". The limit is 50.")
        props = set(p.get("props", "info|sitelinks|aliases|labels|descriptions|claims|datatype").split("|"))
        langs = set(p["languages"].split("|")) if p.get("languages") else None
        entities = {}
        for i in ids:
            target = self.redirects.get(i, i)
            if target not in self.entities:
                entities[i] = {"id": i, "missing": ""}
                continue
            e = self.entities[target]
            out = {"type": e["type"], "id": e["id"]}
            for key in ("labels", "descriptions", "aliases", "claims", "sitelinks"):
                if key in props and key in e:
                    value = e[key]
                    if key in TERM_KEYS and langs is not None:
                        value = {lang: v for lang, v in value.items() if lang in langs}
                    out[key] = value
            if target != i:
                out["redirects"] = {"from": i, "to": target}
            entities[i] = out
        return 200, {}, {"entities": entities, "success": 1}


def _handler(api: FakeWikidata):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - http.server's naming
            query = urllib.parse.urlsplit(self.path).query
            params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
            api.requests.append(Request(time.monotonic(), params, dict(self.headers.items())))
            if api.faults:
                status, headers, body = api.faults.popleft()
            else:
                status, headers, data = api.answer(params)
                headers = {"Content-Type": "application/json; charset=utf-8", **headers}
                body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                headers = {**headers, "Content-Encoding": "gzip"}
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet
            pass

    return Handler


@pytest.fixture(scope="session")
def wikidata_server():
    entities, redirects = load_entities()
    api = FakeWikidata(entities, redirects)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    yield api
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture()
def wikidata(wikidata_server) -> FakeWikidata:
    """The session's test API with no request recorded and no fault pending."""
    wikidata_server.reset()
    yield wikidata_server
    wikidata_server.reset()


# -- the scenario store -----------------------------------------------------------------------------
def scenario() -> dict:
    return json.loads((DATA / "scenario.json").read_text(encoding="utf-8"))


def extraction(a: dict) -> Extraction:
    """One scenario article as the extraction stage would hand it on."""
    article = Article(id=a["id"], title=a["title"], text=a["text"], origin=a["id"])
    ents = {}
    for e in a["entities"]:
        ents[e["label"]] = Entity(kind=e["kind"], label=e["label"], qid=e.get("qid"),
                                  aliases=set(e.get("aliases", [])) | {e["label"]}, named=e.get("named", False),
                                  scope=e.get("scope"))
    whole = Offsets(0, len(a["text"]))
    facts = [Fact(f["predicate"], ents[f["subject"]], ents[f["object"]], whole, 0.9, "scenario")
             for f in a.get("facts", [])]
    for p in a.get("posts", []):
        post = Entity(kind="Post", label=p["title"], role_title=p["title"], post_in=ents[p["in"]])
        facts.append(Fact("holdsPost", ents[p["official"]], post, whole, 0.9, "scenario"))
    return Extraction(article, entities=list(ents.values()), facts=facts)


def build_store(location: Path | str) -> Settings:
    """Publish the scenario articles into a new store (a folder or a SPARQL server's query URL),
    through the pipeline's publish()."""
    from geonews.pipeline.ingest import ensure_ontology, publish
    from geonews.pipeline.store import open_store

    settings = Settings.from_env({}, store=str(location), base=BASE)
    with open_store(settings) as store:
        ensure_ontology(store, settings)
        for a in scenario()["articles"]:
            report = publish(store, Minter(BASE), settings, extraction(a))
            assert report.error is None and not report.rejected, (a["id"], report.error, report.rejected)
    return settings


@pytest.fixture(scope="session")
def scenario_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wd-scenario") / "store"
    build_store(path)
    return path


@pytest.fixture(scope="session")
def scenario_copy(scenario_template, wikidata_server):
    """`scenario_copy(folder)` -> settings for a private copy of the scenario store in `folder`,
    pointing at the test API (at a fast rate)."""
    import shutil

    def make(folder: Path, **changes) -> Settings:
        dst = folder / "store"
        shutil.copytree(scenario_template, dst)
        return Settings.from_env({}, store=str(dst), base=BASE, wikidata_api=wikidata_server.url,
                                 wikidata_rate=200.0, wikidata_contact="geonews-tests@example.org", **changes)

    return make


@pytest.fixture()
def scenario_settings(scenario_copy, tmp_path, wikidata) -> Settings:
    """A private copy of the scenario store, with settings pointing at the test API (fast rate)."""
    return scenario_copy(tmp_path)


@pytest.fixture(scope="session")
def expected() -> dict:
    return scenario()["expected"]


@pytest.fixture(scope="session")
def iri_of():
    """label -> the IRI the scenario's entity of that label has."""
    m = Minter(BASE)
    out = {}
    for a in scenario()["articles"]:
        for e in extraction(a).entities:
            out[e.label] = str(m.entity(e))
    return out.__getitem__


@pytest.fixture(scope="session")
def build_scenario():
    """`build_scenario(folder or query URL)` -> settings of a new store holding the scenario."""
    return build_store
