"""Where ingest's NLP, extraction and validation run: in this process, in `workers` processes, or
on a Dask cluster (`dask`). Chunks of `batch_size` consecutive articles (the batches `nlp.pipe`
would make in one process, so spaCy sees the same batches) go to the workers; their results come
back in input order, for the one writer in `ingest` to commit article by article.

A worker process that dies loses only the chunks it was running: they are run again (a chunk
that kills its worker twice is retried article by article, and an article that kills its
worker twice is reported as failed). On Dask the scheduler does the same (a task whose worker
died is rescheduled; after `distributed.scheduler.allowed-failures` deaths it fails with
KilledWorker, reported for each article of the chunk).
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait

from .errors import GeonewsError, UsageError
from .model import Article
from .prepare import ArticleReport, Prepared, prepared, process_chunk, warm_up
from .settings import Settings

Result = tuple[Article, Prepared | ArticleReport]
#: How far ahead of the chunk the writer waits for chunks are handed out, per worker.
AHEAD = 3


def worker_count(settings: Settings) -> int:
    return settings.workers if settings.workers > 0 else (os.cpu_count() or 1)


def chunks(settings: Settings, items: list[Article]) -> list[list[Article]]:
    size = max(1, settings.batch_size)
    return [items[i:i + size] for i in range(0, len(items), size)]


def prepared_articles(settings: Settings, items: list[Article],
                      work: Callable[[Settings, list[Article]], list] = process_chunk) -> Iterator[Result]:
    """Each article with what the writer commits (or its failure report), in input order.
    `work` is the worker function (an importable function of a chunk, as `process_chunk`)."""
    if not items:
        return
    parts = chunks(settings, items)
    if settings.dask:
        yield from _dask(settings, parts, work)
        return
    workers = min(worker_count(settings), len(parts))
    if workers <= 1:
        yield from prepared(settings, items)
        return
    yield from _processes(settings, parts, workers, work)


def _died(a: Article, how: str) -> ArticleReport:
    return ArticleReport(origin=a.origin, title=a.title, internal=True,
                         error=f"internal error: {how} while processing this article")


def _worker_main(conn: Connection, settings: Settings, work: Callable) -> None:
    """A worker process: chunks in, their results out, until the writer closes the pipe."""
    failed: BaseException | None = None
    try:
        warm_up(settings)
    except Exception as exc:  # noqa: BLE001 - sent back with the first chunk (e.g. no spaCy model)
        failed = exc
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        index, part = job
        try:
            if failed is not None:
                raise failed
            conn.send((index, work(settings, part)))
        except Exception as exc:  # noqa: BLE001 - the writer decides (a GeonewsError stops the run)
            conn.send((index, exc))


class _Worker:
    def __init__(self, ctx, settings: Settings, work: Callable):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, settings, work), daemon=True,
                                name="geonews-ingest")
        self.proc.start()
        child.close()
        self.job: int | None = None  # index of the chunk it is running

    def stop(self) -> None:
        self.conn.close()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)


def _processes(settings: Settings, parts: list[list[Article]], workers: int,
               work: Callable) -> Iterator[Result]:
    """Chunks on `workers` processes; a chunk whose worker died is run again (see the module)."""
    ctx = multiprocessing.get_context("spawn")
    jobs = dict(enumerate(parts))  # index -> articles (a chunk may be split after deaths)
    order = list(jobs)  # indexes in input order
    deaths: collections.Counter[int] = collections.Counter()
    todo = collections.deque(order)
    done: dict[int, list] = {}
    pool = [_Worker(ctx, settings, work) for _ in range(workers)]
    yielded = 0
    try:
        while yielded < len(order):
            for i, w in enumerate(pool):
                if w.job is None and todo and order.index(todo[0]) < yielded + workers * AHEAD:
                    w.job = todo.popleft()
                    try:
                        w.conn.send((w.job, jobs[w.job]))
                    except OSError:  # it died while idle: the chunk goes to its replacement
                        todo.appendleft(w.job)
                        pool[i] = _Worker(ctx, settings, work)
                        w.stop()
            busy = [w for w in pool if w.job is not None]
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy])
            for w in busy:
                if w.conn not in ready and w.proc.sentinel not in ready:
                    continue
                try:
                    index, results = w.conn.recv()
                except (EOFError, OSError):  # the worker died with its chunk
                    _lost(w.job, jobs, order, deaths, todo, done)
                    pool[pool.index(w)] = _Worker(ctx, settings, work)
                    w.stop()
                    continue
                w.job = None
                if isinstance(results, GeonewsError):
                    raise results
                if isinstance(results, BaseException):
                    results = [_died(a, f"the worker failed ({type(results).__name__}: {results})")
                               for a in jobs[index]]
                done[index] = results
            while yielded < len(order) and order[yielded] in done:
                index = order[yielded]
                yield from zip(jobs[index], done.pop(index), strict=True)
                yielded += 1
    finally:
        for w in pool:
            w.stop()


def _lost(index: int, jobs: dict, order: list[int], deaths: collections.Counter, todo: collections.deque,
          done: dict) -> None:
    """A chunk whose worker died: again at the front of the queue; after two deaths article by
    article; an article that killed its worker twice is reported as failed."""
    deaths[index] += 1
    part = jobs[index]
    if deaths[index] < 2:
        todo.appendleft(index)
    elif len(part) == 1:
        done[index] = [_died(part[0], "the worker process died twice")]
    else:
        at = order.index(index)
        singles = []
        for a in part:
            jobs[len(jobs)] = [a]
            singles.append(len(jobs) - 1)
        order[at:at + 1] = singles
        del jobs[index]
        todo.extendleft(reversed(singles))


# -- Dask --------------------------------------------------------------------------------------------
def _client(address: str, stack) -> object:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError("--dask needs Dask: pip install 'geonews[dask]'") from exc
    if address.startswith("local:"):
        try:
            n = int(address.removeprefix("local:"))
        except ValueError:
            n = 0
        if n < 1:
            raise UsageError(f"--dask {address}: give local:N with N >= 1 workers")
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="geonews-dask-"))
        cluster = stack.enter_context(LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, local_directory=folder))
        return stack.enter_context(Client(cluster))
    try:
        return stack.enter_context(Client(address, timeout=30))
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"--dask {address}: cannot reach the Dask scheduler: {exc}") from exc


def _dask(settings: Settings, parts: list[list[Article]], work: Callable) -> Iterator[Result]:
    with contextlib.ExitStack() as stack:
        client = _client(settings.dask, stack)
        from dask.distributed import KilledWorker

        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: collections.deque = collections.deque()
        todo = collections.deque(parts)
        while todo or pending:
            while todo and len(pending) < workers * AHEAD:
                part = todo.popleft()
                pending.append((part, client.submit(work, settings, part, pure=False)))
            part, future = pending.popleft()
            try:
                results = future.result()
            except KilledWorker as exc:
                for a in part:
                    yield a, _died(a, f"the Dask workers running it died ({exc})")
                continue
            except GeonewsError:
                raise
            except Exception as exc:  # noqa: BLE001 - the chunk failed on the worker: say so per article
                for a in part:
                    yield a, _died(a, f"the Dask task failed ({type(exc).__name__}: {exc})")
                continue
            finally:
                future.release()
            yield from zip(part, results, strict=True)
