"""`geonews eval`: extraction quality against gold annotations."""

from __future__ import annotations

from pathlib import Path

import click

from geonews.pipeline.errors import UsageError

from . import main, settings_from


@main.command(name="eval")
@click.option("--gold", "golds", multiple=True, required=True, type=click.Path(exists=True),
              help="Gold annotation JSON file(s) or folders of them.")
@click.argument("more", nargs=-1, type=click.Path(exists=True))
@click.option("--explain", is_flag=True, help="List every false positive and false negative.")
@click.option("--fit-confidence", "fit_to", type=click.Path(dir_okay=False), default=None,
              help="Fit the confidence model on these gold files and write it to FILE "
                   "(the packaged one is pipeline/data/confidence.json).")
def eval_command(golds, more, explain, fit_to) -> None:
    """Ingest each gold file's article into an in-memory store and score facts, entities, links."""
    paths = []
    for p in map(Path, (*golds, *more)):
        paths.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    if not paths:
        raise UsageError("no gold annotation files (*.json) found")
    if fit_to:
        _fit(paths, Path(fit_to))
        return
    from geonews.pipeline.evaluation import evaluate, report

    click.echo(report(evaluate(paths, settings_from()), explain))


def _fit(paths: list[Path], out: Path) -> None:
    import json

    from geonews.pipeline.evaluation.calibrate import FIXED, PENALTIES, cross_check, fit, samples
    from geonews.pipeline.relations.confidence import FEATURES

    data = samples(paths, settings_from().base)
    wrong = sum(not s.correct for s in data)
    if not wrong or wrong == len(data):
        raise UsageError(f"{len(data)} facts, {wrong} wrong: a model needs right and wrong facts")
    for line in cross_check(data):
        click.echo(line)
    model = fit(data, penalties=PENALTIES, fixed=FIXED)
    groups = sorted({s.group for s in data})
    out.write_text(json.dumps({
        "_comment": "Fitted by `geonews eval --fit-confidence` (pipeline/evaluation/calibrate.py).",
        "features": list(FEATURES), "weights": [round(w, 4) for w in model.weights],
        "trained_on": f"{len(data)} facts ({wrong} wrong) of {len(paths)} gold files in {', '.join(groups)}",
    }, indent=1) + "\n", encoding="utf-8")
    click.echo(f"wrote {out}: {len(data)} facts, {wrong} wrong")


