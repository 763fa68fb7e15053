"""The architecture holds: dependencies point one way with no cycle, stages are subpackages,
modules stay small, and each concept has one source (relation signatures, word lists)."""

from __future__ import annotations

import ast
import dataclasses
import json
import pkgutil
import re
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

import geonews
from geonews.ontology import NS, RELATIONS, signatures
from geonews.pipeline.nlp.lexicon import Lexicon, LexiconError, parse_lexicon
from geonews.pipeline.relations import facts as facts_module
from geonews.shapes import load_shapes

ROOT = Path(__file__).parent.parent
MAX_LINES = 400
#: Which layer may import which (web -> pipeline -> ontology/shapes; the CLI sits on top).
LAYERS = {"geonews.cli": 3, "geonews.web": 2, "geonews.pipeline": 1,
          "geonews.ontology": 0, "geonews.shapes": 0}


def modules() -> dict[str, Path]:
    """Every module of the installed package, by dotted name."""
    out = {"geonews": Path(geonews.__file__)}
    for info in pkgutil.walk_packages(geonews.__path__, "geonews."):
        spec = info.module_finder.find_spec(info.name)
        out[info.name] = Path(spec.origin)
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports (at any depth in the file), resolved to module names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def _layer(module: str) -> int | None:
    for prefix, level in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return level
    return None


def test_no_import_cycle(graph):
    """Tarjan's strongly connected components over module imports: each must be a single module
    (a package's __init__ re-exporting its own submodules is not a cycle of stages)."""
    index, low, stack, on, cycles = {}, {}, [], set(), []

    def edges(v):
        return [w for w in graph[v] if not (v.startswith(w + ".") or w.startswith(v + "."))]

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_dependencies_point_one_way(graph):
    upward = sorted((a, b) for a, targets in graph.items() for b in targets
                    if _layer(a) is not None and _layer(b) is not None and _layer(b) > _layer(a))
    assert upward == [], "a lower layer imports a higher one"


def test_every_stage_is_a_subpackage():
    for stage in ("articles", "nlp", "relations", "rdf", "store"):
        assert (ROOT / "pipeline" / stage / "__init__.py").exists(), stage
    assert (ROOT / "site" / "sparql" / "__init__.py").exists()


def test_no_module_is_over_400_lines():
    long = {}
    for folder in ("geonews_ns", "pipeline", "site", "ontology", "shapes", "tests", "benchmarks"):
        for f in (ROOT / folder).rglob("*.py"):
            n = len(f.read_text(encoding="utf-8").splitlines())
            if n > MAX_LINES:
                long[str(f.relative_to(ROOT))] = n
    assert long == {}


# -- one source per concept ----------------------------------------------------------------------
def _shape_classes(g, shape: URIRef) -> tuple[str, ...]:
    single = g.value(shape, SH["class"])
    if single is not None:
        return (str(single)[len(NS):],)
    return tuple(str(g.value(alt, SH["class"]))[len(NS):] for alt in Collection(g, g.value(shape, SH["or"])))


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_shapes_and_extraction_use_the_ontology_signatures(name):
    sig, shapes = signatures()[name], load_shapes()
    cap = name[0].upper() + name[1:]
    gns = "https://w3id.org/geonews/shapes#"
    assert _shape_classes(shapes, URIRef(f"{gns}{cap}Domain")) == sig.domain_classes
    assert _shape_classes(shapes, URIRef(f"{gns}{cap}Range")) == sig.range_classes
    assert facts_module.signatures is signatures  # the extraction filters with the same function


def test_lexicon_file_matches_its_declaration():
    data = json.loads((ROOT / "pipeline" / "data" / "lexicon.json").read_text(encoding="utf-8"))
    lex = parse_lexicon(data)
    assert all(getattr(lex, f.name) for f in dataclasses.fields(Lexicon))
    with pytest.raises(LexiconError, match="unknown lists \\['supprot_verbs'\\]"):
        parse_lexicon({**data, "supprot_verbs": ["back"]})
    with pytest.raises(LexiconError, match="missing lists \\['hedges'\\]"):
        parse_lexicon({k: v for k, v in data.items() if k != "hedges"})


def test_every_word_list_is_used_by_the_rules():
    code = "\n".join(f.read_text(encoding="utf-8") for f in (ROOT / "pipeline").rglob("*.py"))
    declared = (ROOT / "pipeline" / "data" / "relation_patterns.json").read_text(encoding="utf-8")
    unused = [f.name for f in dataclasses.fields(Lexicon) if not re.search(rf"\blex\.{f.name}\b", code)
              and f'"@{f.name}"' not in declared]  # a declared pattern names a list as "@name"
    assert unused == []
