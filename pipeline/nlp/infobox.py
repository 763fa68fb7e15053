"""Infobox rows of encyclopedic articles: 'Signatories: A, B', 'Mediators: X', '- Combatant1: ...',
and rows whose label a page's text extraction ran into the value ('MediatorsThe National
Committee ...', split by the tokenizer: nlp.pipeline.glued_labels_infix)."""

from __future__ import annotations

import re

from spacy.tokens import Span

from .doc_cache import per_doc
from .lexicon import infobox_labels
from .mentions import Mentions
from .spans import glued_label_at

INFOBOX = re.compile(r"^\s*[-*•·]?\s*([A-Za-z][A-Za-z ]{1,30}?\d?)\s*:")
GLUED_LABEL = re.compile(r"^\s*([A-Z][a-z]{3,20}\d?)(?=[A-Z])")  # 'MediatorsThe ...', 'SignatoriesP. W. Botha'
SPACED_LABEL = re.compile(r"^\s*([A-Z][a-z]{3,20}\d?) (?=[A-Z])")  # 'Parties Australia' (a row with no verb)


def infobox_line(ms: Mentions, line: Span) -> tuple[str, int] | None:
    """'- Signatories: A, B' -> ('signatories', index of the first token after the colon): a
    bulleted 'Label: value' line, or one whose label is an infobox label the lexicon knows."""
    known = per_doc(line.doc, "infobox_lines", lambda _: {})  # asked again for each noun phrase on a line
    key = (line.start, line.end, id(ms.lex))
    if key not in known:
        known[key] = _infobox_line(ms, line)
    return known[key]


def _infobox_line(ms: Mentions, line: Span) -> tuple[str, int] | None:
    m = INFOBOX.match(line.text)
    if m is None:
        return _glued_infobox_line(ms, line)
    label = " ".join(m.group(1).lower().split())
    lex = ms.lex
    known = lex.infobox_party_labels | lex.infobox_broker_labels | lex.infobox_alias_labels | lex.infobox_side_labels
    if label.rstrip("0123456789") not in known and line.text.lstrip()[:1] not in ("-", "*", "•", "·"):
        return None
    colon = next((t.i for t in line if t.text == ":"), None)
    return (label, colon + 1) if colon is not None else None


def _glued_infobox_line(ms: Mentions, line: Span) -> tuple[str, int] | None:
    """'MediatorsThe National Committee on ...': an infobox row whose label a page's text extraction
    ran into its value (no colon, no space; the label one the lexicon knows, capitalised)."""
    lex = ms.lex
    m = GLUED_LABEL.match(line.text)
    if m is None and not any(t.pos_ in ("VERB", "AUX") for t in line):
        m = SPACED_LABEL.match(line.text)
    if m is None or ":" in line.text:
        return None
    label = m.group(1).lower()
    return (label, line.start + 1) if label.rstrip("0123456789") in infobox_labels(lex) else None


def glued_label(ms: Mentions, i: int) -> bool:
    """Token i is an infobox label that a page's text extraction ran into its value, at a line's
    start ('Mediators' in 'MediatorsThe National Committee', split off by the tokenizer)."""
    return i in ms.labels or glued_label_at(ms.doc, i, infobox_labels(ms.lex))
