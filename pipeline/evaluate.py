"""Score what the pipeline publishes against gold annotations (docs/ARCHITECTURE.md, "Gold annotations")."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from geonews.ontology import RELATIONS, SYMMETRIC

from .errors import UsageError
from .nlp.gazetteer import norm
from .store import GraphStore

PREFIXES = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


@dataclass
class Gold:
    path: Path
    text_path: Path
    entities: list[dict]
    facts: list[dict]


def find_text(gold_path: Path, doc: dict) -> Path:
    """The article a gold file annotates: its 'document', or texts/<stem>.txt beside gold/."""
    names = [doc["document"]] if doc.get("document") else []
    names += [f"{gold_path.stem}.txt"]
    for name in names:
        for folder in (gold_path.parent, gold_path.parent.parent, gold_path.parent.parent / "texts"):
            if (folder / name).is_file():
                return folder / name
    raise UsageError(f"{gold_path}: cannot find the annotated article ({', '.join(names)})")


def load_gold(path: str | Path) -> Gold:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: cannot read gold annotations: {exc}") from exc
    return Gold(path, find_text(path, doc), doc.get("entities", []), doc.get("facts", []))


@dataclass
class PredEntity:
    iri: str
    kind: str
    names: set[str]
    qid: str | None


@dataclass
class PredFact:
    type: str
    subject: str
    object: str
    role: str | None
    evidence: str | None
    begin: int | None
    end: int | None
    confidence: float


def predicted(store: GraphStore, article_iri: str, entities_graph: str) -> tuple[dict[str, PredEntity], list[PredFact]]:
    """Entities mentioned in and facts published for one article, read back with SPARQL."""
    ents: dict[str, PredEntity] = {}
    q = PREFIXES + f"""SELECT ?e ?type ?name ?same WHERE {{
      GRAPH <{article_iri}> {{ <{article_iri}> geonews:mentions ?e }}
      GRAPH <{entities_graph}> {{ ?e a ?type . {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
        OPTIONAL {{ ?e owl:sameAs ?same }} }} }}"""
    for row in store.query(q, use_default_graph_as_union=False):
        iri = row["e"].value
        e = ents.setdefault(iri, PredEntity(iri, row["type"].value.split("#")[-1], set(), None))
        e.names.add(row["name"].value)
        if row["same"] is not None:
            e.qid = row["same"].value.rsplit("/", 1)[-1]
    facts = []
    q = PREFIXES + f"""SELECT ?s ?p ?o ?ev ?b ?en ?c ?role ?postIn WHERE {{ GRAPH <{article_iri}> {{
        ?s ?p ?o . ?claim a geonews:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
               geonews:evidence ?ev ; geonews:beginIndex ?b ; geonews:endIndex ?en ; geonews:confidence ?c }}
      OPTIONAL {{ GRAPH <{entities_graph}> {{ ?o geonews:roleTitle ?role ; geonews:postIn ?postIn }} }} }}"""
    for row in store.query(q, use_default_graph_as_union=False):
        ptype = row["p"].value.split("#")[-1]
        obj = row["postIn"].value if ptype == "holdsPost" and row["postIn"] is not None else row["o"].value
        facts.append(PredFact(ptype, row["s"].value, obj, row["role"].value if row["role"] else None,
                              row["ev"].value, int(row["b"].value), int(row["en"].value), float(row["c"].value)))
    return ents, facts


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    """Totals over every gold file, with per-relation scores and error lists for --explain."""

    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    entities_found: int = 0
    entities_total: int = 0
    links_right: int = 0
    links_wrong: list[str] = field(default_factory=list)
    links_missing: list[str] = field(default_factory=list)
    links_total: int = 0
    evidence_ok: int = 0
    published: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        s = Score()
        for v in self.by_type.values():
            s.tp, s.fp, s.fn = s.tp + v.tp, s.fp + v.fp, s.fn + v.fn
        return s


def _gold_names(e: dict) -> set[str]:
    return {norm(e["text"])} | {norm(a) for a in e.get("aliases", [])}


def match_entities(gold: Gold, ents: dict[str, PredEntity]) -> dict[str, str]:
    """Predicted IRI -> gold entity text, by QID where both have one, else by name."""
    out: dict[str, str] = {}
    by_qid = {g["wikidata"]: g["text"] for g in gold.entities if g.get("wikidata")}
    for iri, e in ents.items():
        if e.qid and e.qid in by_qid:
            out[iri] = by_qid[e.qid]
            continue
        names = {norm(n) for n in e.names}
        for g in gold.entities:
            if names & _gold_names(g):
                out[iri] = g["text"]
                break
    return out


def score_article(gold: Gold, text: str, ents: dict[str, PredEntity], facts: list[PredFact], res: Result) -> None:
    mapping = match_entities(gold, ents)
    label = {iri: mapping.get(iri) or sorted(e.names)[0] for iri, e in ents.items()}
    found = set(mapping.values())
    for g in gold.entities:
        res.entities_total += 1
        if g["text"] in found:
            res.entities_found += 1
        else:
            res.missed_entities.append(f"{gold.path.name}: {g['text']} ({g['type']})")
        if g.get("wikidata"):
            res.links_total += 1
            linked = [e.qid for iri, e in ents.items() if mapping.get(iri) == g["text"] and e.qid]
            if g["wikidata"] in linked:
                res.links_right += 1
            else:
                res.links_missing.append(f"{gold.path.name}: {g['text']} {g['wikidata']} got {linked or 'no link'}")
    for iri, e in ents.items():
        g = next((g for g in gold.entities if g["text"] == mapping.get(iri)), None)
        if e.qid and g is not None and g.get("wikidata") and g["wikidata"] != e.qid:
            res.links_wrong.append(f"{gold.path.name}: {g['text']} linked to {e.qid}, gold {g['wikidata']}")

    def key(t: str, s: str, o: str) -> tuple[str, str, str]:
        s, o = norm(s), norm(o)
        return (t, *sorted((s, o))) if t in SYMMETRIC else (t, s, o)

    gold_keys = {key(f["type"], f["subject"], f["object"]): f for f in gold.facts}
    pred_keys: dict[tuple, PredFact] = {}
    for f in facts:
        res.published += 1
        if f.evidence and f.begin is not None and text[f.begin:f.end] == f.evidence:
            res.evidence_ok += 1
        pred_keys.setdefault(key(f.type, label.get(f.subject, f.subject), label.get(f.object, f.object)), f)
    for k, f in pred_keys.items():
        if k in gold_keys:
            res.by_type[k[0]].tp += 1
        else:
            res.by_type[k[0]].fp += 1
            res.false_positives.append(
                f"{gold.path.name}: FP {k[0]}({k[1]}, {k[2]}) conf={f.confidence}\n    {f.evidence}")
    for k, f in gold_keys.items():
        if k not in pred_keys:
            res.by_type[k[0]].fn += 1
            res.false_negatives.append(
                f"{gold.path.name}: FN {k[0]}({f['subject']}, {f['object']})\n    {f['evidence']}")


def report(res: Result, explain: bool = False) -> str:
    lines = [f"{'relation':<14}{'tp':>4}{'fp':>4}{'fn':>4}{'P':>7}{'R':>7}{'F1':>7}"]
    for t in [*RELATIONS, "overall"]:
        s = res.overall if t == "overall" else res.by_type.get(t)
        if s is None or (s.tp + s.fp + s.fn) == 0:
            continue
        lines.append(f"{t:<14}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}")
    er = res.entities_found / res.entities_total if res.entities_total else 0.0
    la = res.links_right / (res.links_right + len(res.links_wrong)) if res.links_right + len(res.links_wrong) else 0.0
    lines += [
        f"entity recall: {er:.3f} ({res.entities_found}/{res.entities_total})",
        f"wikidata links: {res.links_right}/{res.links_total} gold links found, "
        f"{len(res.links_wrong)} wrong, accuracy {la:.3f}",
        f"evidence coverage: {res.evidence_ok}/{res.published} published facts have exact evidence",
    ]
    if explain:
        lines += ["", "False positives:", *res.false_positives, "", "False negatives:", *res.false_negatives,
                  "", "Missed entities:", *res.missed_entities, "", "Wrong links:", *res.links_wrong,
                  "", "Missing links:", *res.links_missing]
    return "\n".join(lines)


def evaluate(gold_paths, settings=None) -> Result:
    """Ingest each gold file's article into an in-memory store (through the whole pipeline:
    spaCy, rules, SHACL) and score what was published, read back with SPARQL."""
    from .ingest import ingest
    from .settings import Settings

    settings = settings or Settings.from_env()
    store = GraphStore(None)
    res = Result()
    for path in gold_paths:
        gold = load_gold(path)
        report_ = ingest(settings, [gold.text_path], store=store)[0]
        if report_.error:
            raise UsageError(f"{gold.text_path}: {report_.error}")
        ents, facts = predicted(store, report_.iri, settings.entities_graph)
        text = gold.text_path.read_text(encoding="utf-8").removeprefix("\ufeff")
        score_article(gold, text, ents, facts, res)
    return res

