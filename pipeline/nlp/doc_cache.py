"""What several passes read from the same Doc, computed once per Doc: spaCy builds `noun_chunks`
again at each access, and finding a token's line walked the line token by token at each call.
The extraction never changes a Doc after spaCy, so a value computed once stays right; the
cache holds the Doc weakly (it goes with the Doc), so its values must not refer to the Doc (no
Span or Token in them)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc, Span

T = TypeVar("T")
_CACHE: weakref.WeakKeyDictionary[Doc, dict[str, object]] = weakref.WeakKeyDictionary()


def per_doc(doc: Doc, name: str, compute: Callable[[Doc], T]) -> T:
    """compute(doc), once per Doc and name."""
    values = _CACHE.get(doc)
    if values is None:
        values = _CACHE[doc] = {}
    if name not in values:
        values[name] = compute(doc)
    return values[name]  # type: ignore[return-value]


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined from the tokens once (spaCy joins every token again at each access)."""
    return per_doc(doc, "text", lambda d: d.text)


def noun_chunks(doc: Doc) -> list[Span]:
    """`doc.noun_chunks`, found once (kept as bounds: a Span would keep its Doc alive)."""
    bounds = per_doc(doc, "noun_chunks", lambda d: [(c.start, c.end, c.label) for c in d.noun_chunks])
    return [Span(doc, start, end, label=label) for start, end, label in bounds]


def line_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For each token, the first token of its line and the end of the line (the first token of
    the next line, or len(doc)): a line starts at token 0 and after a token with a line break."""
    def compute(d: Doc) -> tuple[list[int], list[int]]:
        n = len(d)
        breaks = ["\n" in t.text_with_ws for t in d]
        starts, ends = [0] * n, [n] * n
        start = 0
        for j in range(n):
            if j > 0 and breaks[j - 1]:
                start = j
            starts[j] = start
        end = n
        for j in range(n - 1, -1, -1):
            ends[j] = end
            if j > 0 and breaks[j - 1]:
                end = j
        return starts, ends
    return per_doc(doc, "line_bounds", compute)
