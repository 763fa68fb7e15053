"""Packaging smoke test: the wheel and the sdist ship the data files, and the console script starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
#: Source folder -> package folder (setup.cfg's package_dir); the data under each must be shipped.
DATA = {
    "ontology": ("geonews/ontology", ["*.ttl"]),
    "shapes": ("geonews/shapes", ["*.ttl"]),
    "site": ("geonews/web", ["templates/**/*", "static/**/*"]),
    "pipeline": ("geonews/pipeline", ["data/**/*"]),
}
IGNORE = shutil.ignore_patterns(".venv", ".git", "var", "build", "dist", "*.egg-info", "__pycache__",
                                ".pytest_cache", ".ruff_cache", "*.pyc")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def data_files() -> dict[str, str]:
    """source path -> path inside the wheel, for every data file in the source tree."""
    out = {}
    for folder, (package, patterns) in DATA.items():
        for pattern in patterns:
            for f in (ROOT / folder).glob(pattern):
                if f.is_file() and "__pycache__" not in f.parts:
                    rel = f.relative_to(ROOT / folder).as_posix()
                    out[f"{folder}/{rel}"] = f"{package}/{rel}"
    return out


#: Source folder -> package folder for the Python modules (setup.cfg's package_dir).
MODULES = {"geonews_ns": "geonews", "pipeline": "geonews/pipeline", "site": "geonews/web",
           "ontology": "geonews/ontology", "shapes": "geonews/shapes"}


def module_files() -> dict[str, str]:
    """source path -> path inside the wheel, for every Python module in the source tree."""
    out = {}
    for folder, package in MODULES.items():
        for f in (ROOT / folder).rglob("*.py"):
            if "__pycache__" not in f.parts:
                rel = f.relative_to(ROOT / folder).as_posix()
                out[f"{folder}/{rel}"] = f"{package}/{rel}"
    return out


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    assert proc.returncode == 0, f"{args}: {proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """A wheel and an sdist built from a copy of the source tree (building writes into the tree)."""
    tmp = tmp_path_factory.mktemp("packaging")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp / "wheel"), ".",
        cwd=src)
    run(sys.executable, "-c", f"from setuptools import build_meta as b; b.build_sdist({str(tmp / 'sdist')!r})", cwd=src)
    [wheel] = (tmp / "wheel").glob("geonews-*.whl")
    [sdist] = (tmp / "sdist").glob("geonews-*.tar.gz")
    return {"tmp": tmp, "wheel": wheel, "sdist": sdist}


def test_the_tree_has_the_data_files_the_contract_needs():
    files = data_files()
    for needed in ("ontology/geonews.ttl", "site/templates/base.html", "pipeline/data/gazetteer.csv"):
        assert needed in files
    assert any(f.startswith("shapes/") for f in files)


def test_wheel_contains_the_data_files_and_the_console_script(built):
    with zipfile.ZipFile(built["wheel"]) as z:
        names = set(z.namelist())
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = z.read(entry_points).decode("utf-8")
    missing = sorted(src for src, dst in data_files().items() if dst not in names)
    assert missing == [], f"not in the wheel (see [options.package_data] in setup.cfg): {missing}"
    assert "[console_scripts]" in scripts
    assert "geonews = geonews.cli:main" in scripts
    missing = sorted(src for src, dst in module_files().items() if dst not in names)
    assert missing == [], f"modules not in the wheel (see [options] packages in setup.cfg): {missing}"


def test_sdist_contains_the_data_files_and_readme(built):
    with tarfile.open(built["sdist"]) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    missing = sorted(src for src in data_files() if src not in names)
    assert missing == [], f"not in the sdist: {missing}"
    for extra in ("README.md", "setup.cfg", "pyproject.toml", "Makefile", "requirements.txt",
                  "seeds/seed-article.txt", "tests/conftest.py"):
        assert extra in names, extra


def test_sdist_builds_a_complete_wheel(built):
    tmp = built["tmp"]
    with tarfile.open(built["sdist"]) as t:
        t.extractall(tmp / "unpacked", filter="data")
    [src] = (tmp / "unpacked").iterdir()
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
        str(tmp / "wheel-from-sdist"), ".", cwd=src)
    [wheel] = (tmp / "wheel-from-sdist").glob("geonews-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert sorted(dst for dst in data_files().values() if dst not in names) == []


def test_installed_wheel_runs_on_its_own(built):
    """Installed into a bare folder, the wheel's console script starts and its data files load."""
    tmp = built["tmp"]
    target = tmp / "target"
    run(sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target),
        str(built["wheel"]), cwd=tmp)
    env = {"PYTHONPATH": str(target)}
    probe = ("import geonews, geonews.cli; from geonews.ontology import load_ontology; "
             "from geonews.shapes import load_shapes; "
             "print(geonews.__file__); print(len(load_ontology()) > 0, len(load_shapes()) > 0)")
    proc = run(sys.executable, "-c", probe, cwd=tmp, env=env)
    where, loaded = proc.stdout.splitlines()
    assert Path(where).is_relative_to(target), "imported geonews from somewhere else than the wheel"
    assert loaded == "True True"
    proc = run(str(target / "bin" / "geonews"), "--help", cwd=tmp, env=env)
    assert "ingest" in proc.stdout


def test_console_script_in_this_environment_starts():
    proc = subprocess.run([str(Path(sys.executable).with_name("geonews")), "--help"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "Usage: geonews" in proc.stdout
