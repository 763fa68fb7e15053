"""`geonews link`: Wikidata links for the entities the gazetteer does not know, and their review."""

from __future__ import annotations

import sys

import click

from . import base_option, main, settings_from, shown, store_option

REVIEW_HELP = ('To correct an entry, edit the table: set "review" to "accept" (links to its "qid", which '
               'you may change) or "reject" (no link); the next `geonews link` applies it.')


@main.command()
@store_option
@base_option
@click.option("--review", is_flag=True,
              help="Print the uncertain entries of the link table (sends no request, changes nothing).")
def link(store, base, review) -> None:
    """Link the store's entities to Wikidata through its public API (see README, "Wikidata links")."""
    from geonews.pipeline import wikidata

    settings = settings_from(store=store, base=base)
    if review:
        path, entries = wikidata.review(settings)
        print_review(path, entries)
        return
    warn_contact(settings)
    report = wikidata.link_store(settings)
    print_report(report)


def warn_contact(settings) -> None:
    if "wikidata.org" in settings.wikidata_api and settings.wikidata_contact == "https://w3id.org/geonews":
        click.echo("geonews: note: set GEONEWS_WIKIDATA_CONTACT to your e-mail or URL; Wikimedia asks "
                   "every client to give a contact in its User-Agent", err=True)


def print_report(report) -> None:
    click.echo(f"{report.checked} entities checked: {report.linked} linked, {report.unlinked} left unlinked, "
               f"{report.reviewed} as reviewed in the table; {report.changed} decision(s) changed; "
               f"{report.written} link(s) written, {report.removed} removed; {report.requests} request(s) sent, "
               f"{report.cached} answer(s) from the cache")
    click.echo(f"link table: {shown(str(report.table))}"
               + (f" ({len(report.uncertain)} uncertain: geonews link --review)" if report.uncertain else ""))


def print_review(path, entries: list[dict]) -> None:
    click.echo(f"{len(entries)} uncertain entr{'y' if len(entries) == 1 else 'ies'} in {shown(str(path))}")
    if entries:
        click.echo(REVIEW_HELP)
    for e in entries:
        click.echo("")
        state = f"linked to {e['qid']} ({e['score']:.2f})" if e.get("status") == "linked" else "unlinked"
        click.echo(f"{shown(e.get('label', ''))} ({e.get('kind')}) <{shown(e['entity'])}>: {state}"
                   + (f": {shown(e['reason'])}" if e.get("reason") else ""))
        for c in e.get("candidates", [])[:5]:
            mark = "" if c.get("compatible") else " [incompatible]"
            click.echo(f"  {c['qid']:<12} {c['score']:.2f}  {shown(c.get('label', ''))}"
                       + (f" - {shown(c['description'])}" if c.get("description") else "") + mark)
            for why in c.get("evidence", []):
                click.echo(f"      {shown(why)}")
    sys.stdout.flush()
