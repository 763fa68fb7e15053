"""Queries on a SPARQL 1.1 server (`geonews serve --store URL`): the worker pool's contract without
worker processes.

No query engine runs here, so there is nothing to sandbox or kill: each query is one HTTP
exchange with the configured server (the only host this process connects to), sent from the
request's own thread. The same fair scheduler as the worker pool bounds how many run at once
(`max_concurrent_queries`), how many wait, and how many one client holds. A query still running
at the timeout is cut on this side (the connection is shut down: 504) and, where the server takes
a timeout parameter (Virtuoso), stopped by the server too; partial results a server sends at
its own limit are never passed on. Answers are read only up to the row cap and written by the
same serialisers as the embedded store's, so every format, header and flag is the same.
"""

from __future__ import annotations

import json
import logging

import pyoxigraph as ox

from geonews.pipeline.errors import StoreError
from geonews.pipeline.store import RemoteStore
from geonews.pipeline.store.http import ServerRefused, ServerTimedOut, ServerUnreachable
from geonews.pipeline.store.sparql_text import query_form

from . import formats as fmts
from .pool import FairScheduler, Job, Outcome, QueryTimedOut, StoreUnavailable, shape

log = logging.getLogger(__name__)


class RemotePool(FairScheduler):
    """`size` concurrent queries on `store`, shared fairly between clients."""

    sandbox = "not used: queries run on the SPARQL server"

    def __init__(self, store: RemoteStore, size: int, queue_limit: int = 64,
                 queue_timeout: float = 10.0, per_client: int | None = None, max_rows: int = 10_000):
        super().__init__(size, queue_limit, queue_timeout, per_client)
        self.store = store
        self.max_rows = max_rows
        self.cap: int | None = None  # the server's own row cap, if below max_rows
        self._started = False
        self._idle = list(range(self.size))  # slots: a slot is a permission to send one query

    def start(self) -> None:
        """Once: ask the server what it is (one that cannot be reached is a StoreError) and
        whether it cuts answers below `max_rows`, which it would do silently for CONSTRUCT."""
        with self._cond:
            if self._started:
                return
        cap = self.store.row_cap(self.max_rows + 1)
        if cap is not None:
            log.warning("the SPARQL server cuts answers at %d rows (max_rows: %d): CONSTRUCT "
                        "answers that long are flagged as truncated", cap, self.max_rows)
        with self._cond:
            self.cap, self._started = cap, True

    def pids(self) -> list[int]:
        return []

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _after_failure(self, slot):
        return slot

    def _run_on(self, slot, job: Job, timeout: float) -> Outcome:
        form = query_form(job.query)
        if job.results_format is None and form in ("SELECT", "ASK"):
            return Outcome("not_acceptable", kind="boolean" if form == "ASK" else "solutions")
        if job.graph_format is None and form in ("CONSTRUCT", "DESCRIBE"):
            return Outcome("not_acceptable", kind="triples")
        try:
            with self.store.open_query(job.query, job.substitutions, union=job.union,
                                       default_graph=job.default_graph, named_graphs=job.named_graphs,
                                       timeout=timeout, base_iri=job.base_iri) as answer:
                value = answer.value
                if not (hasattr(value, "variables") or isinstance(value, ox.QueryBoolean)):
                    value = _Counted(value)  # triples, which a server may have cut silently
                outcome = shape(ox, fmts, value, job)
        except ServerTimedOut as exc:
            log.warning("sparql: %s", exc)
            raise QueryTimedOut(f"query stopped: it ran longer than the {timeout:g} s limit ({exc})") from exc
        except ServerUnreachable as exc:
            raise StoreUnavailable(str(exc)) from exc
        except ServerRefused as exc:
            if 400 <= exc.status < 500:
                return Outcome("syntax", message=_first_lines(exc.detail))
            return Outcome("error", message=str(exc))
        except (StoreError, SyntaxError, ValueError) as exc:  # an answer pyoxigraph cannot read
            return Outcome("error", message=f"{type(exc).__name__}: {exc}")
        cut = answer.cut
        if cut is None and self.cap is not None and isinstance(value, _Counted) and value.n >= self.cap:
            cut = self.cap  # as many triples as the server's cap: it cut them without saying so
        if cut is not None:
            if job.results_format == "rows":  # a page must not be built on part of an answer
                return Outcome("error", message=f"the SPARQL server cut the answer at {cut} rows "
                                                "(its own limit): raise it above the page's needs")
            outcome.truncated = True
            if outcome.kind == "solutions" and outcome.format == "json":
                doc = json.loads(outcome.body)
                doc.update(truncated=True, max_rows=min(cut, job.max_rows))
                outcome.body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        return outcome


class _Counted:
    """An iterator of triples that counts what was read of it."""

    def __init__(self, triples):
        self.triples, self.n = iter(triples), 0

    def __iter__(self):
        return self

    def __next__(self):
        t = next(self.triples)
        self.n += 1
        return t


def _first_lines(text: str, limit: int = 600) -> str:
    """The start of a server's error message (Virtuoso echoes the whole query after it)."""
    head = text.split("\n\nSPARQL query:", 1)[0].strip()
    return head[:limit] + ("..." if len(head) > limit else "")
