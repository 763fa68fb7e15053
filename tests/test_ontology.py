"""ontology/geonews.ttl declares the ontology contract (docs/ARCHITECTURE.md) and every GN term."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, SKOS

from geonews.ontology import GN, NS, RELATIONS, SYMMETRIC, ontology_text

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = "http://www.wikidata.org/entity/"
ONTOLOGY = URIRef("https://w3id.org/geonews/ontology")
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}

CLASSES = ["Actor", "State", "ArmedGroup", "Government", "Organization", "Official", "Post",
           "Agreement", "Conflict", "Place", "Event", "Meeting", "Attack", "Article", "Claim"]
ACTORS = ["State", "ArmedGroup", "Government", "Organization", "Official"]
# The contract's relations, transcribed from the design: relation -> (domain, range); a tuple means a union of classes.
CONTRACT = {
    "supports": ("Actor", "Actor"),
    "opposes": ("Actor", "Actor"),
    "partyTo": ("Actor", "Agreement"),
    "brokered": ("Actor", "Agreement"),
    "holdsPost": ("Official", "Post"),
    "leads": ("Official", "Actor"),
    "met": ("Actor", "Actor"),
    "attacked": ("Actor", ("Actor", "Place")),
    "controls": ("Actor", "Place"),
    "basedIn": ("Actor", "Place"),
    "recognizedBy": ("Actor", "Actor"),
    "partOf": (("Organization", "ArmedGroup", "Government"), "Actor"),
    "endorses": ("Actor", "Agreement"),
    "rejects": ("Actor", "Agreement"),
}
INVERSES = {"supportedBy": "supports", "hasParty": "partyTo", "brokeredBy": "brokered",
            "ledBy": "leads", "controlledBy": "controls", "recognizes": "recognizedBy",
            "hasPart": "partOf", "postHolder": "holdsPost"}
OBJECT_PROPERTIES = ["postIn", "participant", "place", "concerns", "mentions", "attributedTo"]
DATATYPE_PROPERTIES = {"evidence": XSD.string, "beginIndex": XSD.integer, "endIndex": XSD.integer,
                       "confidence": XSD.decimal, "pattern": XSD.string, "hedged": XSD.boolean,
                       "sourceName": XSD.string, "rejectedFacts": XSD.integer,
                       "validationReport": XSD.string, "roleTitle": RDF.langString, "date": None}
SEM_TERMS = {"Event", "Actor", "Place", "Time", "hasActor", "hasPlace", "hasTime", "hasTimeStamp",
             "subEventOf"}
# namespace -> rdflib DefinedNamespace that knows its terms (None: checked otherwise)
ALIGNMENT_NAMESPACES = {str(ORG): ORG, str(PROV): PROV, str(FOAF): FOAF, str(SDO): SDO,
                        str(DCTERMS): DCTERMS, str(SEM): None, str(RDF): None, WD: None}


@pytest.fixture(scope="module")
def g(ontology) -> Graph:
    return ontology


def gn_terms() -> list[str]:
    return [name for name in GN.__annotations__ if not name.startswith("_")]


def union_members(g: Graph, node) -> set:
    if isinstance(node, BNode):
        return set(Collection(g, g.value(node, OWL.unionOf)))
    return {node}


def as_set(spec) -> set:
    return {GN[n] for n in spec} if isinstance(spec, tuple) else {GN[spec]}


def test_parses_as_owl_ontology(g):
    assert Graph().parse(data=ontology_text(), format="turtle")
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.creator, DCTERMS.license,
              OWL.versionInfo):
        assert g.value(ONTOLOGY, p) is not None, p
    assert str(g.value(ONTOLOGY, DCTERMS.license)) == "https://opensource.org/licenses/MIT"
    assert str(g.value(ONTOLOGY, DCTERMS.creator)) == "geonews developers"


def test_vocab_has_every_contract_term():
    names = set(gn_terms())
    contract = set(CLASSES) | set(CONTRACT) | set(INVERSES)
    assert contract | set(OBJECT_PROPERTIES) | set(DATATYPE_PROPERTIES) <= names
    assert set(RELATIONS) == set(CONTRACT)


@pytest.mark.parametrize("name", gn_terms())
def test_every_gn_term_is_declared(g, name):
    term = GN[name]
    assert set(g.objects(term, RDF.type)) & TERM_TYPES, f"{name} has no owl type"
    labels = list(g.objects(term, RDFS.label))
    comments = list(g.objects(term, RDFS.comment))
    assert len(labels) == 1 and labels[0].language == "en", name
    assert comments and all(c.language == "en" and len(c) > 10 for c in comments), name


def test_no_undeclared_vocabulary(g):
    """Everything the ontology defines in the geonews namespace is a GN term (usable from code)."""
    defined = {str(s)[len(NS):] for s in g.subjects()
               if isinstance(s, URIRef) and str(s).startswith(NS)}
    assert defined == set(gn_terms())


def test_classes_and_hierarchy(g):
    for name in CLASSES:
        assert (GN[name], RDF.type, OWL.Class) in g, name
    for name in ACTORS:
        assert (GN[name], RDFS.subClassOf, GN.Actor) in g, name
    for name in ("Meeting", "Attack"):
        assert (GN[name], RDFS.subClassOf, GN.Event) in g
    assert (GN.Claim, RDFS.subClassOf, RDF.Statement) in g


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_relation_domain_and_range(g, name):
    p = GN[name]
    domain, range_ = CONTRACT[name]
    assert (p, RDF.type, OWL.ObjectProperty) in g
    assert union_members(g, g.value(p, RDFS.domain)) == as_set(domain)
    assert union_members(g, g.value(p, RDFS.range)) == as_set(range_)


def test_symmetric_properties(g):
    symmetric = {str(s)[len(NS):] for s in g.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == set(SYMMETRIC) == {"opposes", "met"}


@pytest.mark.parametrize("inverse", sorted(INVERSES))
def test_inverse_declared(g, inverse):
    assert (GN[inverse], RDF.type, OWL.ObjectProperty) in g
    assert list(g.objects(GN[inverse], OWL.inverseOf)) == [GN[INVERSES[inverse]]]


def test_property_kinds_and_ranges(g):
    for name in OBJECT_PROPERTIES:
        assert (GN[name], RDF.type, OWL.ObjectProperty) in g, name
    for name, datatype in DATATYPE_PROPERTIES.items():
        assert (GN[name], RDF.type, OWL.DatatypeProperty) in g, name
        if datatype is not None:
            assert g.value(GN[name], RDFS.range) == datatype, name
    date_range = g.value(GN.date, RDFS.range)
    assert (date_range, RDF.type, RDFS.Datatype) in g
    assert union_members(g, date_range) == {XSD.date, XSD.gYearMonth, XSD.gYear}
    assert (GN.postIn, RDFS.range, GN.Actor) in g and (GN.postIn, RDFS.domain, GN.Post) in g
    assert (GN.attributedTo, RDFS.range, GN.Actor) in g
    assert union_members(g, g.value(GN.concerns, RDFS.range)) == {GN.Conflict, GN.Place}


def test_alignments_present(g):
    expected = [
        (GN.Post, RDFS.subClassOf, ORG.Post),
        (GN.holdsPost, RDFS.subPropertyOf, ORG.holds),
        (GN.postHolder, RDFS.subPropertyOf, ORG.heldBy),
        (GN.postIn, RDFS.subPropertyOf, ORG.postIn),
        (GN.Organization, RDFS.subClassOf, ORG.Organization),
        (GN.Claim, RDFS.subClassOf, PROV.Entity),
        (GN.Article, RDFS.subClassOf, PROV.Entity),
        (GN.Article, RDFS.subClassOf, SDO.NewsArticle),
        (GN.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (GN.Actor, RDFS.subClassOf, SEM.Actor),
        (GN.Event, RDFS.subClassOf, SEM.Event),
        (GN.Place, RDFS.subClassOf, SEM.Place),
        (GN.Place, RDFS.subClassOf, SDO.Place),
        (GN.participant, RDFS.subPropertyOf, SEM.hasActor),
        (GN.Official, RDFS.subClassOf, FOAF.Person),
        (GN.Official, RDFS.subClassOf, SDO.Person),
    ]
    for t in expected:
        assert t in g, t


def test_alignment_targets_are_real_terms(g):
    """Every outside term the ontology aligns to is in a known namespace and exists there."""
    targets = set()
    for p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty):
        for s, o in g.subject_objects(p):
            if str(s).startswith(NS) and isinstance(o, URIRef) and not str(o).startswith(NS):
                targets.add(o)
    assert targets
    for t in targets:
        ns = next((n for n in ALIGNMENT_NAMESPACES if str(t).startswith(n)), None)
        assert ns is not None, f"{t} is not in an alignment namespace"
        local = str(t)[len(ns):]
        defined = ALIGNMENT_NAMESPACES[ns]
        if defined is not None:
            assert hasattr(defined, local), f"{t} is not a term of {ns}"
        elif ns == str(SEM):
            assert local in SEM_TERMS, t
        elif ns == WD:
            assert re.fullmatch(r"Q[1-9][0-9]*", local), t


def test_wikidata_alignments_are_verified(g):
    """A Wikidata class appears only with a note naming that QID and where it was checked."""
    for s, _, o in g:
        assert not str(s).startswith(WD), s
        if isinstance(o, URIRef) and str(o).startswith(WD):
            qid = str(o)[len(WD):]
            notes = [str(n) for n in g.objects(s, SKOS.note)]
            assert any(qid in n and "verified" in n and ("http" in n or ".md" in n)
                       for n in notes), (s, o)


def test_labels_are_english_literals(g):
    for s, label in g.subject_objects(RDFS.label):
        assert isinstance(label, Literal) and label.language == "en", s
