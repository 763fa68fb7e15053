"""FastDependencyMatcher gives what spaCy's DependencyMatcher gives, in the same order."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from geonews.pipeline.relations.declared import declared_patterns
from geonews.pipeline.relations.fast_matcher import FastDependencyMatcher


def both(vocab, patterns):
    slow, fast = DependencyMatcher(vocab), FastDependencyMatcher(vocab)
    for k, p in enumerate(patterns):
        slow.add(str(k), [p])
        fast.add(str(k), [p])
    return slow, fast


def same(slow, fast, doc) -> bool:
    def maps(m):
        return [(root, list(v.items())) for root, v in m._get_keys_to_position_maps(doc).items()]
    return slow(doc) == fast(doc) and maps(slow) == maps(fast)


def parsed(vocab) -> Doc:
    words = ["Russia", "and", "Turkey", "signed", "the", "deal", "in", "Sochi", ".",
             "It", "was", "welcomed", "by", "Iran", "."]
    heads = [3, 0, 0, 3, 5, 3, 3, 6, 3, 11, 11, 11, 11, 12, 11]
    deps = ["nsubj", "cc", "conj", "ROOT", "det", "dobj", "prep", "pobj", "punct",
            "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"]
    pos = ["PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT",
           "PRON", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    lemmas = ["Russia", "and", "Turkey", "sign", "the", "deal", "in", "Sochi", ".",
              "it", "be", "welcome", "by", "Iran", "."]
    tags = ["NNP", "CC", "NNP", "VBD", "DT", "NN", "IN", "NNP", ".", "PRP", "VBD", "VBN", "IN", "NNP", "."]
    sent_starts = [True] + [False] * 8 + [True] + [False] * 5
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags,
               sent_starts=sent_starts)


PATTERNS = [
    [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": ["sign", "welcome"]}}},
     {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "nsubjpass"]}}},
     {"LEFT_ID": "s", "REL_OP": ">", "RIGHT_ID": "c", "RIGHT_ATTRS": {}}],
    [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB"}},
     {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "p", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "in"}},
     {"LEFT_ID": "p", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"TAG": "NNP"}}],
    [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "welcome"}},
     {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "x", "RIGHT_ATTRS": {"TEXT": "Iran"}},
     {"LEFT_ID": "v", "REL_OP": "<", "RIGHT_ID": "y", "RIGHT_ATTRS": {"ORTH": "nothing"}}],
    [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}, {"LEFT_ID": "a", "REL_OP": ".", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}],
]


def test_same_matches_as_spacy_on_a_built_doc():
    vocab = spacy.blank("en").vocab
    slow, fast = both(vocab, PATTERNS)
    doc = parsed(vocab)
    assert slow(doc), "the patterns should match something"
    assert same(slow, fast, doc)
    assert fast._plan is not None  # took the fast path
    assert same(slow, fast, Doc(vocab, words=[]))


@pytest.mark.parametrize("attrs", [{"LOWER": {"NOT_IN": ["in"]}}, {"IS_PUNCT": True}, {"LENGTH": 2},
                                   {"LOWER": {"REGEX": "^s"}}, {"lower": "in"}, {"LEMMA": {"IN": []}}])
def test_falls_back_to_spacy_beyond_equality_and_in(attrs):
    vocab = spacy.blank("en").vocab
    pattern = [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB"}},
               {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": attrs}]
    slow, fast = both(vocab, PATTERNS + [pattern])
    doc = parsed(vocab)
    assert same(slow, fast, doc)
    assert fast._plan is None


def test_declared_patterns_take_the_fast_path():
    vocab = spacy.blank("en").vocab
    _, fast = both(vocab, [d.pattern for d in declared_patterns()])
    fast(parsed(vocab))
    assert fast._plan is not None


@pytest.mark.slow
def test_same_matches_as_spacy_on_the_articles(nlp):
    from pathlib import Path

    root = Path(__file__).parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("seeds/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(root.glob("tests/data/*/texts/*.txt"))]
    slow, fast = both(nlp.vocab, [d.pattern for d in declared_patterns()])
    for doc in nlp.pipe(texts):
        assert same(slow, fast, doc)
