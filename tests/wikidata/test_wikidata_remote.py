"""`geonews link` on a store that is a SPARQL 1.1 server (`oxigraph serve`): the same links, with
the link table where the `link_table` setting says."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from geonews.pipeline.settings import Settings
from geonews.pipeline.store import open_store
from geonews.pipeline.wikidata import link_store

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
OWL, RDF = "http://www.w3.org/2002/07/owl#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
pytestmark = pytest.mark.slow


def test_linking_a_remote_store(server_process, build_scenario, wikidata, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/query"
    cmd = [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}", "--location", str(tmp_path / "db"),
           "--union-default-graph"]
    with server_process(cmd, f"{url}?query=ASK%7B%7D", tmp_path / "oxigraph.log"):
        base = build_scenario(url).base
        settings = Settings.from_env({}, store=url, base=base, wikidata_api=wikidata.url, wikidata_rate=200.0,
                                     link_table=str(tmp_path / "links" / "table.json"))
        report = link_store(settings)
        assert (report.linked, report.written) == (22, 22)
        assert (tmp_path / "links" / "table.json").exists()
        assert (tmp_path / "links" / "wikidata-cache.sqlite").exists()
        hamas = f"{base}/id/armed-group/hamas"
        with open_store(settings, read_only=True) as store:
            rows = list(store.query(
                f"SELECT ?q WHERE {{ GRAPH <{settings.entities_graph}> {{ <{hamas}> <{OWL}sameAs> ?q . "
                f"?n <{RDF}subject> <{hamas}> }} }}"))
        assert [r["q"].value for r in rows] == ["http://www.wikidata.org/entity/Q900000101"]
        assert link_store(settings).written == 0  # a rerun changes nothing on the server either
