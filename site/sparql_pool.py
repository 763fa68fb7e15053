"""Query workers: SPARQL runs in pre-started 'spawn' processes that can be killed.

Neither rdflib nor pyoxigraph can interrupt a running query and some inputs abort the process, so
each query goes to a worker process holding its own read-only pyoxigraph Store (reopened when the
store changed on disk). A query still running at the timeout is stopped by killing its worker; a
replacement is started in the background. The pool has one worker per allowed concurrent query:
when all are taken the caller gets PoolBusy at once (HTTP 503 with Retry-After).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from geonews.pipeline.errors import GeonewsError

log = logging.getLogger(__name__)
_READY_TIMEOUT = 60.0


class PoolBusy(GeonewsError):
    """Every worker is busy (HTTP 503 with Retry-After)."""


class QueryTimedOut(GeonewsError):
    """The query ran past the timeout and its worker was killed (HTTP 504)."""


class WorkerCrashed(GeonewsError):
    """The worker died while running the query (HTTP 500; the server carries on)."""


class StoreUnavailable(GeonewsError):
    """The worker could not open the store (HTTP 503)."""


@dataclass
class Job:
    """One query for a worker; graphs are IRIs, formats are keys of sparql_formats."""

    query: str
    store: str
    stamp: float
    results_format: str | None
    graph_format: str | None
    max_rows: int
    default_graph: list[str] | None = None
    named_graphs: list[str] | None = None
    union: bool = True
    base_iri: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """A worker's answer: status is ok | syntax | not_acceptable | store | error."""

    status: str
    kind: str = ""  # solutions | boolean | triples
    format: str = ""
    body: bytes = b""
    truncated: bool = False
    message: str = ""


class _Worker:
    def __init__(self, ctx):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(child,), daemon=True, name="geonews-sparql"
        )
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.conn.poll(timeout) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """`size` workers; run() hands a Job to a free one and waits at most `timeout` seconds."""

    def __init__(self, size: int):
        self.size = max(1, size)
        self._ctx = multiprocessing.get_context("spawn")
        self._slots = threading.BoundedSemaphore(self.size)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._all: set[_Worker] = set()

    def start(self) -> None:
        """Start every worker and wait until each has imported pyoxigraph."""
        with self._lock:
            if self._started:
                return
            self._started = True
            workers = [self._spawn() for _ in range(self.size)]
        atexit.register(self.close)
        for w in workers:
            self._enlist(w)

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx)
        self._all.add(w)
        return w

    def _enlist(self, w: _Worker) -> None:
        if w.wait_ready(_READY_TIMEOUT) and not self._closed:
            self._idle.put(w)
        else:
            log.error("sparql worker %s did not start", w.proc.pid)
            self._retire(w)
            if not self._closed:
                time.sleep(1)
                self._replace_later()

    def _retire(self, w: _Worker) -> None:
        w.kill()
        self._all.discard(w)

    def _replace_later(self) -> None:
        threading.Thread(target=lambda: self._enlist(self._spawn()), daemon=True).start()

    def run(self, job: Job, timeout: float) -> Outcome:
        """Run `job` in a free worker; raise PoolBusy, QueryTimedOut, WorkerCrashed or
        StoreUnavailable."""
        self.start()
        if not self._slots.acquire(blocking=False):
            raise PoolBusy(f"all {self.size} query workers are busy")
        try:
            worker = self._idle.get(timeout=_READY_TIMEOUT)  # a replacement may still be starting
            return self._run_on(worker, job, timeout)
        except queue.Empty:
            raise PoolBusy("no query worker is available") from None
        finally:
            self._slots.release()

    def _run_on(self, worker: _Worker, job: Job, timeout: float) -> Outcome:
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                log.warning(
                    "sparql query stopped after %.1f s (worker %s killed)", timeout, worker.proc.pid
                )
                self._retire(worker)
                self._replace_later()
                raise QueryTimedOut(f"query stopped: it ran longer than the {timeout:g} s limit")
            outcome: Outcome = worker.conn.recv()
        except (EOFError, OSError) as exc:
            code = worker.proc.exitcode
            log.error("sparql worker %s died (exit code %s): %s", worker.proc.pid, code, exc)
            self._retire(worker)
            self._replace_later()
            raise WorkerCrashed("the query engine crashed on this query") from exc
        self._idle.put(worker)
        if outcome.status == "store":
            raise StoreUnavailable(outcome.message)
        return outcome

    def close(self) -> None:
        """Kill every worker (at exit; workers also exit on their own when the server dies)."""
        self._closed = True
        for w in list(self._all):
            self._retire(w)


# -- the worker process ----------------------------------------------------------------------------
def _worker_main(conn: Connection) -> None:
    """Loop: receive a Job, answer an Outcome; exit when the server side of the pipe closes."""
    import pyoxigraph as ox

    from . import sparql_formats as fmts

    conn.send("ready")
    store, opened = None, None
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        if store is None or opened != (job.store, job.stamp):
            try:
                store, opened = ox.Store.read_only(job.store), (job.store, job.stamp)
            except OSError as exc:
                store = None
                conn.send(Outcome("store", message=f"cannot open the store: {exc}"))
                continue
        conn.send(_evaluate(ox, fmts, store, job))


def _evaluate(ox, fmts, store, job: Job) -> Outcome:
    kwargs = {"base_iri": job.base_iri}
    if job.default_graph is not None or job.named_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graph or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or []]
    elif job.union:
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(job.query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            if job.results_format is None:
                return Outcome("not_acceptable", kind="boolean")
            return Outcome(
                "ok",
                "boolean",
                job.results_format,
                fmts.serialize_boolean(result, job.results_format),
            )
        if isinstance(result, ox.QuerySolutions):
            if job.results_format is None:
                return Outcome("not_acceptable", kind="solutions")
            body, cut = fmts.serialize_solutions(result, job.results_format, job.max_rows)
            return Outcome("ok", "solutions", job.results_format, body, cut)
        if job.graph_format is None:
            return Outcome("not_acceptable", kind="triples")
        body, cut = fmts.serialize_triples(result, job.graph_format, job.max_rows, job.prefixes)
        return Outcome("ok", "triples", job.graph_format, body, cut)
    except SyntaxError as exc:
        return Outcome("syntax", message=str(exc))
    except (
        OSError,
        ValueError,
        TypeError,
    ) as exc:  # evaluation failed: a server fault, logged by the caller
        return Outcome("error", message=f"{type(exc).__name__}: {exc}")
