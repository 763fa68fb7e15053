"""The `geonews` command: ingest, export, validate, serve, eval (DESIGN.md section 8).

Exit codes: 0 ok; 1 some facts were rejected by the shapes (the rest is published); 2 usage
error or an article that could not be read. A batch returns the worst code.
"""

from __future__ import annotations

import os
import sys
import traceback
import unicodedata
from pathlib import Path

import click
from tqdm import tqdm

from .errors import GeonewsError, UsageError
from .settings import Settings, documented_settings

store_option = click.option("--store", "store", default=None, metavar="DIR|URL",
                            help="Store directory, or a SPARQL 1.1 server's query URL "
                                 "(setting `store`, env GEONEWS_STORE).")
base_option = click.option("--base", default=None, help="Base IRI of minted identifiers.")


def shown(text: str, keep_lines: bool = False) -> str:
    """`text` safe to print: control and other invisible characters (a file name can hold an
    escape sequence or a line break that forges output) are shown escaped, e.g. `\\x1b`."""
    out = []
    for ch in text:
        if keep_lines and ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch)[0] == "C":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _settings(**overrides) -> Settings:
    return Settings.from_env(**overrides)


#: Exit code of an unexpected internal error (a bug): distinct from 1 (facts rejected) and 2.
INTERNAL_ERROR = 3


class GeonewsGroup(click.Group):
    """Turns GeonewsError into a message and exit code 2; a bug into a traceback and exit 3,
    so that a crash is never mistaken for 'some facts were rejected' (1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GeonewsError as exc:
            click.echo(f"geonews: error: {exc}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, SystemExit):
            raise
        except Exception:  # noqa: BLE001 - the edge of the program: report, then a distinct code
            traceback.print_exc()
            click.echo("geonews: internal error (a bug): please report the traceback above", err=True)
            ctx.exit(INTERNAL_ERROR)


@click.group(cls=GeonewsGroup)
@click.version_option(package_name="geonews")
def main() -> None:
    """geonews: English geopolitical news -> validated linked data."""


@main.command()
@store_option
@base_option
@click.option("--quiet", "-q", is_flag=True, help="Only print problems.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: only when stderr is a terminal).")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def ingest(store, base, quiet, progress, paths) -> None:
    """Ingest articles (.txt with the title on line 1, .json, .jsonl; directories recursively)."""
    from .articles import expand
    from .ingest import ingest as run_ingest

    settings = _settings(store=store, base=base)
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        click.echo(f"geonews: {shown(p)}: no such file or directory", err=True)
    existing = [p for p in paths if Path(p).exists()]
    empty = [p for p in existing if Path(p).is_dir() and not expand([p])]
    for p in empty:
        click.echo(f"geonews: {shown(p)}: no article files (.txt, .json, .jsonl) in this folder",
                   err=True)
    disable = True if quiet and progress is None else (None if progress is None else not progress)

    def bar(it, total=None):
        return tqdm(it, total=total, desc="articles", unit="art", disable=disable, file=sys.stderr)

    reports = run_ingest(settings, existing, progress=bar) if existing else []
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
    if not quiet:
        left_out = sum(1 for r in reports if r.skipped is not None)
        failed = sum(1 for r in reports if r.error is not None)
        ok = len(reports) - left_out - failed
        click.echo(f"{ok} article(s) ingested, {failed} skipped, "
                   f"{sum(len(r.rejected) for r in reports)} fact(s) rejected"
                   + (f", {left_out} file(s) left out (not articles)" if left_out else ""))
    sys.exit(max(codes, default=0))


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples"]),
              default="trig", show_default=True, help="turtle/ntriples give the union of all graphs.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File (default stdout).")
def export(store, fmt, output) -> None:
    """Write the store's data (all graphs) in one RDF format."""
    from .store import open_store

    with open_store(_settings(store=store), read_only=True) as gs:
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
    from .checks import validate_files, validate_store

    settings = _settings(store=store, base=base)
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


@main.command()
@store_option
@base_option
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 5000).")
def serve(store, base, host, port) -> None:
    """Serve the linked-data site and the read-only SPARQL endpoint."""
    from geonews.web import create_app, start_workers
    from geonews.web import server as http_server

    from .store import is_remote

    settings = _settings(store=store, base=base, host=host, port=port)
    if is_remote(settings.store):
        raise UsageError(f"`geonews serve` needs the embedded store (a directory), not the SPARQL server "
                         f"{settings.store}: serving from a remote store is not supported yet")
    app = create_app(settings)
    server = http_server.listen(app, settings)  # a port in use is a usage error (exit code 2)
    start_workers(app)  # the SPARQL query worker processes, before the first request
    click.echo(f"geonews: serving {settings.store} on http://{settings.host}:{settings.port}/", err=True)
    http_server.run(server)


@main.command(name="eval")
@click.option("--gold", "golds", multiple=True, required=True, type=click.Path(exists=True),
              help="Gold annotation JSON file(s) or folders of them.")
@click.argument("more", nargs=-1, type=click.Path(exists=True))
@click.option("--explain", is_flag=True, help="List every false positive and false negative.")
def eval_command(golds, more, explain) -> None:
    """Ingest each gold file's article into an in-memory store and score facts, entities, links."""
    from .evaluate import evaluate, report

    paths = []
    for p in map(Path, (*golds, *more)):
        paths.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    if not paths:
        raise UsageError("no gold annotation files (*.json) found")
    click.echo(report(evaluate(paths, _settings()), explain))


@main.command(name="settings")
def settings_command() -> None:
    """List every setting with its default and environment variable."""
    for name, default, help_text in documented_settings():
        click.echo(f"GEONEWS_{name.upper():<24} {default!r:<28} {help_text}")


if __name__ == "__main__":
    main()
