"""`geonews serve`: a port in use is a usage error (exit code 2), and a --base that is not the
address served is warned about."""

from __future__ import annotations

import socket

import pytest

from geonews.pipeline.settings import Settings
from geonews.web.server import base_mismatch


@pytest.mark.parametrize(("base", "host", "port", "warns"), [
    ("http://127.0.0.1:5000", "127.0.0.1", 5000, False),
    ("http://localhost:5000", "127.0.0.1", 5000, False),
    ("http://127.0.0.1:5000", "0.0.0.0", 5000, False),
    ("http://127.0.0.1:5000", "127.0.0.1", 5077, True),
    ("https://geonews.example.org", "127.0.0.1", 5000, True),
    ("http://geonews.example.org:5000", "127.0.0.1", 5000, True),
])
def test_base_mismatch(base, host, port, warns):
    warning = base_mismatch(Settings(base=base, host=host, port=port))
    assert (warning is not None) == warns
    if warns:
        assert base in warning and f"http://{host}:{port}/" in warning


def test_a_port_in_use_exits_2_with_a_warning_about_the_base(cli, seed_store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = cli("serve", "--store", str(seed_store[0]), "--port", str(port),
                   "--base", "http://127.0.0.1:1")
    assert proc.returncode == 2, proc.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in proc.stderr
    assert "warning: --base http://127.0.0.1:1 is not the address served" in proc.stderr
    assert "Traceback" not in proc.stderr and "bug" not in proc.stderr
