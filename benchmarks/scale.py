"""The scale benchmark: ingest against bare spaCy, `--workers 2` against 1, then at ~1M quads
`geonews serve` against the pinned Oxigraph server on the same store.

    .venv/bin/python benchmarks/scale.py              # ~5 minutes on 2 cores; also part of `make bench`
    .venv/bin/python benchmarks/scale.py --quick      # a smaller store and shorter loops (~1.5 min)

Prints one table (value, bound, ratio) and writes it, with the machine and load, into the scale
section of benchmarks/RESULTS.md (a full run only). Figures are medians of interleaved rounds:
each round measures geonews and its bound one after the other, so load from elsewhere hits both.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
import traceback
from collections import deque
from pathlib import Path

import corpus as corpus_mod
import http_bench
import load
import pyoxigraph as ox
from measure import BenchmarkFailed, Result, table, time_box
from scale_store import replicate

from geonews.pipeline.ingest import ingest
from geonews.pipeline.nlp import load_pipeline
from geonews.pipeline.settings import Settings

HERE = Path(__file__).resolve().parent
P = ("PREFIX geonews: <https://w3id.org/geonews/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
JOIN = P + ("SELECT ?backer ?backed WHERE { ?c rdf:predicate geonews:supports ; rdf:subject ?s ; rdf:object ?o . "
            "?s rdfs:label ?backer . ?o rdfs:label ?backed } LIMIT 1000")
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?b ?q ?c . ?c ?r ?d }"
MARK_BEGIN, MARK_END = "<!-- scale benchmark: begin -->", "<!-- scale benchmark: end -->"


def _median(xs):
    return statistics.median(xs) if xs else float("nan")


def ingest_rows(settings: Settings, corpus, tmp: Path, rounds: int) -> tuple[list[Result], Path]:
    """Articles/s of bare nlp.pipe, ingest on one process and on two, interleaved rounds."""
    nlp = load_pipeline(settings.model)
    texts = [a.text for a in corpus.articles]
    n = len(texts)
    ingest(settings.replace(store=str(tmp / "warm"), workers=1), [next(corpus.folder.iterdir())])  # warm-up
    times: dict[str, list[float]] = {"bare": [], "w1": [], "w2": []}
    stores: dict[str, Path] = {}
    for r in range(rounds):
        t = time.perf_counter()
        deque(nlp.pipe(texts, batch_size=settings.batch_size), maxlen=0)
        times["bare"].append(time.perf_counter() - t)
        for name, workers in (("w1", 1), ("w2", 2)):
            stores[name] = tmp / f"{name}-{r}"
            t = time.perf_counter()
            reports = ingest(settings.replace(store=str(stores[name]), workers=workers), [corpus.folder])
            times[name].append(time.perf_counter() - t)
            failed = [x for x in reports if x.error]
            if failed:
                raise BenchmarkFailed(f"{len(failed)} articles not published: {failed[0].error}")
    same = _article_quads(stores["w1"]) == _article_quads(stores["w2"])
    rate = {k: n / _median(v) for k, v in times.items()}
    note = f"{n} articles, {corpus.words:,} words, median of {rounds} interleaved rounds"
    return [
        Result("ingest, one process (--workers 1)", rate["w1"], "articles/s", rate["bare"],
               "bare nlp.pipe, same model and components", note),
        Result("ingest, --workers 2 (incl. starting the workers)", rate["w2"], "articles/s", rate["w1"],
               "--workers 1", note),
        Result("--workers 2 quads identical to --workers 1", float(same), "yes=1", 1.0, "identical",
               "article and entity graphs compared as sorted N-Quads"),
    ], stores["w1"]


def dask_row(settings: Settings, corpus, tmp: Path, oport: int, one_process: float) -> Result:
    """`--dask local:2` (two worker processes) writing to a writable Oxigraph server."""
    with load.oxigraph_server(tmp / "dask-server", oport, tmp / "oxigraph-dask.log", writable=True):
        t = time.perf_counter()
        reports = ingest(settings.replace(store=f"http://127.0.0.1:{oport}/query", dask="local:2"),
                         [corpus.folder])
        seconds = time.perf_counter() - t
    failed = [x for x in reports if x.error]
    if failed:
        raise BenchmarkFailed(f"{len(failed)} articles not published through Dask: {failed[0].error}")
    n = len(corpus.articles)
    return Result("ingest, --dask local:2 into the Oxigraph server (incl. starting the cluster)", n / seconds,
                  "articles/s", one_process, "--workers 1 into the embedded store", f"{n} articles, one run")


def _article_quads(store: Path) -> list[str]:
    """Every quad but the ontology's (whose OWL lists are blank nodes, minted afresh per store)."""
    s = ox.Store.read_only(str(store))
    text = s.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return sorted(line for line in text.splitlines() if not line.endswith("/graph/ontology> ."))


def most_claimed(store: Path) -> tuple[str, int]:
    s = ox.Store.read_only(str(store))
    [row] = list(s.query(P + "SELECT ?e (COUNT(?c) AS ?n) WHERE { VALUES ?r { rdf:subject rdf:object } "
                             "?c ?r ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT 1", use_default_graph_as_union=True))
    return row["e"].value, int(row["n"].value)


def sparql_rows(gport: int, oport: int, entity: str, rounds: int, seconds: float) -> list[Result]:
    lookup = f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}"
    rows = []
    for label, query in (("lookup <entity> ?p ?o", lookup), ("join: who supports whom", JOIN)):
        gpath, opath = load.query_path("/sparql", query), load.query_path("/query", query)
        for path, port in ((gpath, gport), (opath, oport)):  # warm both
            load.request(port, path)
        for clients in (1, 4, 16):
            mine, theirs = [], []
            for _ in range(rounds):
                mine.append(load.run_clients(gport, gpath, clients, seconds))
                theirs.append(load.run_clients(oport, opath, clients, seconds))
            errors = f"errors: geonews {sum(x.errors for x in mine)}, Oxigraph {sum(x.errors for x in theirs)}"
            note = f"{clients} client(s) on 127.0.0.1-{clients}, {rounds} x {seconds:g} s each; {errors}"
            if clients == 1:
                rows.append(Result(f"{label}, 1 client, median latency", _median([x.median_ms for x in mine]),
                                   "ms", _median([x.median_ms for x in theirs]), "Oxigraph server", note))
            else:
                rows.append(Result(f"{label}, {clients} clients, throughput", _median([x.per_second for x in mine]),
                                   "req/s", _median([x.per_second for x in theirs]), "Oxigraph server", note))
                rows.append(Result(f"{label}, {clients} clients, median latency",
                                   _median([x.median_ms for x in mine]), "ms",
                                   _median([x.median_ms for x in theirs]), "Oxigraph server", note))
    return rows


def probe_rows(gport: int, oport: int) -> list[Result]:
    rows = []
    for name, port, endpoint in (("geonews", gport, "/sparql"), ("Oxigraph server", oport, "/query")):
        probes, heavy = load.probe_during_heavy(port, endpoint, HEAVY)
        ok = [s for code, s in probes if 200 <= code < 300]
        worst = max((s for _, s in probes), default=float("nan")) * 1e3
        codes = sorted({code for code, _ in probes})
        rows.append(Result(f"ASK {{}} while one client runs 4 heavy queries: {name}, slowest", worst, "ms", 1000.0,
                           "1 s", f"{len(ok)}/{len(probes)} probes 2xx (statuses {codes}); heavy queries "
                                  f"answered {sorted(heavy)}"))
    return rows


def page_rows(gport: int, oport: int, base: str, entity: str, claims: int, rounds: int) -> list[Result]:
    path = entity.replace(f"{base}/id/", "/doc/", 1)
    describe = load.query_path("/query", f"DESCRIBE <{entity}>")
    samples: dict[str, list[float]] = {"html": [], "ttl": [], "describe": []}
    for _ in range(max(10, rounds * 5)):
        for key, port, p, accept in (("html", gport, path, "text/html"), ("ttl", gport, path, "text/turtle"),
                                     ("describe", oport, describe, "text/turtle")):
            status, took = load.request(port, p, accept=accept)
            if status != 200:
                raise BenchmarkFailed(f"GET {p} answered {status}")
            samples[key].append(took)
    note = (f"GET {path} ({claims:,} claims); Oxigraph server DESCRIBE of the same entity: "
            f"{_median(samples['describe']) * 1e3:.0f} ms")
    return [Result(f"entity page {fmt}, the most-claimed entity", _median(samples[key]) * 1e3, "ms", 300.0,
                   "300 ms", note) for key, fmt in (("html", "HTML"), ("ttl", "Turtle"))]


def rss_rows(idle: dict[str, float], peak: load.RssPeak, after: dict[str, float]) -> list[Result]:
    def fmt(tree: dict[str, float]) -> str:
        return ", ".join(f"{k} {v:.0f}" for k, v in tree.items())

    total_idle, total_after = sum(idle.values()), sum(after.values())
    return [
        Result("geonews serve RSS, peak under load (server + workers)", peak.peak, "MB", total_idle, "idle",
               f"peak: {fmt(peak.peak_tree)} MB"),
        Result("geonews serve RSS, after the load (server + workers)", total_after, "MB", 1.2 * total_idle,
               "1.2 x idle", f"idle: {fmt(idle)} MB; after: {fmt(after)} MB"),
    ]


def write(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = f"{MARK_BEGIN}\n{text}\n{MARK_END}"
    if MARK_BEGIN in old:
        head, _, rest = old.partition(MARK_BEGIN)
        old = head + block + rest.partition(MARK_END)[2]
    else:
        old = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(old, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="~150k quads, 1 round, short loops")
    p.add_argument("--quads", type=int, help="size of the served store (default 1,000,000)")
    p.add_argument("--output", type=Path, help="Markdown file with the scale section (default benchmarks/RESULTS.md)")
    args = p.parse_args(argv)
    quads = args.quads or (150_000 if args.quick else 1_000_000)
    rounds, seconds, copies = (1, 2.0, 2) if args.quick else (3, 3.0, 8)
    output = args.output or (None if args.quick else HERE / "RESULTS.md")
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load_start = os.getloadavg()
    print(f"load average {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f} on {os.cpu_count()} CPUs",
          flush=True)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="geonews-scale-") as name:
        tmp = Path(name)
        gport, oport = http_bench.free_port(), http_bench.free_port()
        base = f"http://127.0.0.1:{gport}"
        settings = Settings(store=str(tmp / "store"), base=base)  # defaults only: GEONEWS_* do not apply
        try:
            corpus = corpus_mod.build(tmp / "corpus", copies)
            with time_box("ingest", 900):
                rows, source = ingest_rows(settings, corpus, tmp, rounds)
            with time_box("dask", 600):
                rows.append(dask_row(settings, corpus, tmp, oport, rows[0].value))
            results += rows
            print(table(rows), flush=True)
            big = tmp / "big"
            with time_box("replicate", 600):
                total = replicate(source, big, quads)
            entity, claims = most_claimed(big)
            print(f"store of {total:,} quads; most claims: {entity} ({claims:,})", flush=True)
            with http_bench.server(big, base, gport, tmp / "serve.log", tmp) as proc, \
                    load.oxigraph_server(big, oport, tmp / "oxigraph.log"):
                load.request(gport, load.query_path("/sparql", "ASK {}"))
                time.sleep(2)
                idle = load.rss_tree(proc.pid)
                with load.RssPeak(proc.pid) as peak, time_box("servers", 1800):
                    rows = sparql_rows(gport, oport, entity, rounds, seconds)
                    rows += probe_rows(gport, oport)
                    rows += page_rows(gport, oport, base, entity, claims, rounds)
                time.sleep(5)  # the load is over: what the server keeps
                rows += rss_rows(idle, peak, load.rss_tree(proc.pid))
            results += rows
        except BenchmarkFailed as exc:
            print(f"\nbenchmark failed: {exc}", file=sys.stderr)
            return 1
        except Exception as exc:  # noqa: BLE001 - say which stage failed, with the traceback
            traceback.print_exc()
            print(f"\nbenchmark failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
    out = table(results)
    print("\n" + out)
    load_end = os.getloadavg()
    if output is not None:
        command = " ".join([".venv/bin/python", "benchmarks/scale.py", *(argv if argv is not None else sys.argv[1:])])
        write(output, f"## Scale benchmark\n\nLatest run, {started}. Command: `{command}`. Store: {total:,} quads "
                      f"(the corpus's {len(corpus.articles)} articles ingested, their graphs copied). Load average "
                      f"(1 min) {load_start[0]:.2f} at the start, {load_end[0]:.2f} at the end, on "
                      f"{os.cpu_count()} CPUs.\n\n{out}\n")
        print(f"wrote {os.path.relpath(output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
