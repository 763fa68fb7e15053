"""The SHACL shapes: valid SHACL; the good fixture conforms; each bad one fails for its own reason.

Each tests/data/shapes/bad-*.ttl is *added* to good.ttl and breaks exactly one rule, so the good and
the bad graph differ only in the broken part; the expected results below are compared as whole sets,
so a rule that is removed (or a rule that fires where it should not) fails the test.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyshacl import validate
from pyshacl.entrypoints import meta_validate
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from geonews.ontology import GN, RELATIONS
from geonews.pipeline.rdf.validate import check, pyshacl_report

DATA = Path(__file__).parent / "data" / "shapes"
SH = Namespace("http://www.w3.org/ns/shacl#")
GNS = Namespace("https://w3id.org/geonews/shapes#")
ID = "http://127.0.0.1:5000/id/"
SHAPE_KINDS = (SH.NodeShape, SH.PropertyShape)


def node(path: str) -> URIRef:
    return URIRef(ID + path)


def report(data: Graph, shapes: Graph, ontology: Graph) -> set[tuple]:
    """(severity, shape, component, focus) of every result, with the options check() uses."""
    rep = pyshacl_report(data, shapes, ontology)
    out = set()
    for r in rep.subjects(RDF.type, SH.ValidationResult):
        focus = rep.value(r, SH.focusNode)
        out.add((
            rep.value(r, SH.resultSeverity).fragment,
            str(rep.value(r, SH.sourceShape)).removeprefix(str(GNS)),
            rep.value(r, SH.sourceConstraintComponent).fragment.removesuffix("ConstraintComponent"),
            None if isinstance(focus, BNode) else focus,
        ))
    return out


@pytest.fixture(scope="session")
def good() -> Graph:
    return Graph().parse(DATA / "good.ttl")


def with_patch(good: Graph, name: str) -> tuple[Graph, Graph]:
    patch = Graph().parse(DATA / name)
    return good + patch, patch


# --- the shapes graph itself -------------------------------------------------------------------

def test_shapes_are_valid_shacl(shapes):
    conforms, _, text = meta_validate(shapes, inference="none")
    assert conforms, text
    validate(Graph(), shacl_graph=shapes, meta_shacl=True, advanced=True)  # raises if not


def test_meta_shacl_check_can_fail(shapes):
    broken = Graph()
    for t in shapes:
        broken.add(t)
    broken.set((GNS.ClaimEvidence, SH.minCount, Literal("one")))
    conforms, _, _ = meta_validate(broken, inference="none")
    assert not conforms


def test_every_shape_says_what_is_wrong(shapes):
    shapes_seen = {s for kind in SHAPE_KINDS for s in shapes.subjects(RDF.type, kind)}
    assert len(shapes_seen) > 30
    for s in shapes_seen:
        messages = list(shapes.objects(s, SH.message))
        for c in shapes.objects(s, SH.sparql):
            messages += shapes.objects(c, SH.message)
        assert messages, f"{s} has no sh:message"
        for m in messages:
            assert isinstance(m, Literal) and m.language == "en" and len(m) > 10, s


# --- the good graph ----------------------------------------------------------------------------

def test_good_graph_conforms(good, shapes, ontology):
    assert report(good, shapes, ontology) == set()
    assert check(good) == []


def test_good_graph_covers_every_relation(good):
    used = {p for p in good.predicates() if p in RELATIONS.values()}
    assert used == set(RELATIONS.values()) - {GN.controls}
    assert len(list(good.subjects(RDF.type, GN.Claim))) == len(used)


def test_check_is_fast(good):
    check(good)  # warm caches (parsed shapes, ontology, prepared queries)
    started = time.perf_counter()
    for _ in range(5):
        check(good)
    assert (time.perf_counter() - started) / 5 < 0.5


# --- one bad graph per rule ----------------------------------------------------------------------

V = "Violation"
BAD = {
    "bad-two-labels.ttl": {(V, "EntityLabelCount", "MaxCount", node("state/russia"))},
    "bad-label-not-english.ttl": {(V, "EntityLabelEnglish", "LanguageIn", node("place/benghazi"))},
    "bad-entity-without-label.ttl": {
        (V, "EntityLabelCount", "MinCount", node("conflict/syrian-civil-war"))},
    "bad-domain-supports.ttl": {(V, "SupportsDomain", "Class", node("place/tripoli"))},
    "bad-domain-partof.ttl": {(V, "PartOfDomain", "Or", node("official/khalifa-haftar"))},
    "bad-range-partyto.ttl": {(V, "PartyToRange", "Class", node("state/turkiye"))},
    "bad-range-holdspost.ttl": {(V, "HoldsPostRange", "Class", node("official/mehmet-samsar"))},
    "bad-range-attacked.ttl": {(V, "AttackedRange", "Or", node("state/russia"))},
    "bad-sameas-not-wikidata.ttl": {(V, "SameAsWikidata", "Pattern", node("state/russia"))},
    "bad-date-datatype.ttl": {(V, "DateDatatype", "Or", node("agreement/idlib-ceasefire"))},
    "bad-article-date-datatype.ttl": {(V, "ArticleDate", "Datatype", node("article/a2"))},
    "bad-relation-without-claim.ttl": {
        (V, "RelationHasClaim", "SPARQL", node("state/russia"))},
    "bad-claim-empty-evidence.ttl": {(V, "ClaimEvidence", "Pattern", node("claim/x1")),
                                     (V, "ClaimEvidenceSpan", "SPARQL", node("claim/x1"))},
    "bad-claim-begin-after-end.ttl": {(V, "ClaimBeforeEnd", "LessThan", node("claim/x1"))},
    "bad-claim-negative-begin.ttl": {(V, "ClaimBeginIndex", "MinInclusive", node("claim/x1"))},
    "bad-claim-end-index-decimal.ttl": {(V, "ClaimEndIndex", "Datatype", node("claim/x1"))},
    "bad-claim-no-subject.ttl": {(V, "ClaimSubject", "MinCount", node("claim/x1"))},
    "bad-claim-no-object.ttl": {(V, "ClaimObject", "MinCount", node("claim/x1"))},
    "bad-claim-evidence-span.ttl": {(V, "ClaimEvidenceSpan", "SPARQL", node("claim/x1"))},
    "bad-claim-confidence-out-of-range.ttl": {
        (V, "ClaimConfidence", "MaxInclusive", node("claim/x1"))},
    "bad-claim-no-derivation.ttl": {(V, "ClaimDerivation", "MinCount", node("claim/x1"))},
    "bad-claim-predicate-not-relation.ttl": {
        (V, "ClaimPredicate", "In", node("claim/x1"))},
    "bad-claim-statement-missing.ttl": {
        (V, "ClaimStatementPublished", "SPARQL", node("claim/x1"))},
    "bad-claim-attributed-to-place.ttl": {
        (V, "ClaimAttribution", "Class", node("claim/c04"))},
    "bad-claim-blank-node.ttl": {(V, "NoBlankNodes", "NodeKind", None)},
    "bad-article-no-title.ttl": {(V, "ArticleTitle", "MinCount", node("article/a2"))},
    "bad-agreement-without-party.ttl": {
        (V, "AgreementHasParty", "MinCount", node("agreement/berlin-declaration"))},
    "bad-post-without-postin.ttl": {(V, "PostPostIn", "MinCount", node("post/ambassador"))},
    "bad-post-two-role-titles.ttl": {
        (V, "PostRoleTitle", "MaxCount", node("post/deputy-foreign-minister-russia"))},
    "bad-event-participant-not-actor.ttl": {
        (V, "EventParticipant", "Class", node("event/meeting-1"))},
}
WARN = {
    "warn-place-not-a-place.ttl": {
        ("Warning", "QualifierPlace", "Or", node("agreement/idlib-ceasefire"))},
    "warn-concerns-not-conflict.ttl": {
        ("Warning", "QualifierConcerns", "Or", node("agreement/idlib-ceasefire"))},
}


def test_every_bad_file_is_listed():
    assert {p.name for p in DATA.glob("bad-*.ttl")} == set(BAD)
    assert {p.name for p in DATA.glob("warn-*.ttl")} == set(WARN)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_graph_rejected_for_the_right_reason(name, good, shapes, ontology):
    bad, patch = with_patch(good, name)
    assert 0 < len(patch) <= 12, "a bad graph is the good one plus a small patch"
    assert not any(t in good for t in patch), "the patch only adds"
    assert report(bad, shapes, ontology) == BAD[name]
    violations = check(bad)
    focus = {None if isinstance(v.focus, BNode) else v.focus for v in violations}
    assert violations and focus == {f for *_, f in BAD[name]}


@pytest.mark.parametrize("relation", ["partyTo", "brokered", "endorses", "rejects"])
def test_an_agreement_needs_an_actor_by_any_agreement_relation(relation, good, shapes, ontology):
    """A plan put to the parties may be only endorsed or rejected: any of the four relations to an
    actor satisfies AgreementHasParty (the bad file, with none of them, fails it)."""
    bad, _ = with_patch(good, "bad-agreement-without-party.ttl")
    bad.add((node("state/russia"), GN[relation], node("agreement/berlin-declaration")))
    assert not any(shape == "AgreementHasParty" for _, shape, *_ in report(bad, shapes, ontology))


@pytest.mark.parametrize("name", sorted(WARN))
def test_qualifier_ranges_only_warn(name, good, shapes, ontology):
    """Wrong geonews:place / geonews:concerns values are warnings: they do not reject an article."""
    bad, _ = with_patch(good, name)
    assert report(bad, shapes, ontology) == WARN[name]
    assert check(bad) == []


# --- domain and range of each relation --------------------------------------------

SHAPE_NAME = {name: name[0].upper() + name[1:] for name in RELATIONS}


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_relation_domain_and_range(name, shapes, ontology):
    """A conflict is in no relation's domain or range, so using it at both ends breaks both."""
    p = RELATIONS[name]
    art, s, o, c = node("article/a"), node("conflict/a"), node("conflict/b"), node("claim/a")
    text = "A fought B."
    g = Graph()
    g.add((art, RDF.type, GN.Article))
    g.add((art, DCTERMS.title, Literal("t", lang="en")))
    for x in (s, o):
        g.add((x, RDF.type, GN.Conflict))
        g.add((x, RDFS.label, Literal(str(x)[-1], lang="en")))
    g.add((s, p, o))
    claim = ((RDF.type, GN.Claim), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
             (GN.evidence, Literal(text)), (GN.beginIndex, Literal(0)),
             (GN.endIndex, Literal(len(text))), (PROV.wasDerivedFrom, art),
             (GN.confidence, Literal("0.5", datatype=XSD.decimal)))
    for prop, value in claim:
        g.add((c, prop, value))
    got = {(shape, focus) for _, shape, _, focus in report(g, shapes, ontology)}
    assert got == {(SHAPE_NAME[name] + "Domain", s), (SHAPE_NAME[name] + "Range", s)}
