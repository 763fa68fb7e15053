"""The one place where IRIs are minted (the IRI contract: docs/ARCHITECTURE.md, "Contract")."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from ..model import KINDS, Article, Entity, Fact

WIKIDATA = "http://www.wikidata.org/entity/"


def slug(text: str) -> str:
    """A readable, ASCII, lower-case key: 'Türkiye' -> 'turkiye'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text or "x"


def digest(*parts: object, length: int = 16) -> str:
    """A stable content hash used for article, claim and event keys."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


class Minter:
    """Mints every IRI under one base."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def iri(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.base}/id/{kind}/{key}")

    def entity(self, e: Entity) -> URIRef:
        if e.kind == "Post" and e.post_in is not None:
            return self.iri("post", slug(f"{e.role_title} {e.post_in.label}"))
        key = slug(e.label) + (f"-{e.scope}" if e.scope else "")
        return self.iri(KINDS[e.kind], key)

    def article_key(self, a: Article) -> str:
        return digest("article", a.id or a.url or a.text)

    def article(self, a: Article) -> URIRef:
        return self.iri("article", self.article_key(a))

    def claim(self, a: Article, f: Fact) -> URIRef:
        key = digest(
            self.article_key(a), f.predicate, self.entity(f.subject), self.entity(f.object),
            f.evidence.begin, f.evidence.end,
        )
        return self.iri("claim", key)

    def event(self, a: Article, kind: str, *parts: object) -> URIRef:
        return self.iri("event", digest(self.article_key(a), kind, *parts))

    def wikidata_link(self, entity: str, qid: str) -> URIRef:
        """The provenance node of a link `geonews link` made from `entity` to `qid`."""
        return self.iri("claim", digest("wikidata-link", entity, qid))

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}/graph/{name}")

    def doc(self, iri: str) -> str | None:
        """/id/{kind}/{key} -> /doc/{kind}/{key} for IRIs under this base."""
        prefix = f"{self.base}/id/"
        return f"{self.base}/doc/{iri[len(prefix):]}" if iri.startswith(prefix) else None

    @staticmethod
    def wikidata(qid: str) -> URIRef:
        return URIRef(WIKIDATA + qid)
