"""From a spaCy Doc to an Extraction, through the stages in order: mentions (nlp.resolve), posts
(nlp.posts), candidate relations (relations.patterns), checked, dated and scored facts
(relations.facts)."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Article, Extraction
from .nlp.agreements import label_by_parties
from .nlp.posts import Posts
from .nlp.resolve import build_mentions
from .rdf.iris import digest
from .relations.facts import FactChecker, agreement_dates
from .relations.patterns import candidates


def extract(doc: Doc, article: Article) -> Extraction:
    """Everything the rules find in one article (spaCy Doc of article.text)."""
    mentions = build_mentions(doc)
    posts = Posts(mentions)
    post_facts = posts.find()
    posts.resolve_nominal(post_facts)  # 'the Turkish ambassador' -> the official holding that post
    facts = FactChecker(doc, article, mentions).facts(candidates(mentions, post_facts))
    label_by_parties(mentions, facts)  # 'the ceasefire' -> 'ceasefire between A and B'
    x = Extraction(article=article, facts=facts)
    # agreements with no actor related to them are left out when the graph is built (rdf.validate)
    x.entities = mentions.entities() + [f.object for f in x.facts if f.predicate == "holdsPost"]
    related = {id(f.object) for f in facts}
    x.entities = [e for e in x.entities if id(e) in related or not _plan(mentions, e)]  # 'the Trump plan' in passing
    scope = digest(article.id or article.url or article.text, length=8)
    for e in x.entities:
        if e.kind == "Agreement" and not e.named:
            e.scope = scope  # an unnamed 'ceasefire' is this article's, not every article's
    x.qualifiers = agreement_dates(x.facts)
    return x


def _plan(mentions, e) -> bool:
    """A plan or proposal taken for an agreement: one only where the article relates an actor to it."""
    return e.kind == "Agreement" and e.label.lower().split()[-1:] in ([w] for w in mentions.lex.plan_heads)
