"""The text `geonews eval` prints: per-relation scores, entities, links, evidence, error classes,
precision at confidence thresholds, and with --explain every error grouped by class."""

from __future__ import annotations

from geonews.ontology import RELATIONS

from .scoring import CLASSES, Result

THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def _row(name: str, s) -> str:
    return f"{name:<14}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"


def report(res: Result, explain: bool = False) -> str:
    lines = [f"{'relation':<14}{'tp':>4}{'fp':>4}{'fn':>4}{'P':>7}{'R':>7}{'F1':>7}"]
    for t in [*RELATIONS, "overall"]:
        s = res.overall if t == "overall" else res.by_type.get(t)
        if s is None or (s.tp + s.fp + s.fn) == 0:
            continue
        lines.append(_row(t, s))
    er = res.entities_found / res.entities_total if res.entities_total else 0.0
    la = res.links_right / (res.links_right + len(res.links_wrong)) if res.links_right + len(res.links_wrong) else 0.0
    lines += [
        f"entity recall: {er:.3f} ({res.entities_found}/{res.entities_total})",
        f"wikidata links: {res.links_right}/{res.links_total} gold links found, "
        f"{len(res.links_wrong)} wrong, accuracy {la:.3f}",
        f"evidence coverage: {res.evidence_ok}/{res.published} published facts have exact evidence",
        f"articles refused: {len(res.refused)} of {res.articles + len(res.refused)}",
        "",
        f"{'error class':<20}{'FN':>5}{'FP':>5}  meaning",
    ]
    counts = res.class_counts()
    for name, meaning in CLASSES.items():
        c = counts[name]
        if c["FN"] or c["FP"]:
            lines.append(f"{name:<20}{c['FN']:>5}{c['FP']:>5}  {meaning}")
    lines += ["", "min_confidence    P      R  (facts kept)"]
    for t in THRESHOLDS:
        s = res.at_threshold(t)
        lines.append(f"{t:>14.2f}{s.precision:>7.3f}{s.recall:>7.3f}  ({s.tp + s.fp})")
    if explain:
        for name in CLASSES:
            errors = [e for e in res.errors if e.error_class == name]
            if errors:
                lines += ["", f"== {name} ({CLASSES[name]})", *(e.text for e in errors)]
        lines += ["", "== articles refused", *res.refused, "", "== missed entities", *res.missed_entities,
                  "", "== wrong links", *res.links_wrong, "", "== missing links", *res.links_missing]
    return "\n".join(lines)
