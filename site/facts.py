"""Facts as a table: /facts.csv and /facts.json, filtered and paged (the HTTP contract).

One row per claim: subject, relation, object, the fact's date, confidence, attribution, the
evidence sentence, and the article (IRI, URL, title, publication date). Filters: `relation`,
`entity` (as subject or object), `article`, `min_confidence`, `from`/`to` (the fact's date, else
the article's). Pages are `limit` rows (at most MAX_LIMIT) in claim-IRI order; the next page is
`after=` the last claim's key, given as a `next` link (JSON field and `Link` header). The query
is one bounded SELECT in the query workers (`page_timeout`), values bound by substitution; CSV
cells go through spreadsheet_safety.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, request

from geonews.ontology import RELATIONS
from geonews.pipeline.rdf.iris import Minter

from .db import get_settings, get_store
from .queries import PROLOGUE, UnknownResource, entity_iri, labels, valid_key
from .spreadsheet_safety import neutralise

bp = Blueprint("facts", __name__)

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
XSD = "http://www.w3.org/2001/XMLSchema#"
COLUMNS = ("claim", "subject", "subject_label", "relation", "object", "object_label", "date",
           "confidence", "attribution", "attribution_label", "evidence", "article",
           "article_url", "article_title", "published")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

_QUERY = """SELECT ?claim ?s ?p ?o ?date ?conf ?by ?evidence ?article ?url ?title ?published
       ?rel ?ent ?art ?min ?from ?to ?after WHERE {
  ?claim a geonews:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
         prov:wasDerivedFrom ?article .
  %(selectors)s
  OPTIONAL { ?claim geonews:confidence ?conf }
  OPTIONAL { ?claim geonews:evidence ?evidence }
  OPTIONAL { ?claim geonews:date ?date }
  OPTIONAL { ?claim geonews:attributedTo ?by }
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:source ?url }
  OPTIONAL { ?article dcterms:date ?published }
  %(filters)s
} ORDER BY STR(?claim) LIMIT %(limit)d"""

_SELECTORS = {
    "rel": "FILTER(?p = ?rel)",
    "ent": "{ ?claim rdf:subject ?ent } UNION { ?claim rdf:object ?ent }",
    "art": "FILTER(?article = ?art)",
}
# a date of year or month precision covers the whole year or month
_DAY = "STR(COALESCE(?date, ?published))"
_END = (f"IF(STRLEN({_DAY}) = 4, CONCAT({_DAY}, \"-12-31\"), "
        f"IF(STRLEN({_DAY}) = 7, CONCAT({_DAY}, \"-31\"), {_DAY}))")
_FILTERS = {
    "min": "FILTER(BOUND(?conf) && ?conf >= ?min)",
    "from": f"FILTER(BOUND(?date) || BOUND(?published)) FILTER({_END} >= ?from)",
    "to": f"FILTER(BOUND(?date) || BOUND(?published)) FILTER({_DAY} <= ?to)",
    "after": "FILTER(STR(?claim) > ?after)",
}


class BadFilter(ValueError):
    """A filter parameter that cannot be read (HTTP 400 with the reason)."""


def _day(name: str, value: str, end: bool) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound as a day: the first day of its period, or the last."""
    if not _DATE.match(value):
        raise BadFilter(f"{name}={value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        datetime.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        raise BadFilter(f"{name}={value!r} is not a date") from None
    if len(value) == 4:
        return value + ("-12-31" if end else "-01-01")
    if len(value) == 7:
        return value + ("-31" if end else "-01")
    return value


def resource(minter: Minter, value: str, kinds: tuple[str, ...] | None = None) -> str:
    """A site IRI given as the IRI, or as its /id/... or /doc/... path; raises BadFilter."""
    path = value[len(minter.base):] if value.startswith(minter.base + "/") else value
    m = re.match(r"^/(?:id|doc)/([a-z-]+)/([^/?#]+)$", path)
    if m is None or (kinds and m.group(1) not in kinds):
        raise BadFilter(f"{value!r} is not an IRI of this site (/id/kind/key)")
    try:
        return entity_iri(minter, m.group(1), m.group(2))
    except UnknownResource as exc:
        raise BadFilter(str(exc)) from None


@dataclass
class FactQuery:
    """Parsed filters of one request: substitution values by variable name, and the page size."""

    bindings: dict[str, ox.Term]
    params: dict[str, str]
    limit: int


def parse(args, minter: Minter) -> FactQuery:
    b: dict[str, ox.Term] = {}
    params = {k: args[k] for k in ("relation", "entity", "article", "min_confidence", "from", "to")
              if args.get(k)}
    if "relation" in params:
        name = params["relation"].removeprefix("geonews:")
        if name not in RELATIONS:
            raise BadFilter(f"relation={params['relation']!r}: use one of {', '.join(RELATIONS)}")
        b["rel"] = ox.NamedNode(str(RELATIONS[name]))
    if "entity" in params:
        b["ent"] = ox.NamedNode(resource(minter, params["entity"]))
    if "article" in params:
        b["art"] = ox.NamedNode(resource(minter, params["article"], ("article",)))
    if "min_confidence" in params:
        try:
            value = Decimal(params["min_confidence"])
        except InvalidOperation:
            raise BadFilter("min_confidence: give a number between 0 and 1") from None
        if not 0 <= value <= 1:
            raise BadFilter("min_confidence: give a number between 0 and 1")
        b["min"] = ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))
    for name, var, end in (("from", "from", False), ("to", "to", True)):
        if name in params:
            b[var] = ox.Literal(_day(name, params[name], end))
    after = args.get("after")
    if after:
        if not valid_key(after):
            raise BadFilter(f"after={after!r} is not a claim key")
        b["after"] = ox.Literal(str(minter.iri("claim", after)))
    try:
        limit = int(args.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise BadFilter(f"limit: give a number from 1 to {MAX_LIMIT}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BadFilter(f"limit: give a number from 1 to {MAX_LIMIT}")
    return FactQuery(b, params, limit)


def run(q: FactQuery) -> tuple[list[dict], str | None]:
    """The page's rows (plain values) and the key to continue after (None on the last page)."""
    text = PROLOGUE + _QUERY % {
        "selectors": "\n  ".join(v for k, v in _SELECTORS.items() if k in q.bindings),
        "filters": "\n  ".join(v for k, v in _FILTERS.items() if k in q.bindings),
        "limit": q.limit + 1}
    store = get_store()
    rows = store.query(text, substitutions=q.bindings)
    more = len(rows) > q.limit
    rows = rows[:q.limit]

    def v(r, name):
        return None if r[name] is None else r[name].value

    names = labels(store, {v(r, k) for r in rows for k in ("s", "o", "by") if v(r, k)})
    relation_names = {str(iri): name for name, iri in RELATIONS.items()}
    out = []
    for r in rows:
        conf = v(r, "conf")
        out.append({
            "claim": v(r, "claim"), "subject": v(r, "s"), "subject_label": names.get(v(r, "s")),
            "relation": relation_names.get(v(r, "p"), v(r, "p")), "object": v(r, "o"),
            "object_label": names.get(v(r, "o")), "date": v(r, "date"),
            "confidence": float(conf) if conf is not None else None,
            "attribution": v(r, "by"), "attribution_label": names.get(v(r, "by") or ""),
            "evidence": v(r, "evidence"), "article": v(r, "article"), "article_url": v(r, "url"),
            "article_title": v(r, "title"), "published": v(r, "published")})
    last = out[-1]["claim"].rsplit("/", 1)[-1] if more and out else None
    return out, last


def _next_link(q: FactQuery, suffix: str, after: str | None) -> str | None:
    if after is None:
        return None
    return f"/facts.{suffix}?" + urlencode({**q.params, "limit": q.limit, "after": after})


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow(neutralise("" if r[c] is None else str(r[c])) for c in COLUMNS)
    return out.getvalue().encode("utf-8")


@bp.get("/facts.<any(csv, json):suffix>")
def facts(suffix: str) -> Response:
    minter = Minter(get_settings().base)
    try:
        q = parse(request.args, minter)
    except BadFilter as exc:
        return Response(f"{exc}\n", status=400, content_type="text/plain; charset=utf-8")
    rows, after = run(q)
    link = _next_link(q, suffix, after)
    if suffix == "json":
        resp = jsonify(facts=rows, count=len(rows), next=link, filters=q.params)
    else:
        resp = Response(_csv(rows), content_type="text/csv; charset=utf-8")
        resp.headers["Content-Disposition"] = 'attachment; filename="facts.csv"'
    if link:
        resp.headers["Link"] = f'<{link}>; rel="next"'
    return resp
