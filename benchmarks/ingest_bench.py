"""Benchmarks 2-4: whole ingest with its per-stage breakdown, validation cost against store size,
and GraphStore.replace_graph against a plain pyoxigraph Store.extend of the same quads."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pyoxigraph as ox
from corpus import Corpus
from measure import Result, StageClock, median, timed
from rdflib import Graph

import geonews.pipeline.ingest as ingest_mod
import geonews.pipeline.prepare as prepare_mod
import geonews.pipeline.rdf.validate as validate_mod
from geonews.pipeline.rdf.checks import validate_store
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore, to_oxigraph_term

STAGES = ("spaCy", "extract", "build triples", "SHACL validate", "store write")


@dataclass
class Write:
    """One GraphStore.replace_graph call made by ingest, kept to be replayed."""

    graph: str
    triples: Graph
    entities: Graph | None
    entities_graph: str | None


@dataclass
class IngestRun:
    seconds: float
    articles: int
    clock: StageClock
    writes: list[Write] = field(default_factory=list)  # article graphs, in ingest order
    ontology: Write | None = None


class _TimedPipeline:
    """Stands in for the spaCy Language in ingest.run_nlp; time inside nlp.pipe counts as 'spaCy'."""

    def __init__(self, nlp, clock: StageClock):
        self.nlp, self.clock = nlp, clock

    @property
    def max_length(self) -> int:
        return self.nlp.max_length

    @max_length.setter
    def max_length(self, value: int) -> None:
        self.nlp.max_length = value

    def pipe(self, texts, **kwargs):
        it = self.nlp.pipe(texts, **kwargs)
        while True:
            t = time.perf_counter()
            try:
                doc = next(it)
            except StopIteration:
                self.clock.add("spaCy", time.perf_counter() - t)
                return
            self.clock.add("spaCy", time.perf_counter() - t)
            yield doc


def instrumented_ingest(settings: Settings, corpus: Corpus) -> IngestRun:
    """ingest() of the corpus folder into a fresh store, with each stage's functions wrapped in timers.

    The wrappers add one perf_counter pair per call (well under a microsecond).
    """
    clock = StageClock()
    run = IngestRun(0.0, 0, clock)
    real_load, real_replace = prepare_mod.load_pipeline, GraphStore.replace_graph

    def replace_graph(store, graph, triples, entities=None, entities_graph=None):
        w = Write(graph, triples, entities, entities_graph)
        if graph == settings.ontology_graph:
            run.ontology = w
            return real_replace(store, graph, triples, entities, entities_graph)
        run.writes.append(w)
        t = time.perf_counter()
        try:
            return real_replace(store, graph, triples, entities, entities_graph)
        finally:
            clock.add("store write", time.perf_counter() - t)

    validator = settings.validator
    with mock.patch.object(prepare_mod, "load_pipeline", lambda name="": _TimedPipeline(real_load(name), clock)), \
            mock.patch.object(prepare_mod, "extract", clock.wrap("extract", prepare_mod.extract)), \
            mock.patch.object(prepare_mod, "validate_article", clock.wrap("validate_article",
                                                                          prepare_mod.validate_article)), \
            mock.patch.object(validate_mod, "build", clock.wrap("build triples", validate_mod.build)), \
            mock.patch.dict(validate_mod.VALIDATORS, {validator: clock.wrap(
                "SHACL validate", validate_mod.VALIDATORS[validator])}), \
            mock.patch.object(GraphStore, "replace_graph", replace_graph):
        t = time.perf_counter()
        reports = ingest_mod.ingest(settings.replace(workers=1), [corpus.folder])  # stages timed in-process
        run.seconds = time.perf_counter() - t
    failed = [r for r in reports if r.error]
    if failed:
        raise RuntimeError(f"{len(failed)} benchmark articles were not published: {failed[0].origin}: "
                           f"{failed[0].error}")
    run.articles = len(reports)
    return run


def ingest_results(run: IngestRun, bare_spacy_s: float) -> list[Result]:
    n = run.articles
    total_ms = run.seconds / n * 1e3
    rows = [Result("whole ingest throughput", n / run.seconds, "articles/s", n / bare_spacy_s, "bare nlp.pipe",
                   f"{n} articles into a fresh on-disk store")]
    accounted = 0.0
    for stage in STAGES:
        ms = run.clock.total[stage] / n * 1e3
        accounted += ms
        rows.append(Result(f"ingest stage: {stage}", ms, "ms/article", total_ms, "whole ingest", "ratio = share"))
    rows.append(Result("ingest stage: other", total_ms - accounted, "ms/article", total_ms, "whole ingest",
                       "file reading, rejection bookkeeping, ontology check, flush"))
    return rows


def replay(path: Path, writes: list[Write], ontology: Write | None = None) -> None:
    """A store holding exactly these writes, made with the same GraphStore.replace_graph calls."""
    with GraphStore(path) as store:
        for w in ([ontology] if ontology else []) + writes:
            store.replace_graph(w.graph, w.triples, w.entities, w.entities_graph)


def validation_results(run: IngestRun, corpus: Corpus, settings: Settings, tmp: Path, repeats: int,
                       budget_s: float) -> list[Result]:
    """Per-article validation time with k articles in the store against 4k.

    k is a whole number of corpus copies, so the first k and the last k articles are the same texts.
    """
    n = run.articles
    k = corpus.originals * max(1, corpus.copies // 4)
    per_article = run.clock.calls["validate_article"]
    early, late = median(per_article[:k]), median(per_article[-k:])
    small = tmp / "store-k"
    replay(small, run.writes[:k], run.ontology)

    def per_article_s(store: Path, count: int) -> float:
        s = settings.replace(store=str(store))
        runs = []
        deadline = time.monotonic() + budget_s / 2
        while len(runs) < repeats and (not runs or time.monotonic() < deadline):
            t = time.perf_counter()
            checked = validate_store(s)
            runs.append((time.perf_counter() - t) / len(checked))
            if len(checked) != count:
                raise RuntimeError(f"validate_store checked {len(checked)} graphs, expected {count}")
        return median(runs)

    small_s, big_s = per_article_s(small, k), per_article_s(Path(settings.store), n)
    return [
        Result("validate_article while ingesting, store at 3k-4k articles", late * 1e3, "ms/article", early * 1e3,
               "store at 0-k articles", f"k={k}; median per article; same texts in both"),
        Result(f"geonews validate, store of 4k={n} articles", big_s * 1e3, "ms/article", small_s * 1e3,
               f"store of k={k}", f"validate_store(); median of {repeats}"),
    ]


def _quads(w: Write) -> list[ox.Quad]:
    g = ox.NamedNode(w.graph)
    out = [ox.Quad(*map(to_oxigraph_term, t), g) for t in w.triples]
    if w.entities is not None and w.entities_graph:
        eg = ox.NamedNode(w.entities_graph)
        out += [ox.Quad(*map(to_oxigraph_term, t), eg) for t in w.entities]
    return out


def store_write_results(run: IngestRun, tmp: Path) -> list[Result]:
    """Every article write replayed into fresh stores: replace_graph (new, then again) against extend."""
    writes = run.writes
    quads = [_quads(w) for w in writes]
    raw = ox.Store(str(tmp / "store-raw"))
    extend = [timed(lambda q=q: raw.extend(q)) for q in quads]
    raw.flush()
    new, again = [], []
    with GraphStore(tmp / "store-replay") as store:
        for w in writes:
            new.append(timed(lambda w=w: store.replace_graph(w.graph, w.triples, w.entities, w.entities_graph)))
        for w in writes:
            again.append(timed(lambda w=w: store.replace_graph(w.graph, w.triples, w.entities, w.entities_graph)))
    size = median([len(q) for q in quads])
    bound = median(extend) * 1e3
    note = f"median of {len(writes)} article graphs (median {size:.0f} quads)"
    return [
        Result("store write: replace_graph, new graph", median(new) * 1e3, "ms/article", bound,
               "pyoxigraph Store.extend", note),
        Result("store write: replace_graph, graph present", median(again) * 1e3, "ms/article", bound,
               "pyoxigraph Store.extend", "re-ingest of the same article (DROP + INSERT)"),
    ]
