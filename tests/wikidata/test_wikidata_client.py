"""The Wikidata client against the local test API: politeness (User-Agent, maxlag, rate), the
retries (429 with and without Retry-After, 503, maxlag), the errors, the cache (no request
repeated) and the parsing of real recorded entities."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from geonews import __version__
from geonews.pipeline.errors import WikidataError
from geonews.pipeline.wikidata.cache import AnswerCache
from geonews.pipeline.wikidata.client import WikidataClient, retry_after, user_agent
from geonews.pipeline.wikidata.items import Wikidata, parse_item

RECORDED = Path(__file__).parent.parent / "data" / "wikidata" / "recorded"


def client(api, rate: float = 100.0, retries: int = 3) -> WikidataClient:
    return WikidataClient(api.url, "geonews-tests@example.org", rate=rate, maxlag=5, retries=retries, timeout=10)


def gaps(api) -> list[float]:
    times = [r.at for r in api.requests]
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_every_request_names_geonews_its_version_and_a_contact(wikidata):
    with client(wikidata) as c:
        c.call({"action": "wbsearchentities", "search": "Hamas", "language": "en"})
    (req,) = wikidata.requests
    assert req.headers["User-Agent"] == f"geonews/{__version__} (geonews-tests@example.org) httpx/{httpx.__version__}"
    assert user_agent("x@example.org").startswith("geonews/")
    assert "gzip" in req.headers["Accept-Encoding"]
    assert req.params["maxlag"] == "5" and req.params["format"] == "json"


def test_requests_go_out_at_most_at_the_configured_rate(wikidata):
    with client(wikidata, rate=10.0) as c:
        for name in ("Hamas", "Houthis", "Tripoli", "Sirte", "M23", "Poland"):
            c.call({"action": "wbsearchentities", "search": name, "language": "en"})
    times = [r.at for r in wikidata.requests]
    assert len(times) == 6
    # 10 per second: the six arrive over at least 0.5 s, no two nearly together (the loopback adds
    # a few ms of jitter to when each one reaches the server, not to when it left)
    assert times[-1] - times[0] >= 0.5 - 0.02 and min(gaps(wikidata)) >= 0.07


@pytest.mark.slow  # waits for real
def test_429_with_retry_after_is_retried_after_that_many_seconds(wikidata):
    wikidata.fail_next(429, {"Retry-After": "1"})
    with client(wikidata) as c:
        answer = c.call({"action": "wbsearchentities", "search": "Sirte", "language": "en"})
    assert [h["id"] for h in answer["search"]] == ["Q900000404"]
    assert len(wikidata.requests) == 2 and gaps(wikidata)[0] >= 1.0


@pytest.mark.slow  # waits for real
def test_429_without_retry_after_backs_off_exponentially(wikidata):
    wikidata.fail_next(429)
    wikidata.fail_next(429)
    with client(wikidata) as c:
        c.call({"action": "wbsearchentities", "search": "Sirte", "language": "en"})
    first, second = gaps(wikidata)
    assert len(wikidata.requests) == 3 and first >= 1.0 and second >= 2.0


@pytest.mark.slow  # waits for real
def test_503_with_an_http_date_retry_after_is_honoured(wikidata):
    when = datetime.now(UTC) + timedelta(seconds=3)  # sent with 1 s resolution: 2 to 3 s from now
    wikidata.fail_next(503, {"Retry-After": format_datetime(when, usegmt=True)})
    with client(wikidata) as c:
        c.call({"action": "wbgetentities", "ids": "Q900000404"})
    assert len(wikidata.requests) == 2 and gaps(wikidata)[0] >= 1.5


@pytest.mark.slow  # waits for real
def test_maxlag_is_an_http_200_error_whose_retry_after_is_waited(wikidata):
    wikidata.maxlag_next(lag=7.2, retry_after=5)
    with client(wikidata) as c:
        answer = c.call({"action": "wbgetentities", "ids": "Q900000404"})
    assert answer["entities"]["Q900000404"]["labels"]["en"]["value"] == "Sirte"
    assert len(wikidata.requests) == 2 and gaps(wikidata)[0] >= 5.0


@pytest.mark.slow  # waits for real
def test_it_gives_up_after_the_retries_with_a_clear_error(wikidata):
    for _ in range(2):
        wikidata.fail_next(429, {"Retry-After": "0"})
    with client(wikidata, retries=1) as c, pytest.raises(WikidataError, match="unavailable after 2 attempts.*HTTP 429"):
        c.call({"action": "wbsearchentities", "search": "Sirte", "language": "en"})
    assert len(wikidata.requests) == 2


def test_an_api_error_is_reported_not_retried(wikidata):
    with client(wikidata) as c, pytest.raises(WikidataError, match="badvalue"):
        c.call({"action": "wbnosuchthing"})
    assert len(wikidata.requests) == 1


def test_a_forbidden_answer_is_reported_not_retried(wikidata):
    wikidata.fail_next(403, body=b"Please set a user-agent and respect our robot policy.")
    with client(wikidata) as c, pytest.raises(WikidataError, match="HTTP 403.*user-agent"):
        c.call({"action": "wbsearchentities", "search": "Sirte", "language": "en"})
    assert len(wikidata.requests) == 1


def test_retry_after_reads_seconds_and_dates():
    assert retry_after(httpx.Headers({"Retry-After": "7"})) == 7.0
    assert retry_after(httpx.Headers({})) is None
    assert retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    past = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    assert retry_after(httpx.Headers({"Retry-After": past})) == 0.0


# -- the cache: nothing asked twice -------------------------------------------------------------------
def test_no_question_is_sent_twice_in_a_run_or_across_runs(wikidata, tmp_path):
    path = tmp_path / "cache.sqlite"
    with client(wikidata) as c:
        wd = Wikidata(c, AnswerCache(path))
        assert [h.qid for h in wd.search("Tripoli")] == ["Q900000401", "Q900000402"]
        wd.search("Tripoli")
        wd.items(["Q900000401", "Q900000402"])
        wd.items(["Q900000402", "Q900000404"])  # only Q900000404 is new
    assert [r.params.get("search") or r.params["ids"] for r in wikidata.requests] == \
        ["Tripoli", "Q900000401|Q900000402", "Q900000404"]
    wikidata.reset()
    with client(wikidata) as c:  # a rerun, with the same cache file
        wd = Wikidata(c, AnswerCache(path))
        wd.search("Tripoli")
        items = wd.items(["Q900000404", "Q900000401"])
    assert wikidata.requests == [] and items["Q900000404"].label == "Sirte"


def test_items_are_asked_in_batches_of_at_most_50(wikidata):
    ids = [f"Q9000{n:05d}" for n in range(1, 61)]
    with client(wikidata) as c:
        items = Wikidata(c, AnswerCache(None)).items(ids)
    sent = [r.params["ids"].split("|") for r in wikidata.requests]
    assert [len(s) for s in sent] == [50, 10] and len(items) == 60
    assert items["Q900000060"].missing and not items["Q900000011"].missing


def test_a_redirect_is_followed_and_a_missing_id_marked(wikidata):
    with client(wikidata) as c:
        items = Wikidata(c, AnswerCache(None)).items(["Q900000206", "Q900000999"])
    assert items["Q900000206"].qid == "Q900000207" and items["Q900000206"].label == "Arab Parliament"
    assert items["Q900000999"].missing


# -- real recordings --------------------------------------------------------------------------------
def test_recorded_files_are_the_originals_and_keep_their_licences():
    manifest = json.loads((RECORDED / "MANIFEST.json").read_text(encoding="utf-8"))
    for f in manifest["files"]:
        assert (RECORDED / f["licence_file"]).exists() and f["licence"] in ("MIT", "Apache-2.0")
        if f["conversion"].startswith("none"):
            data = gzip.decompress((RECORDED / f["file"]).read_bytes())
            assert hashlib.sha256(data).hexdigest() == f["sha256_of_original"], f["file"]


def test_real_entities_parse(wikidata):
    with client(wikidata) as c:
        items = Wikidata(c, AnswerCache(None)).items(["Q30", "Q646148", "Q11696", "Q31"])
    usa, henning, potus, belgium = (items[q] for q in ("Q30", "Q646148", "Q11696", "Q31"))
    assert usa.label == "United States of America" and "USA" in usa.aliases
    assert {"Q3624078", "Q6256"} <= set(usa.values("P31")) and "Q7184" in usa.values("P463")
    assert henning.description == "Danish politician (1939-2016)" and henning.values("P27") == ["Q756617"]
    assert henning.values("P31") == ["Q5"] and "Q1780230" in henning.values("P39")
    assert potus.label == "President of the United States" and potus.values("P17") == ["Q30"]
    assert belgium.aliases[0] == "Kingdom of Belgium"
    assert {"P17", "P31", "P463"} <= set(belgium.claims)


def test_a_statement_without_a_value_or_deprecated_is_not_read():
    data = {"id": "Q1", "labels": {}, "claims": {"P27": [
        {"mainsnak": {"snaktype": "novalue", "property": "P27"}, "rank": "normal"},
        {"mainsnak": {"snaktype": "value", "property": "P27", "datavalue": {
            "value": {"entity-type": "item", "id": "Q30"}, "type": "wikibase-entityid"}}, "rank": "deprecated"},
        {"mainsnak": {"snaktype": "value", "property": "P27", "datavalue": {
            "value": {"entity-type": "item", "id": "Q142"}, "type": "wikibase-entityid"}}, "rank": "normal"}]}}
    assert parse_item("Q1", data).values("P27") == ["Q142"]
