"""Small helpers on token spans shared by the mention passes."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token


def trim(span: Span) -> tuple[int, int]:
    """Token bounds without a leading determiner or a trailing possessive."""
    start, end = span.start, span.end
    for t in span:  # 'Luhansk People's Republic (LPR': the parenthesis is not part of the name
        if t.text == "(" and t.i > start:
            end = t.i
            break
    while start < end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].text in ("'s", "’s", "'", "’")):
        end -= 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1  # 'Taif Agreement\n\n' (a title line the NER ran into the line break)
    return start, end


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \"'“”‘’,.;:()")
    text = re.sub(r"^(?i:the)\s+", "", text)
    return re.sub(r"[’']s$", "", text).strip()


def name_tail(doc: Doc, root: Token) -> int:
    """End of a title-case name running past its head: 'Framework for Peace in the Middle East'."""
    i, last = root.i + 1, root.i + 1
    function = {"for", "on", "of", "the", "a", "an", "in", "between", "and", "to"}
    while i < len(doc) and i < root.i + 16:
        t = doc[i]
        if t.lower_ == "and" and i + 2 < len(doc) and doc[i + 1].pos_ == "DET" \
                and doc[i + 2].lower_ == root.lower_:
            break  # 'the Framework for Peace ... and the Framework for ...': two names
        if t.ent_type_ in ("DATE", "TIME"):
            break  # 'the Taif Agreement in November'
        if t.is_title and t.is_alpha or t.text in ("-", "–", "‑") and i > root.i + 1:
            last = i + 1
        elif t.lower_ not in function:
            break
        i += 1
    return last

