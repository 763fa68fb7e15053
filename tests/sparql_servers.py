"""Real SPARQL servers for the tests, on free loopback ports with their own folders.

- `oxigraph(...)`: the pinned `oxigraph` server binary installed next to the Python interpreter.
- `start_virtuoso(dir)` / `stop_virtuoso(proc)`: Debian's Virtuoso 7.2 (`virtuoso-opensource`) with
  its own minimal virtuoso.ini and database folder, SPARQL Update granted to the anonymous SPARQL
  user (which also opens the Graph Store endpoint). Written from the project's research notes on
  Virtuoso (about 2.5 s to start, 55 MB of database files, 275 MB of memory).

Loaded by conftest.py by path (the tests folder is not a package). Standard library only; HTTP
to the servers bypasses any proxy in the environment.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = Path("/usr/bin/virtuoso-t")  # Debian package virtuoso-opensource-7-bin
ISQL = Path("/usr/bin/isql-vt")  # the same package's SQL shell (plain `isql` is unixODBC's)
INSTALL_VIRTUOSO = ("install Debian's Virtuoso 7.2 (what .ci/run does): `sudo DEBIAN_FRONTEND=noninteractive "
                    "apt-get install -y --no-install-recommends virtuoso-opensource`, then stop the system "
                    "instance it may start: `sudo service virtuoso-opensource-7 stop`")
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_ports(n: int) -> list[int]:
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


@contextlib.contextmanager
def oxigraph(running, workdir: Path, union: bool = False, persistent: bool = True,
             timeout_s: int | None = None) -> Iterator[str]:
    """`oxigraph serve` until the block ends; yields its query endpoint URL. `running` is the
    `server_process` fixture (start, wait until it answers, stop)."""
    if not OXIGRAPH.exists():
        raise RuntimeError(f"the Oxigraph server binary is missing: {OXIGRAPH} (pip install oxigraph)")
    port = free_ports(1)[0]
    args = [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}"]
    args += ["--location", str(workdir / "db")] if persistent else []
    args += ["--union-default-graph"] if union else []
    args += ["--timeout-s", str(timeout_s)] if timeout_s else []
    url = f"http://127.0.0.1:{port}/query"
    with running(args, f"{url}?query=ASK%7B%7D", workdir / "server.log"):
        yield url


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
; 2 = case-insensitive, case-preserving (Debian's ini): with the default, ASK answers a SELECT row
CaseMode           = 2
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
CheckpointInterval = 60
[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerThreads      = 20
MaxClientConnections = 20
Charset            = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryExecutionTime      = 60
MaxQueryCostEstimationTime = 400
"""


def _isql(port: int, sql: str) -> None:
    """Run SQL as dba; isql-vt exits 0 even when the SQL fails, so its output is checked."""
    r = subprocess.run([str(ISQL), f"127.0.0.1:{port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF",
                        "PROMPT=OFF", "ECHO=OFF", f"exec={sql}"], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    out = r.stdout + r.stderr
    if r.returncode != 0 or "*** Error" in out:
        raise RuntimeError(f"isql-vt failed for {sql!r}: {out}")


def _answers(url: str) -> bool:
    try:
        with NO_PROXY.open(url, timeout=1) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_virtuoso(base: Path, max_rows: int = 10000) -> tuple[str, subprocess.Popen]:
    """A private Virtuoso under `base`: (query endpoint URL, process). Retries once if a port
    was taken between picking and binding it."""
    if not (VIRTUOSO.exists() and ISQL.exists()):
        raise FileNotFoundError(f"{VIRTUOSO} is missing: {INSTALL_VIRTUOSO}")
    for attempt in range(3):
        d = Path(base).resolve() / f"virtuoso-{attempt}"
        d.mkdir(parents=True)
        sql_port, http_port = free_ports(2)
        ini = d / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(d=d, sql_port=sql_port, http_port=http_port, max_rows=max_rows))
        with open(d / "stdout.log", "wb") as log:
            proc = subprocess.Popen([str(VIRTUOSO), "+foreground", "+configfile", str(ini)], cwd=d,
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        url = f"http://127.0.0.1:{http_port}/sparql"
        deadline = time.monotonic() + 60
        try:
            while not _answers(f"{url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"):
                if proc.poll() is not None:
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Virtuoso did not start: {(d / 'stdout.log').read_text()[-2000:]}")
                time.sleep(0.1)
            if proc.poll() is not None:
                continue  # a port race: try other ports
            while True:  # the SQL port may lag behind the HTTP one
                try:
                    _isql(sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
                    break
                except RuntimeError as exc:
                    if "Connect failed" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            _isql(sql_port, "checkpoint;")
            return url, proc
        except BaseException:
            stop_virtuoso(proc)
            raise
    raise RuntimeError(f"Virtuoso did not start on free ports: {(d / 'stdout.log').read_text()[-2000:]}")


def stop_virtuoso(proc: subprocess.Popen) -> None:
    """SIGTERM (a clean shutdown in ~0.03 s), then SIGKILL to its process group if it lingers."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
