"""The mention pass for a statement's byline: a press statement's header line in capitals names
who issued it, 'ANTONY J. BLINKEN, SECRETARY OF STATE', 'MATTHEW MILLER, DEPARTMENT SPOKESPERSON'
(a line of its own near the top: an upper-case name of two to four words, a comma, an upper-case
title). The name is an Official; the posts pass reads the title after it."""

from __future__ import annotations

import re

from ..model import Entity
from .mentions import Mentions

BYLINE = re.compile(r"^(?P<name>[A-Z][A-Z'’-]+(?: (?:[A-Z]\.|[A-Z][A-Z'’-]+)){1,3}), (?P<title>[A-Z][A-Z ,.'’-]+)$")
HEADER_CHARS = 400  # how far from the top a byline may stand


def bylines(ms: Mentions) -> None:
    doc, lex = ms.doc, ms.lex
    offset = 0
    for line in ms.text[:HEADER_CHARS].split("\n"):
        m = BYLINE.match(line.strip())
        start_char = offset + line.find(line.strip())
        offset += len(line) + 1
        if m is None or not set(m.group("title").lower().split()) & lex.title_head_words:
            continue
        span = doc.char_span(start_char, start_char + len(m.group("name")), alignment_mode="strict")
        if span is None or any(ms.at(t.i) is not None and ms.at(t.i).kind != "Official" for t in span):
            continue
        for t in span:
            ms.by_token[t.i] = None
        ms.add(span.start, span.end, Entity("Official", span.text), "byline")
