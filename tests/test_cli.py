"""The `geonews` command through its installed console script: exit codes, messages, formats."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from geonews.pipeline.ingest import ArticleReport
from geonews.pipeline.rdf.checks import read_dataset
from geonews.pipeline.settings import documented_settings
from geonews.pipeline.store import GraphStore

ROOT = Path(__file__).parent.parent
INPUT = Path(__file__).parent / "data" / "input"
GOLD = Path(__file__).parent / "data" / "gold" / "seed.json"
GEONEWS = Path(sys.executable).with_name("geonews")
GN = "https://w3id.org/geonews/ontology#"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
DCT_TITLE = "http://purl.org/dc/terms/title"


def geonews_process(*args: str) -> subprocess.CompletedProcess:
    """The installed `geonews` console script, in a subprocess (the smoke tests)."""
    return subprocess.run([str(GEONEWS), *args], capture_output=True, text=True, timeout=300)


def article_graphs(store: Path) -> list[str]:
    gs = GraphStore(store, read_only=True)
    return [str(r["g"].value) for r in gs.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a a <{GN}Article> }} }}")]


# -- usage ----------------------------------------------------------------------------------------

def test_help_and_version():
    """The one subprocess smoke test of the console script (the others run in-process)."""
    proc = geonews_process("--help")
    assert proc.returncode == 0
    for command in ("ingest", "export", "validate", "serve", "eval", "settings"):
        assert command in proc.stdout
    proc = geonews_process("--version")
    assert proc.returncode == 0 and "0.1.0" in proc.stdout


@pytest.mark.parametrize("args", [
    ("no-such-command",),
    ("ingest",),
    ("export", "--format", "rdfxml"),
    ("eval",),
    ("validate", "/no/such/file.trig"),
    ("serve", "--port", "eighty"),
])
def test_usage_errors_exit_2(cli, args):
    proc = cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip(), "a usage error must say what is wrong"
    assert "Traceback" not in proc.stderr


def test_bad_environment_setting_is_a_usage_error(cli, tmp_path):
    proc = cli("export", "--store", str(tmp_path), env={"GEONEWS_PORT": "eighty"})
    assert proc.returncode == 2
    assert "GEONEWS_PORT" in proc.stderr and "Traceback" not in proc.stderr


def test_export_without_a_store_exits_2(cli, tmp_path):
    proc = cli("export", "--store", str(tmp_path / "none"))
    assert proc.returncode == 2
    assert "no store" in proc.stderr and "Traceback" not in proc.stderr


def test_settings_lists_every_setting(cli):
    proc = cli("settings")
    assert proc.returncode == 0
    for name, default, _ in documented_settings():
        assert re.search(rf"^GEONEWS_{name.upper()}\s+{re.escape(repr(default))}", proc.stdout, re.M), name


def test_report_exit_codes():
    assert ArticleReport(origin="a").exit_code == 0
    assert ArticleReport(origin="a", rejected=[object()]).exit_code == 1  # type: ignore[list-item]
    assert ArticleReport(origin="a", error="empty").exit_code == 2


# -- ingest ---------------------------------------------------------------------------------------

@pytest.mark.slow
def test_ingest_missing_path_exits_2_and_names_it(cli, tmp_path):
    proc = cli("ingest", "--store", str(tmp_path / "s"), str(tmp_path / "nowhere.txt"))
    assert proc.returncode == 2
    assert f"{tmp_path / 'nowhere.txt'}: no such file or directory" in proc.stderr


@pytest.mark.slow
def test_ingest_folder_without_articles_exits_2(cli, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.pdf").write_text("x", encoding="utf-8")
    proc = cli("ingest", "--store", str(tmp_path / "s"), str(tmp_path / "docs"))
    assert proc.returncode == 2
    assert "no article files" in proc.stderr


@pytest.mark.slow
def test_ingest_batch_skips_bad_files_ingests_good_ones_and_exits_2(cli, tmp_path):
    store = tmp_path / "store"
    big = tmp_path / "big.txt"
    big.write_text("Big\n" + "Turkey backs the GNA. " * 200, encoding="utf-8")
    bad = [INPUT / "empty.txt", INPUT / "whitespace.txt", INPUT / "binary.txt", INPUT / "latin1.txt",
           INPUT / "malformed.json", INPUT / "missing-text.json", INPUT / "notes.docx", big]
    good = [INPUT / "good.txt", INPUT / "good.json"]
    proc = cli("ingest", "--store", str(store), *map(str, [*good, *bad, INPUT / "mixed.jsonl"]),
                   env={"GEONEWS_MAX_ARTICLE_BYTES": "2000"})
    assert proc.returncode == 2, proc.stderr
    for path in bad:
        assert re.search(rf"^geonews: {re.escape(str(path))}: skipped: \S", proc.stderr, re.M), path
    assert f"{INPUT / 'mixed.jsonl'}:2: skipped: invalid JSON" in proc.stderr
    assert f"{INPUT / 'mixed.jsonl'}:5: skipped:" in proc.stderr
    assert "Traceback" not in proc.stderr
    # published: good.txt, good.json and lines 1 and 4 of mixed.jsonl
    published = re.findall(r"^(\S+): published \d+ facts as <([^>]+)>$", proc.stdout, re.M)
    assert sorted(origin for origin, _ in published) == sorted(
        [str(INPUT / "good.json"), str(INPUT / "good.txt"), f"{INPUT / 'mixed.jsonl'}:1", f"{INPUT / 'mixed.jsonl'}:4"])
    assert sorted(article_graphs(store)) == sorted(iri for _, iri in published)
    assert "4 article(s) ingested, 10 skipped" in proc.stdout


@pytest.mark.slow
def test_ingest_good_articles_exit_code_matches_the_report(cli, tmp_path):
    proc = cli("ingest", "--store", str(tmp_path / "s"), str(INPUT / "good.txt"), str(INPUT / "list.json"))
    # list.json has one bad record: 2 wins over 0 and 1
    assert proc.returncode == 2
    assert f"{INPUT / 'list.json'}[1]: skipped:" in proc.stderr
    proc = cli("ingest", "--store", str(tmp_path / "s"), str(INPUT / "good.txt"))
    rejected = re.findall(r": rejected ", proc.stderr)
    assert proc.returncode == (1 if rejected else 0), proc.stderr


@pytest.mark.slow
def test_progress_bar_goes_to_stderr(cli, tmp_path):
    proc = cli("ingest", "--progress", "--store", str(tmp_path / "s"), str(INPUT / "good.txt"),
                   str(INPUT / "good.json"))
    assert proc.returncode in (0, 1), proc.stderr
    assert re.search(r"articles: 100%.*2/2", proc.stderr)
    assert "%|" not in proc.stdout and "it/s" not in proc.stdout and "art/s" not in proc.stdout
    quiet = cli("ingest", "--quiet", "--store", str(tmp_path / "s"), str(INPUT / "good.txt"))
    assert "100%" not in quiet.stderr and quiet.stdout == ""


# -- export ---------------------------------------------------------------------------------------

def store_counts(store: Path) -> tuple[int, int]:
    """(quads in the dataset, distinct triples in the union of its graphs)."""
    gs = GraphStore(store, read_only=True)
    [row] = list(gs.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"))
    return len(gs), int(row["n"].value)


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "suffix"), [("turtle", "ttl"), ("trig", "trig"), ("nquads", "nq"), ("ntriples", "nt")])
def test_export_formats_parse_and_match_the_store(cli, seed_store, tmp_path, fmt, suffix):
    store = seed_store[0]
    out = tmp_path / f"all.{suffix}"
    proc = cli("export", "--store", str(store), "--format", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    ds = read_dataset([out])
    parsed = sum(1 for _ in ds.quads((None, None, None, None)))
    quads, triples = store_counts(store)
    assert parsed == (quads if fmt in ("trig", "nquads") else triples)
    if fmt in ("trig", "nquads"):
        named = {str(g.identifier) for g in ds.graphs() if len(g)}
        assert named == set(GraphStore(store, read_only=True).named_graphs())


@pytest.mark.slow
def test_export_to_stdout(seed_store):
    proc = subprocess.run([str(GEONEWS), "export", "--store", str(seed_store[0]), "--format", "nquads"],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0
    quads = list(ox.parse(proc.stdout, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == store_counts(seed_store[0])[0]


# -- validate -------------------------------------------------------------------------------------

@pytest.mark.slow
def test_validate_the_seed_store(cli, seed_store):
    proc = cli("validate", "--store", str(seed_store[0]))
    assert proc.returncode == 0, proc.stderr
    n = len(article_graphs(seed_store[0]))
    assert f"{n} graph(s) checked, 0 with violations" in proc.stdout


@pytest.fixture(scope="module")
def seed_quads(seed_store, tmp_path_factory) -> tuple[list[ox.Quad], str, str]:
    """The seed store's quads, its article graph IRI and one entity that article mentions."""
    store, settings = seed_store
    gs = GraphStore(store, read_only=True)
    buf = io.BytesIO()
    gs.dump(buf, "nquads")
    quads = list(ox.parse(buf.getvalue(), format=ox.RdfFormat.N_QUADS))
    [article] = article_graphs(store)
    mentioned = sorted(
        str(r["e"].value) for r in gs.query(
            f"SELECT ?e WHERE {{ GRAPH <{article}> {{ <{article}> <{GN}mentions> ?e }} "
            f"GRAPH <{settings.entities_graph}> {{ ?e a ?t }} }}"))
    assert mentioned, "the seed article mentions no entity"
    return quads, article, mentioned[0]


def write_trig(path: Path, quads) -> Path:
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    return path


@pytest.mark.slow
def test_validate_an_exported_trig_file(cli, seed_quads, tmp_path):
    quads, article, _ = seed_quads
    proc = cli("validate", str(write_trig(tmp_path / "ok.trig", quads)))
    assert proc.returncode == 0, proc.stderr
    assert "0 with violations" in proc.stdout


def _without(quads, predicate: str, graph: str):
    return [q for q in quads if not (q.predicate.value == predicate and str(q.graph_name.value) == graph)]


@pytest.mark.slow
def test_validate_names_a_non_wikidata_same_as(cli, seed_quads, seed_store, tmp_path):
    quads, article, entity = seed_quads
    ents = seed_store[1].entities_graph
    broken = [*quads, ox.Quad(ox.NamedNode(entity), ox.NamedNode(OWL_SAME_AS),
                              ox.NamedNode("http://dbpedia.org/resource/Somewhere"), ox.NamedNode(ents))]
    proc = cli("validate", str(write_trig(tmp_path / "sameas.trig", broken)))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{article}: " in proc.stderr and "violation" in proc.stderr
    assert entity in proc.stderr and "sameAs" in proc.stderr


@pytest.mark.slow
def test_validate_names_an_article_without_title(cli, seed_quads, tmp_path):
    quads, article, _ = seed_quads
    proc = cli("validate", str(write_trig(tmp_path / "notitle.trig", _without(quads, DCT_TITLE, article))))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"<{article}>" in proc.stderr and "title" in proc.stderr


@pytest.mark.slow
def test_validate_names_a_claim_without_evidence(cli, seed_quads, tmp_path):
    quads, article, _ = seed_quads
    claims = sorted({q.subject.value for q in quads if q.predicate.value == f"{GN}evidence"})
    assert claims, "the pipeline published no claims for the seed article"
    broken = [q for q in quads if not (q.subject.value == claims[0] and q.predicate.value == f"{GN}evidence")]
    proc = cli("validate", str(write_trig(tmp_path / "noevidence.trig", broken)))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert claims[0] in proc.stderr


def test_validate_unparsable_file_exits_2(cli, tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("<http://a> <http://b> .\n GRAPH {", encoding="utf-8")
    proc = cli("validate", str(bad))
    assert proc.returncode == 2
    assert f"{bad}: cannot parse as trig" in proc.stderr and "Traceback" not in proc.stderr


# -- eval -----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_eval_prints_scores(cli):
    proc = cli("eval", "--gold", str(GOLD))
    assert proc.returncode == 0, proc.stderr
    header, *rows = proc.stdout.splitlines()
    assert header.split() == ["relation", "tp", "fp", "fn", "P", "R", "F1"]
    number = r"\d+\.\d{3}"
    assert re.search(rf"^overall\s+\d+\s+\d+\s+\d+\s+{number}\s+{number}\s+{number}$", proc.stdout, re.M)
    assert re.search(rf"^entity recall: {number} \(\d+/\d+\)$", proc.stdout, re.M)


@pytest.mark.slow
def test_export_to_an_unwritable_path_exits_2(cli, seed_store, tmp_path):
    out = tmp_path / "no" / "such" / "dir" / "all.nq"
    proc = cli("export", "--store", str(seed_store[0]), "--format", "nquads", "-o", str(out))
    assert proc.returncode == 2
    assert f"{out}: cannot write" in proc.stderr and "Traceback" not in proc.stderr
