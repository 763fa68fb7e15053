"""Run every geonews benchmark once, each against its bound, and write benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py            # full run, 1-3 minutes on 2 cores (also `make bench`)
    .venv/bin/python benchmarks/run.py --quick    # ~20 s smoke run; prints, writes no RESULTS.md

See benchmarks/README.md for what each row measures and what it is compared with.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import corpus as corpus_mod
import http_bench
import ingest_bench
import nlp_bench
import scale
from measure import BenchmarkFailed, Result, table, time_box

from geonews.pipeline.nlp import load_pipeline, model_name
from geonews.pipeline.settings import Settings

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Plan:
    copies: int  # replicas of the 13 source articles
    repeats: int  # timed repeats of whole-corpus measurements (the median is reported)
    requests: int  # HTTP requests per latency figure
    load_seconds: float  # duration of the concurrent-clients run
    box: float  # time box multiplier
    long_chars: int  # length of the one long article


FULL = Plan(copies=8, repeats=3, requests=40, load_seconds=5.0, box=1.0, long_chars=200_000)
QUICK = Plan(copies=1, repeats=1, requests=10, load_seconds=2.0, box=0.5, long_chars=50_000)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="one copy of the corpus, short loops (~20 s)")
    p.add_argument("--copies", type=int, help="replicas of the 13 articles (default 8, --quick 1)")
    p.add_argument("--output", type=Path, help="Markdown results file (default benchmarks/RESULTS.md; "
                                                "--quick writes none unless given)")
    p.add_argument("--profile", type=Path, help="also profile the whole ingest with cProfile into this file "
                                                 "and print its top functions (slows the ingest figures)")
    return p.parse_args(argv)


class Runner:
    """Runs named stages inside time boxes and prints each result row as it arrives."""

    def __init__(self, plan: Plan):
        self.plan, self.results, self.durations = plan, [], {}

    def stage(self, name: str, seconds: float, fn):
        print(f"\n== {name}", flush=True)
        t = time.perf_counter()
        with time_box(name, seconds * self.plan.box):
            out = fn()
        self.durations[name] = time.perf_counter() - t
        rows = out[0] if isinstance(out, tuple) else out
        if isinstance(rows, Result):
            rows = [rows]
        for r in rows if isinstance(rows, list) else []:
            self.results.append(r)
            print(f"  {r.name:<62} {r.value:>10.3f} {r.unit:<10} bound {r.bound:>10.3f}  ratio {r.ratio:6.2f}",
                  flush=True)
        return out


def machine(load: tuple[float, float]) -> list[str]:
    def sh(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.rstrip()
        except OSError:
            return "?"

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    commit = sh("git", "-C", str(HERE.parent), "describe", "--always", "--dirty")
    return [
        f"- CPU: {cpu}; `nproc` = {sh('nproc')}; load average at the start {load[0]:.1f}, at the end "
        f"{load[1]:.1f} (1 min; anything near `nproc` means other work shared the CPUs)",
        "- Memory (`free -h`):\n\n```\n" + sh("free", "-h") + "\n```\n",
        f"- Python {platform.python_version()} on {platform.platform()}",
        "- " + ", ".join(f"{p} {version(p)}" for p in ("spacy", "rdflib", "pyshacl", "pyoxigraph", "flask",
                                                       "waitress")) + f", model {model_name()}",
        f"- Code: `git describe --always --dirty` = {commit}",
    ]


def write_results(path: Path, args_line: str, corpus: corpus_mod.Corpus, runner: Runner, started: str,
                  load: tuple[float, float]) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Latest full run, {started}. Command: `{args_line}` (what each row means: README.md in this folder).",
        "",
        f"Corpus: {corpus.originals} real articles (seeds/ and tests/data/devset/texts/) x {corpus.copies} "
        f"copies = {len(corpus.articles)} articles, {corpus.words:,} words. Ratio = value / bound.",
        "",
        table(runner.results),
        "",
        "Stage durations: " + ", ".join(f"{k} {v:.1f} s" for k, v in runner.durations.items()) + ".",
        "",
        "## Machine",
        "",
        *machine(load),
        "",
    ]
    text = "\n".join(lines)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if scale.MARK_BEGIN in old:  # the scale benchmark's section (benchmarks/scale.py) stays
        kept = scale.MARK_BEGIN + old.split(scale.MARK_BEGIN, 1)[1].split(scale.MARK_END, 1)[0] + scale.MARK_END
        text = text.rstrip("\n") + "\n\n" + kept + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.copies:
        plan = Plan(args.copies, plan.repeats, plan.requests, plan.load_seconds, plan.box * max(1, args.copies / 8),
                    plan.long_chars)
    output = args.output or (None if args.quick else HERE / "RESULTS.md")
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    t0 = time.perf_counter()
    load_start = os.getloadavg()[0]
    if load_start > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {load_start:.1f} on {os.cpu_count()} CPUs: other work will skew the figures",
              file=sys.stderr)
    runner = Runner(plan)
    with tempfile.TemporaryDirectory(prefix="geonews-bench-") as tmp_name:
        tmp = Path(tmp_name)
        port = http_bench.free_port()
        base = f"http://127.0.0.1:{port}"
        settings = Settings(store=str(tmp / "store"), base=base)  # defaults only: GEONEWS_* do not apply
        try:
            nlp = runner.stage("load spaCy pipeline", 120, lambda: load_pipeline(settings.model))
            corpus = corpus_mod.build(tmp / "corpus", plan.copies)
            print(f"corpus: {len(corpus.articles)} articles, {corpus.words:,} words in {corpus.folder}")
            _, nlp_times = runner.stage("1. NLP + extraction vs bare spaCy", 240, lambda: nlp_bench.run(
                nlp, corpus, settings.batch_size, plan.repeats, budget_s=150))
            runner.stage("1b. a long article vs the corpus's", 240, lambda: [nlp_bench.long_article_result(
                nlp, corpus, nlp_times, plan.long_chars)])

            def ingest():
                if args.profile is None:
                    run = ingest_bench.instrumented_ingest(settings, corpus)
                else:
                    prof = cProfile.Profile()
                    run = prof.runcall(ingest_bench.instrumented_ingest, settings, corpus)
                    prof.dump_stats(args.profile)
                    pstats.Stats(prof).sort_stats("tottime").print_stats(15)
                return ingest_bench.ingest_results(run, nlp_times.bare_s), run

            _, run = runner.stage("2. whole ingest vs bare spaCy", 240, ingest)
            runner.stage("3. validation cost vs store size", 120, lambda: ingest_bench.validation_results(
                run, corpus, settings, tmp, plan.repeats, budget_s=60))
            runner.stage("4. store write vs raw pyoxigraph", 90, lambda: ingest_bench.store_write_results(run, tmp))
            iri, path = http_bench.entity_path(Path(settings.store), base)
            with http_bench.server(Path(settings.store), base, port, tmp / "server.log", tmp):
                runner.stage("5. SPARQL over HTTP vs in-process", 120, lambda: http_bench.sparql_results(
                    base, Path(settings.store), iri, plan.requests, budget_s=40) + [http_bench.throughput_result(
                        base, Path(settings.store), plan.load_seconds)])
                runner.stage("6. entity page and dump", 120, lambda: http_bench.page_results(
                    base, Path(settings.store), iri, path, plan.requests, budget_s=40))
        except BenchmarkFailed as exc:
            print(f"\nbenchmark failed: {exc}", file=sys.stderr)
            return 1
        except Exception as exc:  # any fault in a stage: say which, with the traceback, and exit non-zero
            traceback.print_exc()
            print(f"\nbenchmark failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
    print("\n" + table(runner.results))
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")
    if output is not None:
        command = " ".join([".venv/bin/python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
        write_results(output, command, corpus, runner, started, (load_start, os.getloadavg()[0]))
        print(f"wrote {os.path.relpath(output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
