"""Timing helpers shared by the benchmarks: results, statistics, time boxes and the results table."""

from __future__ import annotations

import math
import signal
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class BenchmarkFailed(RuntimeError):
    """A benchmark could not run or ran past its time box; run.py exits non-zero with this message."""


@dataclass
class Result:
    """One row of the table: `value` compared with `bound`, ratio = value / bound."""

    name: str
    value: float
    unit: str
    bound: float
    bound_label: str
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.bound if self.bound else float("nan")


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    """Nearest-rank 95th percentile (the largest sample when there are fewer than 20)."""
    ordered = sorted(xs)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def samples(fn: Callable[[], object], count: int, budget_s: float, warmup: int = 1) -> list[float]:
    """Seconds per call of `fn`: `warmup` untimed calls, then up to `count` timed ones within `budget_s`."""
    for _ in range(warmup):
        fn()
    out: list[float] = []
    deadline = time.monotonic() + budget_s
    while len(out) < count and (not out or time.monotonic() < deadline):
        out.append(timed(fn))
    return out


def interleaved(fns: list[Callable[[], object]], count: int, budget_s: float, warmup: int = 1) -> list[list[float]]:
    """Like `samples` for several functions called in turn, so load from elsewhere hits each alike."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    out: list[list[float]] = [[] for _ in fns]
    deadline = time.monotonic() + budget_s
    while len(out[0]) < count and (not out[0] or time.monotonic() < deadline):
        for fn, xs in zip(fns, out, strict=True):
            xs.append(timed(fn))
    return out


class StageClock:
    """Seconds spent per named stage, summed over calls (for the ingest breakdown)."""

    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)
        self.calls: dict[str, list[float]] = defaultdict(list)

    def add(self, stage: str, seconds: float) -> None:
        self.total[stage] += seconds
        self.calls[stage].append(seconds)

    def wrap(self, stage: str, fn: Callable) -> Callable:
        def timed_call(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - t)
        return timed_call


@contextmanager
def time_box(name: str, seconds: float) -> Iterator[None]:
    """Raise BenchmarkFailed if the block runs longer than `seconds` (SIGALRM; main thread only)."""
    def expired(signum, frame):
        raise BenchmarkFailed(f"benchmark {name!r} ran past its time box of {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fmt(value: float, unit: str) -> str:
    if value >= 100:
        text = f"{value:,.0f}"
    elif value >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"
    return f"{text} {unit}"


def table(results: list[Result]) -> str:
    """The results as a Markdown table: benchmark, value, bound, ratio (value / bound), note."""
    lines = ["| benchmark | value | bound | ratio | note |", "|---|---:|---|---:|---|"]
    for r in results:
        bound = f"{r.bound_label}: {_fmt(r.bound, r.unit)}"
        lines.append(f"| {r.name} | {_fmt(r.value, r.unit)} | {bound} | {r.ratio:.2f} | {r.note} |")
    return "\n".join(lines)
