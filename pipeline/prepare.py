"""The worker side of ingest: spaCy, extraction and validation of articles, up to the triples to
commit. The same code runs in the ingesting process, in `--workers` processes and on Dask
workers (`process_chunk`); only the writer (`ingest.commit`) touches the store."""

from __future__ import annotations

import gc
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import XSD, Graph, Literal

from geonews.ontology import GN

from .errors import UsageError
from .extract import extract
from .model import Article, Extraction
from .nlp import load_pipeline
from .rdf.iris import Minter
from .rdf.validate import VALIDATORS, Rejection, Violation, validate_article
from .settings import Settings


@dataclass
class ArticleReport:
    """What happened to one article."""

    origin: str
    iri: str | None = None
    title: str = ""
    published: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    error: str | None = None  # could not be read or not published
    violations: list[Violation] = field(default_factory=list)
    skipped: str | None = None  # a file a folder walk left out, and why (not an error)
    internal: bool = False  # `error` is a bug met on this article (the others went on)

    @property
    def exit_code(self) -> int:
        if self.internal:
            return 3
        if self.error is not None:
            return 2
        return 1 if self.rejected else 0


@dataclass
class Prepared:
    """One validated article, ready for the writer: its report and the triples to commit (an
    rdflib Graph in-process; lists of triples when it crosses a process boundary)."""

    report: ArticleReport
    triples: Graph | list
    entities: Graph | list


def check_settings(settings: Settings) -> None:
    if settings.validator not in VALIDATORS:
        raise UsageError(f"validator={settings.validator!r}: use one of {', '.join(VALIDATORS)}")


def run_nlp(settings: Settings, items: list[Article]) -> Iterable[tuple[Article, Extraction | Exception]]:
    """Each article with its extraction, or with the exception a bug raised on it (so that one
    article that trips a bug costs only itself, never the rest of the batch)."""
    nlp = load_pipeline(settings.model)
    nlp.max_length = max(nlp.max_length, settings.max_article_bytes + 1)  # the size limit is ours
    texts = (a.text for a in items)
    for a, doc in zip(items, nlp.pipe(texts, batch_size=settings.batch_size), strict=True):
        try:
            yield a, extract(doc, a)
        except Exception as exc:  # noqa: BLE001 - reported for this article; the batch goes on
            yield a, exc


def prepare(m: Minter, settings: Settings, x: Extraction, portable: bool = False) -> Prepared | ArticleReport:
    """Validate one extraction: what to commit, or the report of an article that cannot be
    published. `portable` gives plain lists of triples (cheap to send to another process)."""
    report = ArticleReport(origin=x.article.origin, title=x.article.title)
    x.facts = [f for f in x.facts if f.confidence >= settings.min_confidence]
    graphs, rejected, leftover = validate_article(m, x, validator=settings.validator)
    report.iri, report.rejected = str(graphs.article), rejected
    if leftover:
        report.error = "not published: " + "; ".join(str(v) for v in leftover[:5])
        report.violations = leftover
        return report
    if rejected:
        graphs.graph.add((graphs.article, GN.rejectedFacts, Literal(len(rejected), datatype=XSD.integer)))
        text = "\n".join(f"{r.fact.predicate}({r.fact.subject.label}, {r.fact.object.label}): "
                         + "; ".join(r.reasons) for r in rejected)
        graphs.graph.add((graphs.article, GN.validationReport, Literal(text)))
    report.published = len(graphs.claims)
    if portable:
        return Prepared(report, list(graphs.graph), list(graphs.entities))
    return Prepared(report, graphs.graph, graphs.entities)


def internal_report(a: Article, exc: BaseException) -> ArticleReport:
    """A bug met while processing one article: reported with its traceback, exit code 3."""
    trace = "".join(traceback.format_exception(exc)).rstrip()
    return ArticleReport(origin=a.origin, title=a.title, internal=True,
                         error=f"internal error (a bug; please report it):\n{trace}")


def prepared(settings: Settings, items: list[Article],
             portable: bool = False) -> Iterable[tuple[Article, Prepared | ArticleReport]]:
    """Every article through spaCy, extraction and validation, in order."""
    warm_up(settings)
    m = Minter(settings.base)
    for a, x in run_nlp(settings, items):
        if isinstance(x, Exception):
            yield a, internal_report(a, x)
            continue
        try:
            yield a, prepare(m, settings, x, portable)
        except Exception as exc:  # noqa: BLE001 - a bug on this article; the batch goes on
            yield a, internal_report(a, exc)


def process_chunk(settings: Settings, items: list[Article]) -> list[Prepared | ArticleReport]:
    """The worker function of `--workers` and `--dask`: one chunk of articles, in order."""
    return [p for _, p in prepared(settings, items, portable=True)]


def warm_up(settings: Settings) -> None:
    """Load what every chunk needs (spaCy, the gazetteer and GeoNames places, the compiled
    shapes) once per process, before the first chunk arrives."""
    from .nlp.gazetteer import load_places
    from .rdf.validate import compiled_shapes

    load_pipeline(settings.model)
    load_places()
    compiled_shapes()
    _freeze_loaded()


_FROZEN = False


def _freeze_loaded() -> None:
    """Once per process, after loading: move what is loaded (the spaCy model, the gazetteer, the
    shapes: some 10^5 long-lived objects) out of the cyclic garbage collector's reach, so that its
    full collections, triggered by the objects each article allocates, stop walking them again and
    again (measured: about 4 ms per article). Objects made later are collected as usual. No
    gc.collect() first: loading leaves no cyclic garbage to keep (a collection there found none)
    and a full collection of this heap costs ~80 ms."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()
