"""Orchestrate: article files -> spaCy -> extraction -> RDF -> SHACL -> the store."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib.compare import isomorphic

from geonews.ontology import load_ontology

from . import articles as article_io
from .errors import ArticleError, StoreError
from .model import Article, Extraction
from .parallel import prepared_articles
from .prepare import ArticleReport, Prepared, check_settings, internal_report, prepare, run_nlp
from .rdf.iris import Minter
from .settings import Settings
from .store import GraphStore, RemoteStore, open_store


def commit(store: GraphStore | RemoteStore, settings: Settings, p: Prepared) -> ArticleReport:
    """The writer's part: replace the article's named graph in one transaction."""
    store.replace_graph(p.report.iri, p.triples, p.entities, settings.entities_graph)
    return p.report


def publish(store: GraphStore | RemoteStore, m: Minter, settings: Settings, x: Extraction) -> ArticleReport:
    """Validate one extraction and replace its named graph in one transaction."""
    p = prepare(m, settings, x)
    return p if isinstance(p, ArticleReport) else commit(store, settings, p)


def ensure_ontology(store: GraphStore | RemoteStore, settings: Settings) -> None:
    """Store the packaged ontology, unless the store already holds the same graph.

    The ontology has blank nodes (OWL lists), which an INSERT re-mints: rewriting an unchanged
    ontology would change the store's quads on every ingest.
    """
    ontology = load_ontology()
    if not isomorphic(store.graph(settings.ontology_graph), ontology):
        store.replace_graph(settings.ontology_graph, ontology)


def _committed(store: GraphStore | RemoteStore, settings: Settings, a: Article,
               p: Prepared | ArticleReport) -> ArticleReport:
    if isinstance(p, ArticleReport):  # not publishable, or failed in its worker
        return p
    try:
        return commit(store, settings, p)
    except StoreError as exc:  # the failed transaction left the store as it was
        return ArticleReport(origin=a.origin, title=a.title, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on this article; the batch goes on
        return internal_report(a, exc)


def _no_progress(it: Iterable, total: int | None = None) -> Iterable:
    return it


def ingest(settings: Settings, paths: Iterable[str | Path], store: GraphStore | RemoteStore | None = None,
           progress: Callable[..., Iterable] = _no_progress,
           fields: dict[str, str] | None = None) -> list[ArticleReport]:
    """Ingest every article under `paths`; unreadable ones are reported and skipped.

    `progress(iterable, total=n)` may wrap the per-article loop (the CLI passes a tqdm bar);
    `fields` renames JSON fields (`--map`: article field -> the input's name for it). NLP,
    extraction and validation run where the `workers` and `dask` settings say (`parallel`);
    this process alone writes, one transaction per article, in input order.
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
    check_settings(settings)
    own = store is None
    if store is None:  # not `store or ...`: an empty GraphStore is falsy (it has __len__)
        store = open_store(settings)
    try:
        ensure_ontology(store, settings)
        # closing: stopping early (an exception, Ctrl-C) stops the workers and the cluster now
        with contextlib.closing(prepared_articles(settings, items)) as results:
            for a, p in progress(results, total=len(items)):
                reports.append(_committed(store, settings, a, p))
        store.flush()
    finally:
        if own:
            store.close()
    return reports


__all__ = ["ArticleError", "ArticleReport", "commit", "ingest", "publish", "run_nlp"]
