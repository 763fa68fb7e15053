"""The mention pass for a statement's header: the lines above its body name who issued it. A
press statement's byline in capitals, 'ANTONY J. BLINKEN, SECRETARY OF STATE', 'MATTHEW MILLER,
DEPARTMENT SPOKESPERSON'; a name on a line of its own above a title line, 'Jeff Rathke' /
'Acting Deputy Department Spokesperson, Office of the Spokesperson'; and an office on a line of its
own, 'Department of State', 'Office of the Press Secretary'. Names are Officials, offices
Organizations; the posts pass reads the titles."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..model import Entity
from .mentions import Mentions

BYLINE = re.compile(r"^(?P<name>[A-Z][A-Z'’-]+(?: (?:[A-Z]\.|[A-Z][A-Z'’-]+)){1,3}), (?P<title>[A-Z][A-Z ,.'’-]+)$")
NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+(?: (?:[A-Z]\.|[A-Z][a-z'’-]+)){1,3}$")
OFFICE_LINE = re.compile(r"^(?:The )?(?:Department|Office|Ministry|Bureau) (?:of|for) (?:the )?[A-Z][\w ,'’-]+$")
HEADER_CHARS = 400  # how far from the top a header line may stand


def bylines(ms: Mentions) -> None:
    lex = ms.lex
    lines, offset = [], 0
    for line in ms.text[:HEADER_CHARS].split("\n"):
        stripped = line.strip()
        lines.append((stripped, offset + line.find(stripped) if stripped else offset))
        offset += len(line) + 1
        if stripped.endswith((".", "!", "?")):
            break  # the body has begun
    filled = [(text, at) for text, at in lines if text]
    for k, (text, at) in enumerate(filled):
        nxt = filled[k + 1][0] if k + 1 < len(filled) else ""
        if (m := BYLINE.match(text)) is not None and set(m.group("title").lower().split()) & lex.title_head_words:
            _add(ms, at, len(m.group("name")), "Official")
        elif k > 0 and NAME_LINE.match(text) and _title_line(lex, nxt) \
                and not set(text.lower().split()) & (lex.title_head_words | lex.generic_names):
            _add(ms, at, len(text), "Official", proper=True)
        elif k > 0 and OFFICE_LINE.match(text):
            _add(ms, at, len(text), "Organization")


def _title_line(lex, line: str) -> bool:
    """A short header line with a title word: 'Acting Deputy Department Spokesperson, Office of ...'."""
    words = line.lower().replace(",", " ").split()
    return 0 < len(words) <= 12 and not line.endswith((".", "!", "?")) and bool(set(words) & lex.title_head_words)


def _add(ms: Mentions, start_char: int, length: int, kind: str, proper: bool = False) -> None:
    """A mention of a new entity over the line's characters, unless another kind holds them;
    `proper`: only if every token is a proper noun ('For Immediate Release' is none)."""
    span: Span | None = ms.doc.char_span(start_char, start_char + length, alignment_mode="strict")
    if span is None or any(ms.at(t.i) is not None and ms.at(t.i).kind != kind for t in span):
        return
    if proper and not all(t.pos_ == "PROPN" for t in span):
        return
    if kind == "Organization" and any(ms.at(t.i) is not None for t in span):
        return  # an office the NER found already
    for t in span:
        ms.by_token[t.i] = None
    ms.add(span.start, span.end, Entity(kind, span.text), "byline")
