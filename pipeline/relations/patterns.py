"""The relation patterns, in the order they run over an article, and the candidates of posts.

To add a relation trigger word, add it to its list in data/lexicon.json (support_verbs,
meet_nouns, ...): the patterns below read the lists. A new construction is a new function of
(Arguments, sentence[, token]) yielding Candidates, listed here.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Candidate
from ..nlp.mentions import Mentions
from ..nlp.posts import PostFact
from . import lines, nominal, verbal
from .arguments import Arguments

#: Patterns over a whole sentence, run before (hyphenated) and after the token patterns.
BEFORE_TOKENS = (verbal.hyphenated,)
AFTER_TOKENS = (nominal.auspices, nominal.possessive_leads, nominal.parts_and_heads, lines.infobox, lines.bullets)
#: Patterns anchored on one token, by part of speech.
ON_VERBS = (verbal.verbal,)
ON_NOUNS = (nominal.nominal,)


def candidates(mentions: Mentions, posts: list[PostFact]) -> list[Candidate]:
    """Every candidate relation of the article: the patterns', then the posts'."""
    a = Arguments(mentions)
    out = list(_sentence_patterns(a))
    for sent in mentions.doc.sents:
        out += nominal.qualified_bodies(a, sent)
    out += post_candidates(mentions, posts)
    return out


def _sentence_patterns(a: Arguments) -> Iterator[Candidate]:
    for sent in a.doc.sents:
        for pattern in BEFORE_TOKENS:
            yield from pattern(a, sent)
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX"):
                for pattern in ON_VERBS:
                    yield from pattern(a, sent, tok)
            if tok.pos_ in ("NOUN", "PROPN"):
                for pattern in ON_NOUNS:
                    yield from pattern(a, sent, tok)
        for pattern in AFTER_TOKENS:
            yield from pattern(a, sent)


def post_candidates(mentions: Mentions, posts: list[PostFact]) -> list[Candidate]:
    """holdsPost for each title next to a name; a group's 'leader' or 'commander' leads it
    (geonews:leads) rather than holding a post in it."""
    out = []
    for pf in posts:
        sent = mentions.doc[pf.token].sent
        if pf.post.role_title.lower() in mentions.lex.leader_titles and pf.post.post_in.kind != "State":
            out.append(Candidate("leads", pf.official, pf.post.post_in, sent, "group leader X", 0.85, pf.token))
        else:
            out.append(Candidate("holdsPost", pf.official, pf.post, sent, "title", 0.9, pf.token))
    return out
