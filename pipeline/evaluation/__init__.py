"""`geonews eval`: ingest each gold file's article into an in-memory store through the whole
pipeline (spaCy, rules, SHACL), read back what was published with SPARQL, and score it."""

from __future__ import annotations

from ..errors import UsageError
from ..store import GraphStore
from .gold import Gold, load_gold
from .predicted import predicted
from .report import report
from .scoring import CLASSES, Result, Score, score_article

__all__ = ["CLASSES", "Gold", "Result", "Score", "evaluate", "load_gold", "predicted", "report"]


def evaluate(gold_paths, settings=None) -> Result:
    """Score every gold file; an article the pipeline refuses counts all its facts as missed."""
    from ..ingest import ingest
    from ..settings import Settings

    settings = settings or Settings.from_env()
    store = GraphStore(None)
    res = Result()
    for path in gold_paths:
        gold = load_gold(path)
        reports = [r for r in ingest(settings, [gold.text_path], store=store) if r.skipped is None]
        if not reports or reports[0].error and not reports[0].violations:
            raise UsageError(f"{gold.text_path}: {reports[0].error if reports else 'not an article'}")
        if reports[0].violations:  # refused by the shapes: every gold fact is missed
            res.refused.append(f"{gold.path.name}: {reports[0].error}")
        ents, facts = predicted(store, reports[0].iri, settings.entities_graph)
        text = gold.text_path.read_text(encoding="utf-8").removeprefix("\ufeff")
        score_article(gold, text, ents, facts, res)
    return res
