"""`geonews ingest`: articles in, one named graph each, a line per article and a summary."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from . import base_option, main, settings_from, shown, store_option


@main.command()
@store_option
@base_option
@click.option("--quiet", "-q", is_flag=True, help="Only print problems.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: only when stderr is a terminal).")
@click.option("--map", "field_map", default=None, metavar="FIELD=NAME,...",
              help="Read JSON article fields under other names, e.g. "
                   "title=headline,text=body,published=date (a.b reads nested objects).")
@click.option("--link", "link_after", is_flag=True,
              help="Then link the articles' entities to Wikidata online (as `geonews link` does).")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes for NLP, extraction and validation (default: the `workers` setting; "
                   "0 = one per CPU core). This process alone writes to the store.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS|local:N",
              help="Run NLP, extraction and validation on a Dask cluster: a scheduler address "
                   "(tcp://host:8786) or local:N (a local cluster of N processes). Needs "
                   "geonews[dask].")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def ingest(store, base, quiet, progress, field_map, link_after, workers, dask_address, paths) -> None:
    """Ingest articles: .txt (title on line 1), .md, .json, .jsonl, HTML pages (.html, .htm) and
    RSS/Atom feeds (.xml, .rss, .atom); folders recursively. Never fetches a URL (--link asks
    Wikidata's API about the entities afterwards)."""
    from geonews.pipeline.articles import SUFFIXES, expand, parse_field_map
    from geonews.pipeline.ingest import ingest as run_ingest

    settings = settings_from(store=store, base=base, workers=workers, dask=dask_address)
    fields = parse_field_map(field_map)
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        click.echo(f"geonews: {shown(p)}: no such file or directory", err=True)
    existing = [p for p in paths if Path(p).exists()]
    empty = [p for p in existing if Path(p).is_dir() and not expand([p])]
    for p in empty:
        click.echo(f"geonews: {shown(p)}: no article files ({', '.join(SUFFIXES)}) in this folder",
                   err=True)
    disable = True if quiet and progress is None else (None if progress is None else not progress)

    def bar(it, total=None):
        return tqdm(it, total=total, desc="articles", unit="art", disable=disable, file=sys.stderr)

    reports = run_ingest(settings, existing, progress=bar, fields=fields) if existing else []
    for r in reports:
        origin = shown(r.origin)
        if r.skipped is not None:
            click.echo(f"geonews: {origin}: left out: {r.skipped}", err=True)
            continue
        if r.error is not None:
            click.echo(f"geonews: {origin}: skipped: {shown(r.error, keep_lines=r.internal)}",
                       err=True)
            continue
        if not quiet:
            click.echo(f"{origin}: published {r.published} facts as <{r.iri}>")
        for rej in r.rejected:
            f = rej.fact
            click.echo(f"{origin}: rejected {f.predicate}({shown(f.subject.label)}, "
                       f"{shown(f.object.label)}): " + "; ".join(rej.reasons), err=True)
    codes = [r.exit_code for r in reports] + [2] * (len(missing) + len(empty))
    if link_after:
        _link(settings, [r.iri for r in reports if r.iri and r.error is None and r.skipped is None], quiet)
    if not quiet:
        left_out = sum(1 for r in reports if r.skipped is not None)
        failed = sum(1 for r in reports if r.error is not None)
        ok = len(reports) - left_out - failed
        click.echo(f"{ok} article(s) ingested, {failed} skipped, "
                   f"{sum(len(r.rejected) for r in reports)} fact(s) rejected"
                   + (f", {left_out} file(s) left out (not articles)" if left_out else ""))
    sys.exit(max(codes, default=0))


def _link(settings, articles: list[str], quiet: bool) -> None:
    """`--link`: the entities of the articles just published, linked online (nothing if none was)."""
    from geonews.pipeline import wikidata

    from .link import print_report, warn_contact

    if not articles:
        return
    warn_contact(settings)
    report = wikidata.link_store(settings, only_articles=articles)
    if not quiet:
        print_report(report)
