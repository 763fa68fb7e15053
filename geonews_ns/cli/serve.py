"""`geonews serve`: the site and the read-only SPARQL endpoint."""

from __future__ import annotations

import click

from . import base_option, main, settings_from, store_option


@main.command()
@store_option
@base_option
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 5000).")
def serve(store, base, host, port) -> None:
    """Serve the linked-data site and the read-only SPARQL endpoint."""
    from geonews.web import create_app, start_workers
    from geonews.web import server as http_server

    settings = settings_from(store=store, base=base, host=host, port=port)
    warning = http_server.base_mismatch(settings)
    if warning:
        click.echo(f"geonews: warning: {warning}", err=True)
    app = create_app(settings)
    server = http_server.listen(app, settings)  # a port in use is a usage error (exit code 2)
    start_workers(app)  # the SPARQL query worker processes, before the first request
    click.echo(f"geonews: serving {settings.store} on http://{settings.host}:{settings.port}/", err=True)
    http_server.run(server)


