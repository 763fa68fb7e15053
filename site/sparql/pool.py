"""Query workers: SPARQL runs in pre-started 'spawn' processes that can be killed.

Neither rdflib nor pyoxigraph can interrupt a running query and some inputs abort the process, so
each query goes to a worker process holding its own read-only pyoxigraph Store (reopened when the
store changed on disk). Every worker runs in a network sandbox (`sandbox.py`). A query still
running at the timeout is stopped by killing its worker; a replacement is started in the
background. Anything else a query does (a syntax error, an engine error, a Rust panic) is answered
by the worker, which carries on.

Scheduling: a request waits in a bounded queue for a free worker instead of being refused. Each
client (address) may hold at most `per_client` workers at once, so one client's heavy queries
leave the others room; among the requests that may run, the oldest goes first. PoolBusy (HTTP 503
with Retry-After) only when the queue is full or the wait would exceed `queue_timeout`.
"""

from __future__ import annotations

import atexit
import collections
import itertools
import logging
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from geonews.pipeline.errors import GeonewsError

from ..memory import recycle_grown, trim

log = logging.getLogger(__name__)
_READY_TIMEOUT = 60.0
_IDLE_TRIM = 1.0  # seconds without a job after which a worker returns its freed memory

class PoolBusy(GeonewsError):
    """The queue is full or the wait for a worker would be too long (HTTP 503 with Retry-After)."""


class QueryTimedOut(GeonewsError):
    """The query ran past the timeout and its worker was killed (HTTP 504)."""


class WorkerCrashed(GeonewsError):
    """The worker died while running the query (HTTP 500; the server carries on)."""


class StoreUnavailable(GeonewsError):
    """The worker could not open the store (HTTP 503)."""


@dataclass
class Job:
    """One query for a worker; graphs are IRIs, formats are keys of the formats registry.

    `substitutions` maps variable names to pyoxigraph terms (the site's own queries bind request
    values this way, never by splicing them into the text).
    """

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
    substitutions: dict[str, object] = field(default_factory=dict)
    rows_bounded: bool = False  # the query's own top-level LIMIT is at most max_rows


@dataclass
class Outcome:
    """A worker's answer: status is ok | syntax | refused | not_acceptable | store | error."""

    status: str
    kind: str = ""  # solutions | boolean | triples
    format: str = ""
    body: bytes = b""
    truncated: bool = False
    message: str = ""
    value: object = None  # the site's own queries: rows (dicts of terms), triples or a bool


class _Worker:
    def __init__(self, ctx):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(child,), daemon=True, name="geonews-sparql"
        )
        self.proc.start()
        child.close()
        self.sandbox = "unknown"
        self.idle_since = time.monotonic()
        self.jobs = 0

    def wait_ready(self, timeout: float) -> bool:
        try:
            if not self.conn.poll(timeout):
                return False
            ready, self.sandbox = self.conn.recv()
            return ready == "ready"
        except (EOFError, OSError, TypeError, ValueError):
            return False

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class FairScheduler:
    """`size` slots shared fairly between clients: run() waits for a free slot (in a bounded
    queue, oldest first among the clients below their share), then runs the job on it."""

    def __init__(self, size: int, queue_limit: int = 64, queue_timeout: float = 10.0,
                 per_client: int | None = None):
        self.size = max(1, size)
        self.queue_limit = max(1, queue_limit)
        self.queue_timeout = queue_timeout
        self.per_client = max(1, per_client if per_client else self.size - 1)
        self._cond = threading.Condition()
        self._idle: list = []
        self._waiting: collections.deque[str] = collections.deque()  # client of each waiter
        self._running: collections.Counter[str] = collections.Counter()
        self._closed = False

    def start(self) -> None:
        """Make the slots available (subclasses start what they need)."""

    # -- scheduling ----------------------------------------------------------------------------
    def _may_run(self, client: str) -> bool:
        """Whether `client`'s oldest waiting request is the oldest one that may run now."""
        if not self._idle:
            return False
        for waiter in self._waiting:
            if self._running[waiter] < self.per_client:
                return waiter == client
        return False

    def _acquire(self, client: str):
        deadline = time.monotonic() + self.queue_timeout
        with self._cond:
            if len(self._waiting) >= self.queue_limit:
                raise PoolBusy(f"{len(self._waiting)} queries are already waiting")
            self._waiting.append(client)
            try:
                while not self._may_run(client):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or self._closed:
                        raise PoolBusy(
                            f"no query worker became free within {self.queue_timeout:g} s")
                    self._cond.wait(remaining)
                self._running[client] += 1
                return self._idle.pop()
            finally:
                self._waiting.remove(client)
                self._cond.notify_all()

    def _release(self, worker, client: str | None) -> None:
        with self._cond:
            if client is not None:
                self._running[client] -= 1
                if self._running[client] <= 0:
                    del self._running[client]
            if worker is not None:
                self._idle.append(worker)
            self._cond.notify_all()

    def run(self, job: Job, timeout: float, client: str = "") -> Outcome:
        """Run `job` on a free slot; raise PoolBusy, QueryTimedOut, WorkerCrashed or
        StoreUnavailable."""
        self.start()
        worker = self._acquire(client)
        try:
            outcome = self._run_on(worker, job, timeout)
        except BaseException:
            self._release(self._after_failure(worker), client)
            raise
        self._release(worker, client)
        if outcome.status == "store":
            raise StoreUnavailable(outcome.message)
        return outcome

    def _run_on(self, worker, job: Job, timeout: float) -> Outcome:
        raise NotImplementedError

    def _after_failure(self, worker):
        """The slot to make free again after `_run_on` raised (None: it is gone)."""
        return None


class WorkerPool(FairScheduler):
    """`size` worker processes shared fairly between clients; run() waits for one, then for the answer."""

    def __init__(self, size: int, queue_limit: int = 64, queue_timeout: float = 10.0,
                 per_client: int | None = None):
        super().__init__(size, queue_limit, queue_timeout, per_client)
        if not per_client:  # by default also leave a CPU core to the other clients' queries
            self.per_client = max(1, min(self.per_client, (os.cpu_count() or 2) - 1))
        self._ctx = multiprocessing.get_context("spawn")
        self._started = False
        self._all: set[_Worker] = set()
        self.sandbox = "unknown"

    # -- workers -----------------------------------------------------------------------------
    def start(self) -> None:
        """Start every worker and wait until each has imported pyoxigraph."""
        with self._cond:
            if self._started:
                return
            self._started = True
            workers = [self._spawn() for _ in range(self.size)]
        atexit.register(self.close)
        for w in workers:
            self._enlist(w)
        threading.Thread(target=recycle_grown, args=(self,), daemon=True, name="geonews-recycle").start()

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx)
        with self._cond:
            self._all.add(w)
        return w

    def _enlist(self, w: _Worker) -> None:
        if w.wait_ready(_READY_TIMEOUT) and not self._closed:
            self.sandbox = w.sandbox
            if w.sandbox != "on":
                log.warning("sparql worker %s has no network sandbox: %s", w.proc.pid, w.sandbox)
            self._release(w, None)
        else:
            log.error("sparql worker %s did not start", w.proc.pid)
            self._retire(w)
            if not self._closed:
                time.sleep(1)
                self._replace_later()

    def _retire(self, w: _Worker) -> None:
        w.kill()
        with self._cond:
            self._all.discard(w)

    def _replace_later(self) -> None:
        threading.Thread(target=lambda: self._enlist(self._spawn()), daemon=True).start()

    def _release(self, worker: _Worker | None, client: str | None) -> None:
        if worker is not None:
            worker.idle_since = time.monotonic()
            worker.jobs += client is not None
        super()._release(worker, client)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and the operator)."""
        with self._cond:
            return [w.proc.pid for w in self._all if w.proc.pid is not None]

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
            return worker.conn.recv()
        except (EOFError, OSError) as exc:
            code = worker.proc.exitcode
            log.error("sparql worker %s died (exit code %s): %s", worker.proc.pid, code, exc)
            self._retire(worker)
            self._replace_later()
            raise WorkerCrashed("the query engine crashed on this query") from exc

    def close(self) -> None:
        """Kill every worker (at exit; workers also exit on their own when the server dies)."""
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._cond.notify_all()
        for w in workers:
            self._retire(w)


# -- the worker process ----------------------------------------------------------------------------
def _worker_main(conn: Connection) -> None:
    """Loop: receive a Job, answer an Outcome; exit when the server side of the pipe closes."""
    from .sandbox import SandboxUnavailable, forbid_network

    try:
        forbid_network()
        sandbox = "on"
    except SandboxUnavailable as exc:
        sandbox = str(exc)
    import pyoxigraph as ox

    from . import formats as fmts

    conn.send(("ready", sandbox))
    store, opened = None, None
    busy = False
    while True:
        try:
            if busy and not conn.poll(_IDLE_TRIM):
                trim()  # idle for a moment after work: give the freed heap back
                busy = False
            job: Job = conn.recv()
            busy = True
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - an unreadable job must not end the worker
            conn.send(Outcome("error", message=f"cannot read the job: {exc}"))
            continue
        if store is None or opened != (job.store, job.stamp):
            try:
                store, opened = ox.Store.read_only(job.store), (job.store, job.stamp)
            except OSError as exc:
                store = None
                conn.send(Outcome("store", message=f"cannot open the store: {exc}"))
                continue
        conn.send(evaluate(ox, fmts, store, job))


def evaluate(ox, fmts, store, job: Job) -> Outcome:
    """Run one job on `store` and serialise its answer; never raises (a worker must survive)."""
    try:
        return _evaluate(ox, fmts, store, job)
    except SyntaxError as exc:
        return Outcome("syntax", message=str(exc))
    except PermissionError as exc:  # the network sandbox refused a socket: SERVICE got through
        return Outcome("refused", message=f"the query tried to open a network connection ({exc})")
    except BaseException as exc:  # noqa: BLE001 - incl. pyo3's PanicException; a fault, logged by the caller
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            raise
        return Outcome("error", message=f"{type(exc).__name__}: {exc}")


def _evaluate(ox, fmts, store, job: Job) -> Outcome:
    kwargs: dict = {"base_iri": job.base_iri}
    if job.default_graph is not None or job.named_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graph or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or []]
    elif job.union:
        kwargs["use_default_graph_as_union"] = True
    if job.substitutions:
        kwargs["substitutions"] = {ox.Variable(k): v for k, v in job.substitutions.items()}
    return shape(ox, fmts, store.query(job.query, **kwargs), job, again=lambda: store.query(job.query, **kwargs))


def shape(ox, fmts, result, job: Job, again=None) -> Outcome:
    """A query's result (pyoxigraph's, or a remote store's Solutions) as the job's Outcome;
    `again` runs the query anew (for a second, capped, writing of a large answer)."""
    if job.results_format == "rows":  # one of the site's own queries: terms, not a document
        return _terms(ox, result, job.max_rows)
    if isinstance(result, ox.QueryBoolean):
        if job.results_format is None:
            return Outcome("not_acceptable", kind="boolean")
        return Outcome(
            "ok",
            "boolean",
            job.results_format,
            fmts.serialize_boolean(result, job.results_format),
        )
    if hasattr(result, "variables"):  # QuerySolutions, or a remote store's Solutions
        if job.results_format is None:
            return Outcome("not_acceptable", kind="solutions")
        body, cut = fmts.serialize_solutions(result, job.results_format, job.max_rows, job.rows_bounded, again)
        return Outcome("ok", "solutions", job.results_format, body, cut)
    if job.graph_format is None:
        return Outcome("not_acceptable", kind="triples")
    body, cut = fmts.serialize_triples(result, job.graph_format, job.max_rows, job.prefixes)
    return Outcome("ok", "triples", job.graph_format, body, cut)


def _terms(ox, result, max_rows: int) -> Outcome:
    """A page query's answer as pyoxigraph terms (they pickle): rows, triples or a bool."""
    if isinstance(result, ox.QueryBoolean):
        return Outcome("ok", "boolean", "rows", value=bool(result))
    kept = list(itertools.islice(result, max_rows + 1))
    cut = len(kept) > max_rows
    if hasattr(result, "variables"):
        names = [v.value for v in result.variables]
        rows = [{n: row[n] for n in names} for row in kept[:max_rows]]
        return Outcome("ok", "solutions", "rows", truncated=cut, value=rows)
    return Outcome("ok", "triples", "triples", truncated=cut, value=kept[:max_rows])
