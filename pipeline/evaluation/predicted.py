"""What the pipeline published for one article, read back from the store with SPARQL."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import GraphStore

PREFIXES = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


@dataclass
class PredEntity:
    iri: str
    kind: str
    names: set[str]  # rdfs:label and every skos:altLabel
    qid: str | None
    label: str = ""  # rdfs:label


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
    pattern: str | None = None


def predicted(store: GraphStore, article_iri: str, entities_graph: str) -> tuple[dict[str, PredEntity], list[PredFact]]:
    """Entities mentioned in and facts published for one article, read back with SPARQL."""
    ents: dict[str, PredEntity] = {}
    q = PREFIXES + f"""SELECT ?e ?type ?label ?name ?same WHERE {{
      GRAPH <{article_iri}> {{ <{article_iri}> geonews:mentions ?e }}
      GRAPH <{entities_graph}> {{ ?e a ?type ; rdfs:label ?label .
        {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
        OPTIONAL {{ ?e owl:sameAs ?same }} }} }}"""
    for row in store.query(q, use_default_graph_as_union=False):
        iri = row["e"].value
        e = ents.setdefault(iri, PredEntity(iri, row["type"].value.split("#")[-1], set(), None,
                                            row["label"].value))
        e.names.add(row["name"].value)
        if row["same"] is not None:
            e.qid = row["same"].value.rsplit("/", 1)[-1]
    facts = []
    q = PREFIXES + f"""SELECT ?s ?p ?o ?ev ?b ?en ?c ?pattern ?role ?postIn WHERE {{ GRAPH <{article_iri}> {{
        ?s ?p ?o . ?claim a geonews:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
               geonews:evidence ?ev ; geonews:beginIndex ?b ; geonews:endIndex ?en ; geonews:confidence ?c
        OPTIONAL {{ ?claim geonews:pattern ?pattern }} }}
      OPTIONAL {{ GRAPH <{entities_graph}> {{ ?o geonews:roleTitle ?role ; geonews:postIn ?postIn }} }} }}"""
    for row in store.query(q, use_default_graph_as_union=False):
        ptype = row["p"].value.split("#")[-1]
        obj = row["postIn"].value if ptype == "holdsPost" and row["postIn"] is not None else row["o"].value
        facts.append(PredFact(ptype, row["s"].value, obj, row["role"].value if row["role"] else None,
                              row["ev"].value, int(row["b"].value), int(row["en"].value), float(row["c"].value),
                              row["pattern"].value if row["pattern"] else None))
    return ents, facts
