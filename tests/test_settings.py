"""Settings: declared once with defaults and help; defaults < GEONEWS_* environment < overrides."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from geonews.pipeline.errors import UsageError
from geonews.pipeline.settings import Settings, documented_settings

README = Path(__file__).parent.parent / "README.md"
FIELDS = dataclasses.fields(Settings)


def test_every_setting_has_a_default_and_help_text():
    assert FIELDS, "Settings has no fields"
    for f in FIELDS:
        assert f.default is not dataclasses.MISSING, f"setting {f.name} has no default"
        assert str(f.metadata.get("help", "")).strip(), f"setting {f.name} has no help text"
    assert [name for name, _, _ in documented_settings()] == [f.name for f in FIELDS]


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().port = 1  # type: ignore[misc]


def readme_table() -> dict[str, str]:
    """setting name -> default cell, from the README's settings table."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\|\s*`([a-z_]+)`\s*\|\s*`([^`]*)`\s*\|\s*(.+?)\s*\|\s*$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


@pytest.mark.parametrize("name", [f.name for f in FIELDS])
def test_readme_documents_every_setting_with_its_default(name):
    rows = readme_table()
    assert name in rows, f"README.md's settings table lacks `{name}`: add a row (name, default, help)"
    default = next(f.default for f in FIELDS if f.name == name)
    assert rows[name] == str(default), f"README.md gives `{name}` the default {rows[name]!r}, the code {default!r}"


def test_readme_documents_no_setting_that_does_not_exist():
    assert set(readme_table()) <= {f.name for f in FIELDS}


def test_defaults_without_environment():
    s = Settings.from_env({})
    for f in FIELDS:
        assert getattr(s, f.name) == f.default


def test_environment_overrides_defaults_and_is_converted():
    s = Settings.from_env({"GEONEWS_PORT": "8123", "GEONEWS_BASE": "https://news.example.org",
                           "GEONEWS_MIN_CONFIDENCE": "0.5", "UNRELATED": "x"})
    assert s.port == 8123 and isinstance(s.port, int)
    assert s.min_confidence == 0.5
    assert s.base == "https://news.example.org"
    assert s.entities_graph == "https://news.example.org/graph/entities"
    assert s.store == Settings().store


def test_explicit_overrides_beat_environment_and_none_means_not_given():
    env = {"GEONEWS_PORT": "8123", "GEONEWS_STORE": "/env/store"}
    s = Settings.from_env(env, port=9000, store=None)
    assert s.port == 9000
    assert s.store == "/env/store"


def test_os_environ_is_the_default_source(monkeypatch):
    monkeypatch.setenv("GEONEWS_THREADS", "3")
    assert Settings.from_env().threads == 3


@pytest.mark.parametrize(("var", "value"), [
    ("GEONEWS_PORT", "eighty"), ("GEONEWS_BATCH_SIZE", "1.5"), ("GEONEWS_QUERY_TIMEOUT", "soon"),
])
def test_bad_environment_value_is_a_usage_error_naming_the_variable(var, value):
    with pytest.raises(UsageError, match=var):
        Settings.from_env({var: value})


def test_every_setting_can_be_set_from_the_environment():
    for f in FIELDS:
        value = {int: "7", float: "0.25", str: "x-value"}[type(f.default)]
        s = Settings.from_env({f"GEONEWS_{f.name.upper()}": value})
        assert str(getattr(s, f.name)) == value, f.name
