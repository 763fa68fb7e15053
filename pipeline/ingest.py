"""Orchestrate: article files -> spaCy -> extraction -> RDF -> SHACL -> the store."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import XSD, Literal
from rdflib.compare import isomorphic

from geonews.ontology import GN, load_ontology

from . import articles as article_io
from .errors import ArticleError, StoreError
from .extract import extract
from .model import Article, Extraction
from .nlp import load_pipeline
from .rdf.iris import Minter
from .rdf.validate import Rejection, Violation, validate_article
from .settings import Settings
from .store import GraphStore, RemoteStore, open_store


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


def publish(store: GraphStore | RemoteStore, m: Minter, settings: Settings, x: Extraction) -> ArticleReport:
    """Validate one extraction and replace its named graph in one transaction."""
    report = ArticleReport(origin=x.article.origin, title=x.article.title)
    x.facts = [f for f in x.facts if f.confidence >= settings.min_confidence]
    graphs, rejected, leftover = validate_article(m, x)
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
    store.replace_graph(str(graphs.article), graphs.graph, graphs.entities, settings.entities_graph)
    report.published = len(graphs.claims)
    return report


def ensure_ontology(store: GraphStore | RemoteStore, settings: Settings) -> None:
    """Store the packaged ontology, unless the store already holds the same graph.

    The ontology has blank nodes (OWL lists), which an INSERT re-mints: rewriting an unchanged
    ontology would change the store's quads on every ingest.
    """
    ontology = load_ontology()
    if not isomorphic(store.graph(settings.ontology_graph), ontology):
        store.replace_graph(settings.ontology_graph, ontology)


def _internal(a: Article, exc: Exception) -> ArticleReport:
    """A bug met while processing one article: reported with its traceback, exit code 3."""
    trace = "".join(traceback.format_exception(exc)).rstrip()
    return ArticleReport(origin=a.origin, title=a.title, internal=True,
                         error=f"internal error (a bug; please report it):\n{trace}")


def _no_progress(it: Iterable, total: int | None = None) -> Iterable:
    return it


def ingest(settings: Settings, paths: Iterable[str | Path], store: GraphStore | RemoteStore | None = None,
           progress: Callable[..., Iterable] = _no_progress,
           fields: dict[str, str] | None = None) -> list[ArticleReport]:
    """Ingest every article under `paths`; unreadable ones are reported and skipped.

    `progress(iterable, total=n)` may wrap the per-article loop (the CLI passes a tqdm bar);
    `fields` renames JSON fields (`--map`: article field -> the input's name for it).
    """
    reports: list[ArticleReport] = []
    items: list[Article] = []
    files, skipped = article_io.walk(paths)
    reports.extend(ArticleReport(origin=str(s.path), skipped=s.reason) for s in skipped)
    for path in files:
        found, errors = article_io.load(path, settings.max_article_bytes, fields,
                                        settings.max_page_bytes)
        items.extend(found)
        reports.extend(ArticleReport(origin=e.source, error=e.reason) for e in errors)
    own = store is None
    if store is None:  # not `store or ...`: an empty GraphStore is falsy (it has __len__)
        store = open_store(settings)
    m = Minter(settings.base)
    try:
        ensure_ontology(store, settings)
        results = run_nlp(settings, items) if items else iter(())
        for a, x in progress(results, total=len(items)):
            if isinstance(x, Exception):
                reports.append(_internal(a, x))
                continue
            try:
                reports.append(publish(store, m, settings, x))
            except StoreError as exc:  # the failed transaction left the store as it was
                reports.append(ArticleReport(origin=a.origin, title=a.title, error=str(exc)))
            except Exception as exc:  # noqa: BLE001 - a bug on this article; the batch goes on
                reports.append(_internal(a, exc))
        store.flush()
    finally:
        if own:
            store.close()
    return reports


__all__ = ["ArticleError", "ArticleReport", "ingest", "publish", "run_nlp"]
