"""`geonews export`, `geonews validate` and `geonews settings`."""

from __future__ import annotations

import os
import sys

import click

from geonews.pipeline.errors import UsageError
from geonews.pipeline.settings import documented_settings

from . import base_option, main, settings_from, shown, store_option


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples"]),
              default="trig", show_default=True, help="turtle/ntriples give the union of all graphs.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File (default stdout).")
def export(store, fmt, output) -> None:
    """Write the store's data (all graphs) in one RDF format."""
    from geonews.pipeline.store import open_store

    with open_store(settings_from(store=store), read_only=True) as gs:
        if output:
            try:
                gs.dump(output, fmt)
            except OSError as exc:
                raise UsageError(f"{output}: cannot write: {exc.strerror or exc}") from exc
            return
        try:
            gs.dump(sys.stdout.buffer, fmt)
            sys.stdout.flush()
        except BrokenPipeError:  # `geonews export | head`: the reader left, which is not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@main.command()
@store_option
@base_option
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def validate(store, base, files) -> None:
    """Check every article graph against the shapes: in the store, or in RDF FILES."""
    from geonews.pipeline.rdf.checks import validate_files, validate_store

    settings = settings_from(store=store, base=base)
    results = validate_files(settings, files) if files else validate_store(settings)
    bad = 0
    for name, violations in results:
        if violations:
            bad += 1
            click.echo(f"{shown(name)}: {len(violations)} violation(s)", err=True)
            for v in violations[:20]:
                click.echo(f"  {v}", err=True)
    click.echo(f"{len(results)} graph(s) checked, {bad} with violations")
    sys.exit(1 if bad else 0)


@main.command(name="settings")
def settings_command() -> None:
    """List every setting with its default and environment variable."""
    for name, default, help_text in documented_settings():
        click.echo(f"GEONEWS_{name.upper():<24} {default!r:<28} {help_text}")


