"""IRIs (the IRI contract, docs/ARCHITECTURE.md): {base}/id/{kind}/{key}, readable slugs, stable content hashes."""

from __future__ import annotations

import hashlib
import re

import pytest
from rdflib import URIRef

from geonews.pipeline.model import KINDS, Article, Entity, Fact, Offsets
from geonews.pipeline.rdf.iris import Minter, digest, slug

BASE = "http://127.0.0.1:5000"
KIND_SEGMENTS = {"state", "armed-group", "government", "organization", "official", "post", "agreement",
                 "conflict", "place", "event", "article", "claim"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey", "turkey"),
    ("Türkiye", "turkiye"),
    ("Government of National Accord", "government-of-national-accord"),
    ("  U.N. -- Security Council!  ", "u-n-security-council"),
    ("Муаммар", "x"),
])
def test_slug(text, expected):
    assert slug(text) == expected


def test_slug_is_url_safe():
    for text in ("a/b?c#d e", "Ça & ça", "1990s–2000s"):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug(text))


def test_digest_is_stable_and_separates_parts():
    # stable across processes and releases: the documented encoding (parts joined by U+001F,
    # UTF-8, SHA-256, hex), computed here independently of the code under test
    assert digest("a", 1) == hashlib.sha256(b"a\x1f1").hexdigest()[:16]
    assert len(digest("a")) == 16
    assert digest("ab", "c") != digest("a", "bc")


def test_entity_iris_use_the_contract_kinds():
    m = Minter(BASE)
    assert set(KINDS.values()) | {"article", "claim"} == KIND_SEGMENTS
    for cls, segment in KINDS.items():
        if cls == "Post":
            continue
        assert m.entity(Entity(cls, "Libyan National Army")) == URIRef(f"{BASE}/id/{segment}/libyan-national-army")


def test_same_entity_same_iri_regardless_of_aliases_and_case():
    m = Minter(BASE)
    a = Entity("State", "Turkey", qid="Q43", aliases={"Turkish"})
    b = Entity("State", "Turkey", qid="Q43", aliases={"Türkiye", "Ankara"})
    assert m.entity(a) == m.entity(b) == URIRef(f"{BASE}/id/state/turkey")


def test_post_iri_names_role_and_actor():
    m = Minter(BASE)
    russia = Entity("State", "Russia", qid="Q159")
    post = Entity("Post", "Deputy Foreign Minister", role_title="Deputy Foreign Minister", post_in=russia)
    assert m.entity(post) == URIRef(f"{BASE}/id/post/deputy-foreign-minister-russia")


def test_base_trailing_slash_is_ignored():
    assert Minter(BASE + "/").iri("state", "turkey") == Minter(BASE).iri("state", "turkey")


def fact(begin=0, end=10, predicate="supports") -> Fact:
    return Fact(predicate, Entity("State", "Turkey"), Entity("Government", "Government of National Accord"),
                Offsets(begin, end), 0.9, "test")


def test_article_and_claim_iris_are_stable_content_hashes():
    a = Article(id="", title="T", text="Turkey backs the GNA.")
    m1, m2 = Minter(BASE), Minter(BASE)
    assert m1.article(a) == m2.article(a)
    assert str(m1.article(a)).startswith(f"{BASE}/id/article/")
    assert m1.claim(a, fact()) == m2.claim(a, fact())
    assert str(m1.claim(a, fact())).startswith(f"{BASE}/id/claim/")
    assert m1.claim(a, fact()) != m1.claim(a, fact(begin=1))
    assert m1.claim(a, fact()) != m1.claim(a, fact(predicate="opposes"))


def test_article_key_prefers_id_then_url_then_text():
    m = Minter(BASE)
    base = dict(title="T", text="Turkey backs the GNA.")
    with_id = Article(id="a-1", url="https://example.org/1", **base)
    assert m.article(with_id) == m.article(Article(id="a-1", url="https://example.org/2", title="T", text="other"))
    with_url = Article(id="", url="https://example.org/1", **base)
    assert m.article(with_url) == m.article(Article(id="", url="https://example.org/1", title="T", text="other"))
    assert m.article(Article(id="", **base)) != m.article(Article(id="", title="T", text="changed"))


def test_event_iris_depend_on_article_and_parts():
    m = Minter(BASE)
    a = Article(id="x", title="T", text="t")
    b = Article(id="y", title="T", text="t")
    assert m.event(a, "meeting", 1) == m.event(a, "meeting", 1)
    assert m.event(a, "meeting", 1) != m.event(b, "meeting", 1)
    assert str(m.event(a, "meeting", 1)).startswith(f"{BASE}/id/event/")


def test_doc_and_graph_and_wikidata():
    m = Minter(BASE)
    assert m.doc(f"{BASE}/id/state/turkey") == f"{BASE}/doc/state/turkey"
    assert m.doc("http://elsewhere.example/id/state/turkey") is None
    assert m.graph("entities") == URIRef(f"{BASE}/graph/entities")
    assert m.wikidata("Q43") == URIRef("http://www.wikidata.org/entity/Q43")
