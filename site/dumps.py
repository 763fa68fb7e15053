"""Dumps: the whole dataset (Turtle, TriG, N-Quads, each also gzipped) and each article's graph.

Full dumps are written once per store version, in the background, to a private temporary folder
and streamed from there with send_file (never held in memory; from a SPARQL server they are
streamed graph by graph into the file, which is thrown away if the server's version changed
meanwhile); a request waits for the file at most `page_timeout` seconds (then 503 with
Retry-After: no HTTP thread is held for the minutes a large dump can take). ETag and
Last-Modified come from the store version, so conditional requests get 304, and a failed
precondition gets a short 412, never the file.
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

from geonews.pipeline.formats import BY_KEY
from geonews.pipeline.rdf.iris import Minter

from .db import SERVER, PageQueryFailed, StoreHandle, get_handle, get_settings
from .negotiate import NotAcceptable, etag_for, negotiate, store_stamp
from .queries import PROLOGUE, valid_key
from .terms import PREFIXES

bp = Blueprint("dumps", __name__)


@dataclass(frozen=True)
class Dump:
    name: str  # file name under /dumps/
    fmt: str  # a key of the formats registry (also GraphStore.dump's format)
    gz: bool = False
    label: str = ""

    @property
    def media_type(self) -> str:
        return "application/gzip" if self.gz else BY_KEY[self.fmt].media_type


_BASE = (
    Dump("all.ttl", "turtle", label="Turtle: all graphs merged into one"),
    Dump("all.trig", "trig", label="TriG: every named graph"),
    Dump("all.nq", "nquads", label="N-Quads: every named graph"),
)
DUMPS: dict[str, Dump] = {d.name: d for d in _BASE}
DUMPS.update({f"{d.name}.gz": Dump(f"{d.name}.gz", d.fmt, True, d.label + ", gzipped") for d in _BASE})


class DumpCache:
    """Files named by store version, in a private temporary folder removed when `serve` stops
    (at exit, on SIGINT and on SIGTERM; folders left by a killed server are removed at start)."""

    PREFIX = "geonews-dumps-"

    def __init__(self) -> None:
        _remove_orphans(Path(tempfile.gettempdir()), self.PREFIX)
        self.dir = Path(tempfile.mkdtemp(prefix=f"{self.PREFIX}{os.getpid()}-"))
        atexit.register(shutil.rmtree, self.dir, True)

    def path(self, dump: Dump, stamp: float) -> Path:
        return self.dir / f"{stamp!r}-{dump.name}"

    def write(self, handle: StoreHandle, dump: Dump, stamp: float) -> Path:
        """Write `dump` for version `stamp` (called once per version, in the background)."""
        target = self.path(dump, stamp)
        if target.exists():
            return target
        tmp = target.with_name(target.name + ".part")
        if dump.gz:
            plain = self.write(handle, DUMPS[dump.name.removesuffix(".gz")], stamp)
            with open(plain, "rb") as src, open(tmp, "wb") as raw, gzip.GzipFile(
                    filename=dump.name[:-3], mode="wb", fileobj=raw, mtime=0) as gz:
                shutil.copyfileobj(src, gz, 1 << 20)
        else:
            with open(tmp, "wb") as out:
                handle.get().dump(out, dump.fmt)
            if handle.remote and handle.fresh_stamp() != stamp:  # another writer was at work
                tmp.unlink(missing_ok=True)
                raise PageQueryFailed("the data changed while this dump was being written; try again")
        os.replace(tmp, target)
        for old in self.dir.glob(f"*-{dump.name}"):
            if old != target:
                old.unlink(missing_ok=True)  # a reader still streaming it keeps its handle
        return target


def _remove_orphans(tmp: Path, prefix: str) -> None:
    """Remove dump folders whose server process is gone (a kill -9 runs no clean-up)."""
    for folder in tmp.glob(f"{prefix}*"):
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
    handle, cache = get_handle(), _cache()
    stamp = store_stamp()
    etag = etag_for("dump", name, stamp=stamp)
    path = handle.versioned(("dump", name), lambda: cache.write(handle, dump, stamp),
                            wait=get_settings().page_timeout)
    resp = send_file(path, mimetype=dump.media_type, download_name=name, etag=etag,
                     last_modified=_last_modified(stamp), conditional=True, max_age=0)
    return without_body_on_412(resp)


def without_body_on_412(resp: Response) -> Response:
    """A failed If-Match / If-Unmodified-Since gets a short explanation, not the whole file."""
    if resp.status_code == 412:
        resp.close()  # the file send_file opened
        return Response("Precondition failed: the resource has changed (its ETag differs)\n",
                        status=412, content_type="text/plain; charset=utf-8",
                        headers={"ETag": resp.headers.get("ETag", "")})
    return resp


def article_graphs(handle: StoreHandle, base: str) -> list[dict]:
    """Each article graph with its title and triple count, for the listing and VoID: computed
    once per store version (two queries that stay fast at a million quads)."""
    def compute() -> list[dict]:
        timeout = handle.settings.stats_timeout
        counts = {r["g"].value: int(r["n"].value) for r in handle.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            timeout=timeout, client=SERVER)}
        titles = {r["g"].value: (r["title"].value if r["title"] else None) for r in handle.query(
            PROLOGUE + "SELECT ?g ?title WHERE { GRAPH ?g { ?g a geonews:Article "
                       "OPTIONAL { ?g dcterms:title ?title } } }", timeout=timeout, client=SERVER)}
        out, prefix = [], f"{base}/id/article/"
        for iri, title in titles.items():
            key = iri[len(prefix):]
            if iri.startswith(prefix) and valid_key(key):
                out.append({"iri": iri, "key": key, "title": title or key,
                            "triples": counts.get(iri, 0)})
        return sorted(out, key=lambda a: (a["title"], a["iri"]))

    rows = handle.versioned("article-graphs", compute, wait=handle.settings.page_timeout)
    return [{**a, "url": url_for("dumps.article_dump", key=a["key"])} for a in rows]


@bp.get("/dumps/article/<key>.ttl")
def article_dump(key: str) -> Response:
    """One article's named graph (bounded by the article's length, so built in memory)."""
    if not valid_key(key):
        return Response("Not found\n", status=404, content_type="text/plain; charset=utf-8")
    iri = str(Minter(get_settings().base).iri("article", key))
    stamp = store_stamp()
    handle = get_handle()
    if not handle.has_graph(iri):
        return Response(f"# Not found: no graph <{iri}>\n", status=404,
                        content_type="text/turtle; charset=utf-8")
    triples = handle.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                           {"g": ox.NamedNode(iri)}, union=False)
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    resp = send_file(BytesIO(body), mimetype="text/turtle", download_name=f"{key}.ttl",
                     etag=etag_for("article-dump", key, stamp=stamp),
                     last_modified=_last_modified(stamp), conditional=True, max_age=0)
    return without_body_on_412(resp)


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
    articles = article_graphs(get_handle(), get_settings().base)
    if fmt.suffix == "json":
        resp = jsonify(dumps=full, articles=articles)
    else:
        resp = Response(render_template("dumps.html", dumps=full, articles=articles),
                        content_type="text/html; charset=utf-8")
    if suffix is None:
        resp.vary.add("Accept")
    return resp
