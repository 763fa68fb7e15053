"""Give memory back to the system when a process goes idle.

After a burst of large answers glibc keeps the freed heap of every thread's arena, so a server's
RSS stays near its peak long after the load (measured: the web process and each query worker held
their peak). `malloc_trim(0)` returns the free pages; it is called when a process has been idle
for a moment, never on a request's path. Elsewhere than glibc it does nothing. What trimming
cannot return (a query worker's caches after a burst of big answers) goes with the worker:
`recycle_grown` replaces an idle worker grown past the others.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
import time
from functools import lru_cache

log = logging.getLogger(__name__)
RECYCLE_EVERY = 2.0  # seconds between looks at the idle query workers' memory
GROWTH = 1.15  # an idle worker this much above the least any idle worker held is replaced


@lru_cache(maxsize=1)
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        fn = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    fn.argtypes, fn.restype = [ctypes.c_size_t], ctypes.c_int
    return fn


def trim() -> bool:
    """Return free heap pages to the system; whether anything could be done."""
    fn = _malloc_trim()
    return bool(fn is not None and fn(0))


def rss_mb(pid: int | None) -> float:
    """Resident memory of a process in MB (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def recycle_grown(pool, idle_for: float = 2.0) -> None:
    """Run by a WorkerPool's thread: replace, one at a time and never while queries wait, an
    idle worker whose RSS has grown past GROWTH times the least an idle worker that has answered
    queries held (its first query opens the store, so workers that never ran one are left)."""
    floor = 0.0
    while not pool._closed:
        time.sleep(RECYCLE_EVERY)
        now, grown = time.monotonic(), None
        with pool._cond:
            if pool._waiting:
                continue
            for w in pool._idle:
                if not w.jobs or now - w.idle_since < idle_for:
                    continue
                rss = rss_mb(w.proc.pid)
                if rss and (not floor or rss < floor):
                    floor = rss
                elif rss > floor * GROWTH:
                    grown = w
            if grown is not None:
                pool._idle.remove(grown)
        if grown is not None:
            log.info("sparql worker %s replaced: its memory grew after a load", grown.proc.pid)
            pool._retire(grown)
            pool._enlist(pool._spawn())
