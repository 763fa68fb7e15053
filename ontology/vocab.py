"""The geonews: vocabulary as code; unknown terms fail (a test checks each is in geonews.ttl)."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

NS = "https://w3id.org/geonews/ontology#"


class GN(DefinedNamespace):
    """Terms of https://w3id.org/geonews/ontology#."""

    _NS = Namespace(NS)
    _fail = True

    # classes
    Actor: URIRef
    State: URIRef
    ArmedGroup: URIRef
    Government: URIRef
    Organization: URIRef
    Official: URIRef
    Post: URIRef
    Agreement: URIRef
    Conflict: URIRef
    Place: URIRef
    Event: URIRef
    Meeting: URIRef
    Attack: URIRef
    Article: URIRef
    Claim: URIRef

    # relations between entities (each direct triple has a Claim)
    supports: URIRef
    opposes: URIRef
    partyTo: URIRef
    brokered: URIRef
    holdsPost: URIRef
    leads: URIRef
    met: URIRef
    attacked: URIRef
    controls: URIRef
    basedIn: URIRef
    recognizedBy: URIRef
    partOf: URIRef
    endorses: URIRef
    rejects: URIRef

    # inverses (declared in the ontology, never materialised)
    supportedBy: URIRef
    hasParty: URIRef
    brokeredBy: URIRef
    ledBy: URIRef
    controlledBy: URIRef
    recognizes: URIRef
    hasPart: URIRef
    postHolder: URIRef

    # posts, events, agreements
    roleTitle: URIRef
    postIn: URIRef
    participant: URIRef
    date: URIRef
    place: URIRef
    concerns: URIRef

    # articles and claims
    mentions: URIRef
    evidence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    confidence: URIRef
    attributedTo: URIRef
    pattern: URIRef
    hedged: URIRef
    sourceName: URIRef
    rejectedFacts: URIRef
    validationReport: URIRef

    # links to Wikidata made online by `geonews link`, with their provenance
    WikidataLink: URIRef
    linkConfidence: URIRef
    linkMethod: URIRef
    linkEvidence: URIRef


#: The relation properties of the contract, by the fact type names used in gold files.
RELATIONS: dict[str, URIRef] = {
    name: GN[name]
    for name in (
        "supports", "opposes", "partyTo", "brokered", "holdsPost", "leads",
        "met", "attacked", "controls", "basedIn", "recognizedBy", "partOf", "endorses", "rejects",
    )
}

#: Relations that hold both ways (stored once, declared owl:SymmetricProperty).
SYMMETRIC = frozenset({"opposes", "met"})
