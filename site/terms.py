"""Turn pyoxigraph terms into what templates and JSON need: labels, links, short names.

Kept apart from the queries so the HTML and JSON views present terms the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from geonews.ontology import NS as GN_NS
from geonews.pipeline.rdf.iris import Minter

#: Prefixes used for Turtle output and for short names in HTML.
PREFIXES: dict[str, str] = {
    "geonews": GN_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
RDFS_COMMENT = PREFIXES["rdfs"] + "comment"
SKOS_ALT = PREFIXES["skos"] + "altLabel"
OWL_SAME = PREFIXES["owl"] + "sameAs"
DC_TITLE = PREFIXES["dcterms"] + "title"
WIKIDATA = PREFIXES["wd"]

#: Only these IRIs become links (an IRI such as javascript:... is shown as text).
SAFE_SCHEMES = ("http://", "https://")
_QID = re.compile(r"^Q[0-9]+$")


def short(iri: str) -> str:
    """'https://w3id.org/geonews/ontology#supports' -> 'geonews:supports' (else the IRI)."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def doc_path(minter: Minter, iri: str) -> str | None:
    """The site-relative /doc/... path of an IRI minted under the base, else None."""
    doc = minter.doc(iri)
    return doc[len(minter.base):] if doc is not None else None


def wikidata_qid(iri: str) -> str | None:
    if iri.startswith(WIKIDATA) and _QID.match(iri[len(WIKIDATA):]):
        return iri[len(WIKIDATA):]
    return None


@dataclass(frozen=True)
class TermView:
    """One RDF term as shown on a page: text, optional link, and what kind of term it is."""

    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None
    internal: bool = False  # links to a /doc page of this site

    def as_json(self) -> dict:
        out: dict = {"text": self.text}
        if self.iri:
            out["iri"] = self.iri
        if self.href:
            out["href"] = self.href
        if self.lang:
            out["lang"] = self.lang
        if self.datatype:
            out["datatype"] = self.datatype
        return out


class Presenter:
    """Renders terms with the labels collected for one page."""

    def __init__(self, minter: Minter, labels: dict[str, str]):
        self.minter = minter
        self.labels = labels

    def label(self, iri: str) -> str:
        if iri in self.labels:
            return self.labels[iri]
        qid = wikidata_qid(iri)
        if qid:
            return f"Wikidata {qid}"
        return short(iri) if short(iri) != iri else local_name(iri)

    def term(self, t: ox.NamedNode | ox.Literal | ox.BlankNode | str) -> TermView:
        if isinstance(t, str):
            t = ox.NamedNode(t)
        if isinstance(t, ox.NamedNode):
            path = doc_path(self.minter, t.value)
            href = path or (t.value if t.value.startswith(SAFE_SCHEMES) else None)
            return TermView(self.label(t.value), href=href, iri=t.value, internal=path is not None)
        if isinstance(t, ox.Literal):
            dt = t.datatype.value if t.datatype is not None else None
            if dt in (PREFIXES["xsd"] + "string", PREFIXES["rdf"] + "langString"):
                dt = None
            return TermView(t.value, lang=t.language, datatype=short(dt) if dt else None)
        return TermView(str(t))
