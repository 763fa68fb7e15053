"""Small helpers on token spans shared by the mention builders."""

from __future__ import annotations

import re

from spacy.tokens import Span


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
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return start, end


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \"'“”‘’,.;:()")
    text = re.sub(r"^(?i:the)\s+", "", text)
    return re.sub(r"[’']s$", "", text).strip()
