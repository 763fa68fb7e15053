"""Small helpers on token spans shared by the mention passes, and the layout of the text
(lines, headings, infobox labels) that says where capitals are no evidence of a name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .doc_cache import per_doc
from .lexicon import lexicon


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


#: A name's own last word that ends in a period: 'Martin Luther King, Jr.', 'Acme Holdings Inc.'
ABBREVIATED_END = re.compile(r"\b(?:Jr|Sr|Inc|Ltd|Corp)\.$")


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    period = "." if ABBREVIATED_END.search(text.rstrip(" \"'“”‘’,;:()")) else ""
    text = text.strip(" \"'“”‘’,.;:()") + period
    text = re.sub(r"^(?i:the)\s+", "", text)
    return re.sub(r"[’']s$", "", text).strip()


def name_tail(doc: Doc, root: Token) -> int:
    """End of a title-case name running past its head: 'Framework for Peace in the Middle East'."""
    i, last = root.i + 1, root.i + 1
    function = {"for", "on", "of", "the", "a", "an", "in", "between", "and", "to"}
    while i < len(doc) and i < root.i + 16:
        t = doc[i]
        if t.lower_ == "and" and i + 2 < len(doc) and doc[i + 1].pos_ == "DET" \
                and (doc[i + 2].lower_ == root.lower_ or any(
                    c.dep_ == "conj" and c.i > i and c.lower_ in lexicon().agreement_heads for c in root.children)):
            break  # 'the Framework for Peace ... and the Framework for ...', 'the Algiers Accord and the
            # Algiers Declaration': two names
        if t.ent_type_ in ("DATE", "TIME"):
            break  # 'the Taif Agreement in November'
        if t.lower_ == "and" and i + 1 < len(doc) and doc[i + 1].lower_ in lexicon().title_head_words:
            break  # 'the Memorandum for the United States and Minister ... X signed': a person's title
        if t.lower_ == "for" and i == root.i + 1 and _signed_for_a_state(doc, root):
            break  # 'X signed the Memorandum for the United States': on the state's behalf
        if t.is_title and t.is_alpha or t.text in ("-", "–", "‑") and i > root.i + 1:
            last = i + 1
        elif t.lower_ not in function:
            break
        i += 1
    return last



def _signed_for_a_state(doc: Doc, root: Token) -> bool:
    """'signed the Memorandum | for the United States': the object of a signing verb, then 'for'
    and a state, who signs, not what the text is called."""
    i = root.i + 2 + (root.i + 2 < len(doc) and doc[root.i + 2].lower_ == "the")
    return root.dep_ == "dobj" and root.head.lemma_.lower() in lexicon().sign_verbs \
        and i < len(doc) and doc[i].ent_type_ == "GPE"


LABEL = re.compile(r"^\s*[-*•·]\s*[A-Za-z][A-Za-z0-9 ]{0,30}?\s*:")  # '- Combatant1: ...'


def lines(doc: Doc) -> list[Span]:
    """The Doc's lines without their line breaks (blank lines left out); found once per Doc."""
    return [doc[start:end] for start, end in per_doc(doc, "lines", _line_bounds)]


def _line_bounds(doc: Doc) -> list[tuple[int, int]]:
    out, start = [], 0
    for tok in doc:
        if "\n" in tok.text_with_ws or tok.i == len(doc) - 1:
            end = tok.i + 1
            while end > start and doc[end - 1].is_space:
                end -= 1
            if end > start:
                out.append((start, end))
            start = tok.i + 1
    return out


def label_tokens(doc: Doc, fields: frozenset[str]) -> set[int]:
    """Tokens of the labels of bulleted 'Label: value' rows whose label is an infobox field
    ('- Conflict:', '- Combatant1:'), not a name ('- Russia: the Kremlin said ...')."""
    out: set[int] = set()
    for line in lines(doc):
        if LABEL.match(line.text):
            colon = next(t.i for t in line if t.text == ":")
            label = re.sub(r"\d+$", "", " ".join(t.lower_ for t in doc[line.start:colon] if t.is_alpha or t.is_digit))
            if label.strip() in fields:
                out.update(range(line.start, colon + 1))
        elif glued_label_at(doc, line.start, fields) or len(line) > 1 and line[0].lower_ in fields \
                and line[0].is_title and line[1].text[:1].isupper() \
                and not any(t.pos_ in ("VERB", "AUX") for t in line):
            out.add(line.start)  # 'Mediators' + 'The National Committee ...': a label run into its value
            # ('Parties Australia': a label and its value with no colon, and no verb)
    return out


def heading_tokens(doc: Doc) -> set[int]:
    """Tokens of lines that are headings, whose capitals are no evidence of a name: a title in
    headline case ('The United States Hosts Signing of ...': every word of four letters or more
    capitalised), or a short line after the title that is not a sentence ('Background')."""
    out: set[int] = set()
    for k, line in enumerate(lines(doc)):
        words = [t for t in line[1:] if t.is_alpha and len(t) >= 4]
        if line[-1].is_punct or any(t.text == ":" for t in line):
            continue  # a sentence, or a 'Label: value' row
        headline = k == 0 and len(words) >= 3 and all(t.text[0].isupper() for t in words)
        if headline or k > 0 and len(line) <= 6 and line[0].is_title:  # not a bullet item ('- the Army')
            out.update(range(line.start, line.end))
    return out


def glued_label_at(doc: Doc, i: int, labels: frozenset[str]) -> bool:
    """Token i, at a line's start, is one of `labels` that a page's text extraction ran into the
    value after it ('Mediators' in 'MediatorsThe National Committee', split off by the tokenizer)."""
    return (i == 0 or "\n" in doc[i - 1].text_with_ws) and not doc[i].whitespace_ and i + 1 < len(doc) \
        and doc[i].lower_ in labels and doc[i + 1].text[:1].isupper()
