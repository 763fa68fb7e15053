"""`/sparql`: the SPARQL 1.1 Protocol, query operation only, over the store (the HTTP contract, docs/ARCHITECTURE.md).

Requests are read here, checked by `safety` before any parsing, and evaluated in a killable
worker process (`pool`). Without a query the endpoint answers its Service Description, or an
HTML query page for browsers. Every answer carries `Access-Control-Allow-Origin: *`.
"""

from __future__ import annotations

import io
import logging
import math

import pyoxigraph as ox
from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from geonews.pipeline.errors import StoreError

from ..db import client_id, get_handle, get_settings
from . import editor
from .errors import ProtocolError
from .formats import GRAPH_FORMATS, GRAPH_OFFERS, RESULT_FORMATS, RESULT_OFFERS, UnknownFormat, negotiate
from .pool import Job, Outcome, PoolBusy, QueryTimedOut, StoreUnavailable, WorkerCrashed
from .safety import QueryRejected, check_query
from .service_description import SD_OFFERS, service_description

log = logging.getLogger(__name__)
bp = Blueprint("sparql", __name__)

TRUNCATED_HEADER = "Geonews-Results-Truncated"
MAX_ROWS_HEADER = "Geonews-Max-Rows"
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Every media type of data the endpoint writes (a client naming one of them gets data).
DATA_OFFERS = [mt for mt, _ in (*RESULT_OFFERS, *GRAPH_OFFERS)]

def endpoint_url() -> str:
    """The endpoint's own URL, from the configured base IRI: never from the request's Host
    header, which a client chooses (it would steer relative IRIs and what the server states)."""
    return f"{get_settings().base}/sparql"


def _text(status: int, message: str, **headers: str) -> Response:
    return Response(
        message.rstrip("\n") + "\n",
        status=status,
        content_type="text/plain; charset=utf-8",
        headers=headers,
    )


@bp.after_request
def _cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response.headers["Access-Control-Expose-Headers"] = (
        f"{TRUNCATED_HEADER}, {MAX_ROWS_HEADER}, Retry-After"
    )
    response.vary.add("Accept")
    return response


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc: RequestEntityTooLarge) -> Response:
    return _text(
        413,
        f"request body too large: at most {get_settings().max_request_bytes} bytes are accepted",
    )


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    html = _format_param() is None and prefers_html(DATA_OFFERS)
    try:
        query = _read_query()
        if query is None:
            return _no_query()
        if html:
            return editor.page(query, _execute)
        return _answer(query)
    except ProtocolError as exc:
        if html:  # e.g. an empty query from the editor's form: say so in the page
            return editor.page(request.values.get("query", ""), _execute, exc)
        return _text(exc.status, str(exc), **exc.headers)


def _format_param() -> str | None:
    """`format=` (Virtuoso, SPARQLWrapper) or `output=` (Fuseki) names the answer's format."""
    return request.values.get("format") or request.values.get("output") or None


def prefers_html(offers: list[str]) -> bool:
    """Whether the client puts HTML first: a browser's `Accept: text/html,...`. Any client that
    lists a data format as high (or sends `*/*`, or no Accept) gets data: HTML is offered last."""
    accept = request.accept_mimetypes
    return bool(accept) and accept.best_match([*offers, *HTML_TYPES]) in HTML_TYPES


def _read_query() -> str | None:
    """The query text of a GET, form POST or direct POST; None when there is none."""
    if "update" in request.args:
        raise ProtocolError(400, "SPARQL Update is not accepted: this endpoint is read-only")
    queries = request.args.getlist("query")
    if request.method == "POST":
        mimetype = request.mimetype
        if mimetype == "application/x-www-form-urlencoded":
            if "update" in request.form:
                raise ProtocolError(
                    400, "SPARQL Update is not accepted: this endpoint is read-only"
                )
            queries += request.form.getlist("query")
            if not queries:
                raise ProtocolError(400, "no query: the form has no `query` field")
        elif mimetype == "application/sparql-query":
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ProtocolError(
                    415, f"charset {charset} is not accepted: send the query as UTF-8"
                )
            try:
                queries.append(request.get_data().decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise ProtocolError(400, f"the query is not valid UTF-8: {exc}") from None
        elif mimetype == "application/sparql-update":
            raise ProtocolError(415, "SPARQL Update is not accepted: this endpoint is read-only")
        else:
            raise ProtocolError(
                415,
                f"Content-Type {mimetype or '(none)'} is not accepted: POST a query as "
                "application/x-www-form-urlencoded or application/sparql-query",
            )
    if len(queries) > 1:
        raise ProtocolError(400, f"the query was given {len(queries)} times; give exactly one")
    if not queries:
        return None
    if not queries[0].strip():
        raise ProtocolError(400, "the query is empty")
    return queries[0]


def _no_query() -> Response:
    """The Service Description (RDF), or the HTML query page when a browser prefers HTML."""
    if request.method == "POST":
        raise ProtocolError(400, "no query in the request")
    if prefers_html(list(SD_OFFERS)):
        return editor.page(None, _execute)
    accept = request.accept_mimetypes
    best = accept.best_match(list(SD_OFFERS)) if accept else next(iter(SD_OFFERS))
    if best is None:
        raise ProtocolError(
            400,
            "no query given, and the service description is only available as "
            + ", ".join(SD_OFFERS),
        )
    def render() -> bytes:
        graph = service_description(endpoint_url(), _named_graphs() or [])
        return graph.serialize(format=SD_OFFERS[best], encoding="utf-8")

    body = get_handle().versioned(("service-description", best), render)
    return Response(body, content_type=f"{best}; charset=utf-8")


def _named_graphs() -> list[str] | None:
    try:
        return get_handle().named_graphs()
    except StoreError as exc:
        log.warning("sparql: %s", exc)
        return None


class _StoreGraphs:
    """`iri in graphs` asks the store whether it holds that named graph (no listing)."""

    def __contains__(self, iri: object) -> bool:
        try:
            return get_handle().has_graph(str(iri))
        except ValueError:  # not an IRI: certainly not a graph of the store
            return False


def _known_graphs() -> _StoreGraphs | None:
    try:
        get_handle().get()
    except StoreError as exc:
        log.warning("sparql: %s", exc)
        return None
    return _StoreGraphs()


def _dataset() -> tuple[list[str], list[str]]:
    """The protocol's default-graph-uri and named-graph-uri values (each an absolute IRI)."""
    default_graph = request.values.getlist("default-graph-uri")
    named_graphs = request.values.getlist("named-graph-uri")
    for name, iris in (("default-graph-uri", default_graph), ("named-graph-uri", named_graphs)):
        for iri in iris:
            try:
                ox.NamedNode(iri)
            except ValueError as exc:
                raise ProtocolError(400, f"{name}={iri!r} is not an absolute IRI: {exc}") from None
    return default_graph, named_graphs


def _answer(query: str) -> Response:
    format_param = _format_param()
    try:
        results_format, graph_format = negotiate(request.accept_mimetypes, format_param)
    except UnknownFormat as exc:
        return _text(400, str(exc))
    if results_format is None and graph_format is None:
        return _not_acceptable(format_param)
    try:
        outcome = _execute(query, results_format, graph_format)
    except ProtocolError as exc:
        return _text(exc.status, str(exc), **exc.headers)
    if outcome.status == "not_acceptable":
        return _not_acceptable(format_param, outcome.kind)
    fmt = (GRAPH_FORMATS if outcome.kind == "triples" else RESULT_FORMATS)[outcome.format]
    response = _body(outcome.body, fmt.content_type)
    return truncation_headers(response, outcome.truncated)


def _body(body: bytes, content_type: str) -> Response:
    """A large answer goes to the server as a file (waitress then sends it from there instead
    of first copying it into its output buffers: measured 4-5 ms of CPU for 850 kB)."""
    wrapper = request.environ.get("wsgi.file_wrapper")
    if len(body) < 1 << 16 or wrapper is None:
        return Response(body, content_type=content_type)
    resp = Response(wrapper(io.BytesIO(body), 1 << 18), content_type=content_type, direct_passthrough=True)
    resp.content_length = len(body)
    return resp


def truncation_headers(response: Response, truncated: bool) -> Response:
    response.headers[TRUNCATED_HEADER] = "true" if truncated else "false"
    if truncated:
        response.headers[MAX_ROWS_HEADER] = str(get_settings().max_rows)
    return response


def _execute(query: str, results_format: str | None, graph_format: str | None) -> Outcome:
    """Check `query` and run it in a worker: an Outcome that is ok or not_acceptable; anything
    else raises ProtocolError with the status and message the client gets."""
    settings = get_settings()
    try:
        scanned = check_query(
            query,
            settings.max_query_length,
            settings.max_query_depth,
            _known_graphs,
            base=endpoint_url(),
            strict=get_handle().remote,
        )
    except QueryRejected as exc:
        raise ProtocolError(exc.status, str(exc)) from None
    default_graph, named_graphs = _dataset()
    protocol_dataset = bool(default_graph or named_graphs)
    job = Job(
        query=query,
        store=settings.store,
        stamp=0.0 if get_handle().remote else get_handle().stamp,
        results_format=results_format,
        graph_format=graph_format,
        max_rows=settings.max_rows,
        default_graph=default_graph if protocol_dataset else None,
        named_graphs=named_graphs if protocol_dataset else None,
        union=not protocol_dataset and not scanned.has_dataset,
        base_iri=endpoint_url(),
        rows_bounded=scanned.limit is not None and scanned.limit <= settings.max_rows,
    )
    timeout = settings.query_timeout
    retry = {"Retry-After": str(max(1, math.ceil(timeout)))}
    try:
        outcome = get_handle().pool.run(job, timeout, client_id())
    except PoolBusy as exc:
        raise ProtocolError(503, f"too many queries at once ({exc}); try again shortly",
                            **retry) from None
    except QueryTimedOut as exc:
        raise ProtocolError(504, str(exc)) from None
    except StoreUnavailable as exc:
        raise ProtocolError(503, f"the store is not available: {exc}", **retry) from None
    except WorkerCrashed as exc:
        raise ProtocolError(500, str(exc)) from None
    if outcome.status == "syntax":
        raise ProtocolError(400, f"malformed query: {outcome.message}")
    if outcome.status == "refused":
        log.warning("sparql: the network sandbox refused a connection: %s", outcome.message)
        raise ProtocolError(400, "SERVICE (federated query) is not accepted: this endpoint makes "
                                 f"no outbound requests; {outcome.message}")
    if outcome.status not in ("ok", "not_acceptable"):
        log.error("sparql: query failed: %s", outcome.message)
        raise ProtocolError(500, "the query failed inside the query engine")
    return outcome


def _not_acceptable(format_param: str | None, kind: str = "") -> Response:
    formats = (
        GRAPH_FORMATS
        if kind == "triples"
        else RESULT_FORMATS
        if kind
        else {**RESULT_FORMATS, **GRAPH_FORMATS}
    )
    offered = ", ".join(f.media_type for f in formats.values())
    if format_param:
        return _text(
            400,
            f"format={format_param} is not available for this query; it can be answered as "
            f"{offered}",
        )
    return _text(
        406,
        f"none of the accepted media types can be produced; this query can be answered as "
        f"{offered}",
    )
