"""The `geonews` command: ingest, export, validate, serve, eval, settings.

It sits above both the pipeline and the web layer (it starts the server), so neither imports it.
Exit codes: 0 ok; 1 some facts were rejected by the shapes (the rest is published); 2 usage
error or an article that could not be read; 3 an internal error (a bug). A batch returns the
worst code.
"""

from __future__ import annotations

import traceback
import unicodedata

import click

from geonews.pipeline.errors import GeonewsError
from geonews.pipeline.settings import Settings

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


def settings_from(**overrides) -> Settings:
    """Defaults < GEONEWS_* environment < the command's flags (None = not given)."""
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




from . import data, evaluate, ingest, link, serve  # noqa: E402 - the commands register on `main`

__all__ = ["data", "evaluate", "ingest", "link", "main", "serve"]
