"""`geonews eval`: extraction quality against gold annotations."""

from __future__ import annotations

from pathlib import Path

import click

from geonews.pipeline.errors import UsageError

from . import main, settings_from


@main.command(name="eval")
@click.option("--gold", "golds", multiple=True, required=True, type=click.Path(exists=True),
              help="Gold annotation JSON file(s) or folders of them.")
@click.argument("more", nargs=-1, type=click.Path(exists=True))
@click.option("--explain", is_flag=True, help="List every false positive and false negative.")
def eval_command(golds, more, explain) -> None:
    """Ingest each gold file's article into an in-memory store and score facts, entities, links."""
    from geonews.pipeline.evaluation import evaluate, report

    paths = []
    for p in map(Path, (*golds, *more)):
        paths.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    if not paths:
        raise UsageError("no gold annotation files (*.json) found")
    click.echo(report(evaluate(paths, settings_from()), explain))


