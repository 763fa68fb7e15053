"""Per-Doc caches give what the Doc gives: lines as the token-by-token walk found them."""

from __future__ import annotations

import gc

import spacy

from geonews.pipeline.nlp import doc_cache
from geonews.pipeline.nlp.agreements import line_of


def walked_line(doc, i):
    """line_of as it was: walk back and forward to the line breaks."""
    def starts_line(j):
        return j == 0 or "\n" in doc[j - 1].text_with_ws
    start, end = i, i + 1
    while not starts_line(start):
        start -= 1
    while end < len(doc) and not starts_line(end):
        end += 1
    while end > start + 1 and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def test_line_of_is_the_walked_line():
    nlp = spacy.blank("en")
    for text in ["Title\n\nFirst line here.\nSecond: a, b\n\n\n- item one\n- item two\n", "one line",
                 "\n\nstarts with breaks\n", "a \n b\n\nc  \n"]:
        doc = nlp(text)
        for i in range(len(doc)):
            assert line_of(doc, i) == walked_line(doc, i), (text, i)


def test_cache_goes_with_the_doc():
    nlp = spacy.blank("en")
    gc.collect()
    before = len(doc_cache._CACHE)
    doc = nlp("a\nb")
    assert doc_cache.line_bounds(doc) is doc_cache.line_bounds(doc)  # computed once
    assert doc in doc_cache._CACHE
    del doc
    gc.collect()
    assert len(doc_cache._CACHE) <= before


def test_mention_slots_count_every_change():
    from geonews.pipeline.nlp.mentions import _Slots

    slots = _Slots([None] * 4)
    seen = {slots.version}
    for change in (lambda s: s.__setitem__(1, "m"), lambda s: s.__setitem__(slice(0, 2), ["a", "b"]),
                   lambda s: s.append(None), lambda s: s.extend([None]), lambda s: s.insert(0, None),
                   lambda s: s.pop(), lambda s: s.remove(None), lambda s: s.__delitem__(0),
                   lambda s: s.reverse(), lambda s: s.__iadd__([None])):
        change(slots)
        assert slots.version not in seen
        seen.add(slots.version)
    assert isinstance(slots, list)


def test_noun_chunks_are_spacys_and_do_not_keep_the_doc():
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab
    gc.collect()
    before = len(doc_cache._CACHE)
    doc = Doc(vocab, words=["Russia", "signed", "the", "new", "deal", "."], heads=[1, 1, 4, 4, 1, 1],
              deps=["nsubj", "ROOT", "det", "amod", "dobj", "punct"],
              pos=["PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"])
    chunks = doc_cache.noun_chunks(doc)
    assert chunks and [(c.start, c.end, c.label_) for c in chunks] == \
        [(c.start, c.end, c.label_) for c in doc.noun_chunks]
    assert doc_cache.noun_chunks(doc) == chunks
    del doc, chunks
    gc.collect()
    assert len(doc_cache._CACHE) <= before  # a Span among the values would keep the Doc alive
