"""Dumps: the whole dataset (Turtle, TriG, N-Quads, each also gzipped) and each article's graph.

Full dumps are written once per store version to a private temporary folder and streamed from
there with send_file (never held in memory); ETag and Last-Modified come from the store version,
so conditional requests get 304.
"""

from __future__ import annotations

import atexit
import gzip
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox
from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
    url_for,
)

from geonews.pipeline.iris import Minter

from .db import get_settings, get_store
from .negotiate import NotAcceptable, etag_for, negotiate, store_stamp
from .queries import PROLOGUE, valid_key

bp = Blueprint("dumps", __name__)


@dataclass(frozen=True)
class Dump:
    name: str  # file name under /dumps/
    fmt: str  # GraphStore.dump format
    media_type: str
    gz: bool = False
    label: str = ""


_BASE = (
    Dump("all.ttl", "turtle", "text/turtle", label="Turtle: all graphs merged into one"),
    Dump("all.trig", "trig", "application/trig", label="TriG: every named graph"),
    Dump("all.nq", "nquads", "application/n-quads", label="N-Quads: every named graph"),
)
DUMPS: dict[str, Dump] = {d.name: d for d in _BASE}
DUMPS.update({f"{d.name}.gz": Dump(f"{d.name}.gz", d.fmt, "application/gzip", True,
                                   d.label + ", gzipped") for d in _BASE})


class DumpCache:
    """Files named by store version; one lock per dump so each version is written once."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="geonews-dumps-"))
        atexit.register(shutil.rmtree, self.dir, True)
        self._locks = {name: threading.Lock() for name in DUMPS}

    def path(self, dump: Dump, stamp: float) -> Path:
        return self.dir / f"{stamp!r}-{dump.name}"

    def get(self, dump: Dump, stamp: float) -> Path:
        target = self.path(dump, stamp)
        if target.exists():
            return target
        with self._locks[dump.name]:
            if target.exists():
                return target
            tmp = target.with_name(target.name + ".part")
            if dump.gz:
                plain = self.get(DUMPS[dump.name.removesuffix(".gz")], stamp)
                with open(plain, "rb") as src, open(tmp, "wb") as raw, gzip.GzipFile(
                        filename=dump.name[:-3], mode="wb", fileobj=raw, mtime=0) as gz:
                    shutil.copyfileobj(src, gz, 1 << 20)
            else:
                with open(tmp, "wb") as out:
                    get_store().dump(out, dump.fmt)
            os.replace(tmp, target)
            for old in self.dir.glob(f"*-{dump.name}"):
                if old != target:
                    old.unlink(missing_ok=True)  # a reader still streaming it keeps its handle
            return target


_CACHE_LOCK = threading.Lock()


def _cache() -> DumpCache:
    with _CACHE_LOCK:
        if "geonews.dumps" not in current_app.extensions:
            current_app.extensions["geonews.dumps"] = DumpCache()
        return current_app.extensions["geonews.dumps"]


def _last_modified(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


@bp.get("/dumps/<name>")
def full_dump(name: str) -> Response:
    dump = DUMPS.get(name)
    if dump is None:
        return Response(f"No dump named {name!r}; see /dumps/\n", status=404,
                        content_type="text/plain; charset=utf-8")
    stamp = store_stamp()
    etag = etag_for("dump", name, stamp=stamp)
    path = _cache().get(dump, stamp)
    return send_file(path, mimetype=dump.media_type, download_name=name, etag=etag,
                     last_modified=_last_modified(stamp), conditional=True, max_age=0)


def article_graphs() -> list[dict]:
    """Each article graph with its title and triple count, for the listing and VoID."""
    minter = Minter(get_settings().base)
    rows = get_store().query(PROLOGUE + """SELECT ?g ?title (COUNT(*) AS ?n) WHERE {
      GRAPH ?g { ?s ?p ?o } ?g a geonews:Article OPTIONAL { ?g dcterms:title ?title }
    } GROUP BY ?g ?title ORDER BY ?title ?g""")
    out, prefix = [], f"{minter.base}/id/article/"
    for r in rows:
        iri = r["g"].value
        if iri.startswith(prefix) and valid_key(iri[len(prefix):]):
            key = iri[len(prefix):]
            out.append({"iri": iri, "key": key, "title": r["title"].value if r["title"] else key,
                        "triples": int(r["n"].value),
                        "url": url_for("dumps.article_dump", key=key)})
    return out


@bp.get("/dumps/article/<key>.ttl")
def article_dump(key: str) -> Response:
    """One article's named graph (small: bounded by the article's length, so built in memory)."""
    if not valid_key(key):
        return Response("Not found\n", status=404, content_type="text/plain; charset=utf-8")
    iri = str(Minter(get_settings().base).iri("article", key))
    stamp = store_stamp()
    store = get_store()
    known = store.query("ASK { GRAPH ?g { ?s ?p ?o } }",
                        substitutions={ox.Variable("g"): ox.NamedNode(iri)})
    if not known:
        return Response(f"# Not found: no graph <{iri}>\n", status=404,
                        content_type="text/turtle; charset=utf-8")
    buf = BytesIO()
    store.dump(buf, "turtle", graph=iri)
    buf.seek(0)
    return send_file(buf, mimetype="text/turtle", download_name=f"{key}.ttl",
                     etag=etag_for("article-dump", key, stamp=stamp),
                     last_modified=_last_modified(stamp), conditional=True, max_age=0)


@bp.get("/dumps/")
@bp.get("/dumps/index.<suffix>")
def listing(suffix: str | None = None) -> Response:
    """What can be downloaded, as HTML or JSON (`Accept`, `.json` or `?format=json`)."""
    if suffix not in (None, "json", "html"):
        return Response("Not found\n", status=404, content_type="text/plain; charset=utf-8")
    suffix = suffix or ("json" if request.args.get("format") == "json" else None)
    try:
        fmt = negotiate(("html", "json"), suffix)
    except NotAcceptable as exc:
        return Response(f"Not acceptable. Available: {exc}\n", status=406)
    full = [{"name": d.name, "url": url_for("dumps.full_dump", name=d.name),
             "mediaType": d.media_type, "description": d.label} for d in DUMPS.values()]
    articles = article_graphs()
    if fmt.suffix == "json":
        resp = jsonify(dumps=full, articles=articles)
    else:
        resp = Response(render_template("dumps.html", dumps=full, articles=articles),
                        content_type="text/html; charset=utf-8")
    if suffix is None:
        resp.vary.add("Accept")
    return resp
