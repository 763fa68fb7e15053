"""Person names the small model cuts short or splits, repaired before the names pass links them:
adjacent PERSON fragments ('Recep Tayyip' + 'Erdogan'), hyphenated names ('Sahle-Work Zewde'),
particles ('Jose Eduardo dos Santos', 'Hamad bin Khalifa'), quoted nicknames ('Mohamed Hamdan
“Hemeti” Dagolo'). A token the NER gave another label (the GPE 'Santos') is absorbed when the
name runs through it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, is_name_word

if TYPE_CHECKING:
    from .mentions import Mentions

HYPHENS = ("-", "‑", "–")
APOSTROPHED = re.compile(r"^[A-Z][a-z]+[’'][a-z]+$")  # 'Kata’ib', 'Jama'at'
INITIAL = re.compile(r"^[A-Z]\.$")  # 'Carmen G. Cantor'
REGNAL = re.compile(r"^[IVX]{1,4}$")  # 'Abdullah II'
QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'"}
SUFFIXES = ("Jr.", "Sr.", "Jr", "Sr")  # 'Martin Luther King, Jr.'


@dataclass
class Name:
    """An entity span of the NER, possibly repaired; `key` is the gazetteer key of a part."""

    start: int
    end: int
    label: str
    key: str


def _described_person(doc: Doc, ent: Span, lex: Lexicon) -> bool:
    """Two or three proper nouns the NER took for a place or a body, that the apposition after
    them calls a person: 'Milan Milanović, a local Serb politician'."""
    if ent.ent_id_ or not 2 <= len(ent) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in ent) \
            or ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    return any(t.dep_ == "appos" and t.head.i in range(ent.start, ent.end) and t.i > ent.end
               and t.lemma_.lower() in lex.person_nouns for t in doc[ent.end:min(ent.end + 8, len(doc))])


def entity_names(doc: Doc, lex: Lexicon) -> list[Name]:
    """The NER's entities in order, with person names repaired (the other labels as they are),
    and the names after a title the NER missed."""
    ents = sorted([*doc.ents, *_titled_names(doc, lex)], key=lambda s: s.start)
    out: list[Name] = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        if ent.label_ in ("GPE", "LOC", "ORG") and _described_person(doc, ent, lex):
            ent = Span(doc, ent.start, ent.end, label="PERSON")  # 'Milan Milanović, a local Serb politician'
        if ent.label_ != "PERSON" or all(t.is_upper for t in ent):  # 'JEM' tagged as a person: no name to repair
            out.append(Name(ent.start, ent.end, ent.label_, ent.ent_id_))
            k += 1
            continue
        cut = next((t.i for t in ent[1:] if t.text in ("'s", "’s")), ent.end)  # 'Suu Kyi’s NLD': the person's,
        while cut - ent.start > 1 and doc[cut - 1].is_lower and doc[cut - 1].lower_ in lex.title_joiners:
            cut -= 1  # 'Obasanjo of' + 'Nigeria': the name ends before its 'of'
        name = Name(_given_names_before(doc, ent.start, lex), cut, "PERSON", ent.ent_id_)  # then another name
        while out and out[-1].start >= name.start:
            out.pop()  # 'Asma' (a place to the NER) + 'Mohamed Abdalla': a given name
        k += 1
        while True:
            step = _continuation(doc, name.end, lex, repaired=name.end > ent.end)
            if step is None:
                break
            # a following entity the name runs into is part of it ('dos' + GPE 'Santos')
            while k < len(ents) and ents[k].start < step:
                name.key = name.key or (ents[k].ent_id_ if ents[k].label_ == "PERSON" else "")
                step = max(step, ents[k].end)
                k += 1
            name.end = step
        out.append(name)
    return out


def _titled_names(doc: Doc, lex: Lexicon) -> list[Span]:
    """Untagged names right after a capitalised title word: 'His Majesty, King Abdullah II',
    'ECOWAS Chair Kufuor' (up to three proper nouns ending the phrase, then a regnal number)."""
    out = []
    for tok in doc:
        if not tok.is_title or tok.ent_type_ \
                or tok.lower_ not in lex.royal_titles | lex.title_head_words | lex.military_ranks:
            continue
        j = tok.i + 1
        while j < len(doc) and j < tok.i + 4 and not doc[j].ent_type_ and doc[j - 1].whitespace_ \
                and _namelike(doc[j], lex):
            j += 1
        if j > tok.i + 1 and j < len(doc) and REGNAL.match(doc[j].text) and not doc[j].ent_type_:
            j += 1
        if j > tok.i + 1 and not (j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN"):
            out.append(Span(doc, tok.i + 1, j, label="PERSON"))
    return out + [name for tok in doc if (name := _name_after_portfolio(doc, tok, lex)) is not None]


def _name_after_portfolio(doc: Doc, head: Token, lex: Lexicon) -> Span | None:
    """An untagged name ending a title with its portfolio: 'Minister of Foreign Affairs and Trade
    Kitlang Kabua', 'Assistant Secretary of ... Affairs Carmen G. Cantor' (the surname and the
    given names or initials compounded into it, after a title word and its 'of' phrase)."""
    if head.ent_type_ or head.pos_ != "PROPN" or not _namelike(head, lex) \
            or head.i + 1 < len(doc) and doc[head.i + 1].is_title and doc[head.i + 1].pos_ == "PROPN":
        return None
    first = head.i
    while first > head.i - 3 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == head.i \
            and not doc[first - 1].ent_type_ and doc[first - 1].whitespace_ \
            and (_namelike(doc[first - 1], lex) or INITIAL.match(doc[first - 1].text)):
        first -= 1
    if first == head.i or first < 2 or not doc[first - 1].is_title or doc[first - 1].dep_ == "compound" \
            and doc[first - 1].head.i == head.i:
        return None
    k = first - 1
    while k > first - 10 and k > 0 and (doc[k].is_title or doc[k].lower_ in ("of", "and", "for", "the")) \
            and not doc[k].is_sent_start:
        if doc[k].lower_ in lex.title_head_words and doc[k].is_title and "of" in {t.lower_ for t in doc[k:first]}:
            return Span(doc, first, head.i + 1, label="PERSON")
        k -= 1
    return None


def _given_names_before(doc: Doc, start: int, lex: Lexicon) -> int:
    """Where a name the NER began late really begins: 'Lloyd' + 'J. Austin III', 'Hashim Finyan'
    + 'Rahim al-Saraji', 'Kata’ib' + 'Hizballah' (up to two untagged proper nouns compounded into
    the name; a word with an inner apostrophe, which the tagger takes for punctuation, too; a
    one-word place the gazetteer does not know, 'Asma' + 'Mohamed Abdalla', or one right after an
    honorific, 'Dr. France' + 'Bučar')."""
    first = start
    while first > start - 2 and first > 0:
        tok = doc[first - 1]
        if first == start >= 2 and tok.text in HYPHENS and not tok.whitespace_ and not doc[first - 2].whitespace_ \
                and doc[first - 2].is_title and doc[first - 2].is_alpha and not doc[first - 2].ent_type_ \
                and not is_name_word(lex, doc[first - 2].lower_):
            first -= 2  # 'Jean-' + 'Bernard Mérimée': the first part of a hyphenated given name
            continue
        if _ayn(doc, first - 1):  # "Mustaf 'Ato": an apostrophe that writes a sound, the given name before it
            first -= 2
            continue
        inner = bool(APOSTROPHED.match(tok.text)) and not tok.is_sent_start  # parsed as punctuation
        stray = tok.ent_type_ in ("GPE", "LOC", "NORP") and tok.ent_iob_ == "B" and _span_len(doc, tok) == 1 \
            and (not tok.ent_id_  # 'Asma' + 'Mohamed Abdalla': no place the gazetteer knows
                 or first >= 2 and doc[first - 2].lower_ in lex.honorifics)  # 'Dr.' 'France' + 'Bučar'
        if tok.ent_type_ and not stray or not tok.whitespace_ \
                or not inner and (tok.dep_ != "compound" or not start <= tok.head.i) \
                or not (inner or _namelike(tok, lex)) or tok.lower_ in lex.title_modifiers | lex.military_ranks:
            break
        first -= 1
    return first


def _ayn(doc: Doc, i: int) -> bool:
    """Token i is an apostrophe written for a sound at the start of a name ("Mustaf 'Ato"): stuck
    to the name after it, after a space and one capitalised word the gazetteer does not know."""
    if doc[i].text not in ("'", "’", "ʿ", "ʼ") or doc[i].whitespace_ or i < 1 or doc[i].is_sent_start:
        return False
    before = doc[i - 1]
    return before.whitespace_ and before.is_title and before.is_alpha and before.pos_ == "PROPN" \
        and not before.ent_id_ and (not before.ent_type_ or _span_len(doc, before) == 1 and before.ent_iob_ == "B")


def _continuation(doc: Doc, end: int, lex: Lexicon, repaired: bool) -> int | None:
    """Where the person name ending at `end` continues to, or None if it ends there."""
    if end >= len(doc) or doc[end].is_sent_start:
        return None
    tok, prev = doc[end], doc[end - 1]
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    if prev.whitespace_ and tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B" and _namelike(tok, lex):
        return end + 1  # 'Recep Tayyip' + 'Erdogan': two fragments of one name
    if prev.whitespace_ and tok.ent_id_ and tok.ent_type_ != "PERSON" and tok.ent_iob_ == "B" \
            and _span_len(doc, tok) == 1 and _namelike(tok, lex) and not tok.is_upper:
        return end + 1  # 'Thérèse Kayikwamba' + 'Wagner': a surname that is also a gazetteer name
    if prev.whitespace_ and tok.ent_type_ in ("GPE", "ORG", "LOC") and not tok.ent_id_ and tok.ent_iob_ == "B" \
            and _span_len(doc, tok) == 1 and _namelike(tok, lex) and not tok.is_upper and end - 1 > 0 \
            and doc[end - 1].ent_type_ == "PERSON":
        return end + 1  # 'Ahmad Tejan' + 'Kabbah' (a place to the NER, and none the gazetteer knows)
    if prev.whitespace_ and tok.ent_iob_ == "O" and tok.tag_ == "NNP" and _namelike(tok, lex) and end >= 2 \
            and doc[end - 2].ent_type_ == "PERSON" and not (nxt is not None and nxt.is_title):
        return end + 1  # 'Ahmad Tejan' + 'Kabbah' (untagged, parsed in apposition)
    if tok.text == "," and nxt is not None and nxt.text in SUFFIXES and not prev.whitespace_:
        return end + 2  # 'Gilberto C. Teodoro' + ', Jr.' (the NER tags the suffix apart, or as a place)
    if tok.text in HYPHENS and not prev.whitespace_ and not tok.whitespace_ and nxt is not None \
            and nxt.is_title and nxt.is_alpha:
        return end + 2  # 'Sahle' + '-Work'
    if tok.lower_ in lex.name_particles and tok.is_lower and nxt is not None and _namelike(nxt, lex, any_pos=True):
        return end + 2  # 'Jose Eduardo' + 'dos Santos'
    if tok.text in QUOTES and end + 3 < len(doc) and doc[end + 2].text == QUOTES[tok.text] \
            and doc[end + 1].is_title and _namelike(doc[end + 3], lex, any_pos=True):
        return end + 4  # 'Mohamed Hamdan' + '“Hemeti” Dagolo'
    last = prev.head.i  # 'Lee Hsien' + 'Loong', 'Aung San' + 'Suu Kyi': the parse makes the name a compound
    if prev.whitespace_ and prev.dep_ == "compound" and end <= last <= end + 1 and all(  # of the proper nouns after
            doc[j].ent_iob_ == "O" and doc[j].tag_ == "NNP" and _namelike(doc[j], lex) for j in range(end, last + 1)) \
            and (last + 1 >= len(doc) or not _namelike(doc[last + 1], lex)):
        return last + 1
    if repaired and prev.whitespace_ and _namelike(tok, lex) and tok.ent_iob_ != "I" \
            and not (tok.ent_type_ and tok.ent_type_ != "PERSON" and _span_len(doc, tok) > 1):
        return end + 1  # 'Sahle-Work' + 'Zewde'
    return None


def _namelike(tok: Token, lex: Lexicon, any_pos: bool = False) -> bool:
    """A capitalised word that can be part of a person's name (not a title or a common noun);
    a proper noun unless the pattern around it already says it is a name (`any_pos`: the
    tagger calls 'Dagolo' in '“Hemeti” Dagolo' an adverb)."""
    low = tok.lower_
    return (tok.is_title and tok.is_alpha and (any_pos or tok.pos_ == "PROPN") and not tok.is_sent_start
            and low not in lex.titles and low not in lex.title_head_words and low not in lex.honorifics
            and low not in lex.governing_nouns and low not in lex.government_words
            and low not in lex.org_name_heads and low not in lex.armed_group_words
            and low not in lex.state_body_words)


def _span_len(doc: Doc, tok: Token) -> int:
    """Length of the entity that starts at `tok`."""
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return j - tok.i


def as_span(doc: Doc, name: Name) -> Span:
    return Span(doc, name.start, name.end, label=name.label)


def ranked_person(ms: Mentions, start: int, end: int) -> bool:
    """An 'organisation' that is a military rank before one to three proper nouns of no
    organisation's words: 'General Abreu Ucuatchitembo'."""
    doc, lex = ms.doc, ms.lex
    return 2 <= end - start <= 4 and doc[start].lower_ in lex.military_ranks and doc[start].is_title \
        and all(t.pos_ == "PROPN" and t.is_title and not is_name_word(lex, t.lower_) for t in doc[start + 1:end])
