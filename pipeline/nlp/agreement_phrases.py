"""What one agreement phrase says: where its name or description starts ('Egyptian-Israeli Peace
Treaty', not 'Turkey, Finland and Sweden sign agreement'), whether it is a name, its kind and
distinctive words, its date and place, and its description with parties or scope ('truce in
Yemen', 'agreement between A and B')."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .gazetteer import norm
from .mentions import Mentions
from .spans import clean as _clean
from .spans import name_tail

HYPHENS = ("-", "–", "‑")
_MONTHS = ("jan(uary)?", "feb(ruary)?", "mar(ch)?", "apr(il)?", "may", "june?", "july?", "aug(ust)?",
           "sep(t(ember)?)?", "oct(ober)?", "nov(ember)?", "dec(ember)?")


def core_start(ms: Mentions, root: Token, lo: int) -> int:
    """First word of the modifiers directly before the agreement noun: 'Egyptian-Israeli Peace
    Treaty', 'bilateral, national and temporary ceasefire'; not a list of actors before it ('Turkey,
    Finland and Sweden sign agreement'), an adverb ('officially') or an aside ('- and largely
    unexpected -')."""
    doc = ms.doc
    while lo >= 2 and tight(doc, lo - 1) and doc[lo - 2].is_title:
        lo -= 2  # 'Ethiopia–Tigray peace agreement' where the phrase starts at 'Tigray'
    i = root.i
    while i > lo and in_core(ms, doc[i - 1], root, lo):
        i -= 1
    return i


def in_core(ms: Mentions, t: Token, root: Token, lo: int) -> bool:
    """A modifier of the head through modifiers, hyphens and coordinated adjectives only."""
    h = t
    while h.i != root.i:
        if not root.i > h.i >= lo or h.lemma_.lower() in ms.lex.sign_verbs and h.pos_ != "ADJ":  # not 'initial'
            return False
        if h.tag_ == "VBN" and tight(ms.doc, h.i - 1):
            return False  # 'the US-brokered deal': who brokered it is no part of its name
        dep, head = h.dep_, h.head
        if h.is_punct:
            if not (tight(ms.doc, h.i) or h.text == "," and head.pos_ == "ADJ"):
                return False
        elif dep == "cc":
            if head.pos_ != "ADJ":
                return False
        elif dep == "conj":
            if head.pos_ != "ADJ" or h.pos_ != "ADJ":
                return False
        elif dep not in ("compound", "amod", "nmod", "nummod", "npadvmod", "quantmod"):
            return False
        h = head
    return True


def tight(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ('power-sharing'), not a dash between spaces."""
    return 0 < i < len(doc) and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def strip_front(ms: Mentions, first: int, root: Token) -> tuple[int | None, int]:
    """Drop leading noise ('historic'), quantifiers ('only one', 'two') and a year ('1989 Taif
    Agreement'): (the year, the first word kept)."""
    doc, lex, year = ms.doc, ms.lex, None
    while first < root.i:
        t = doc[first]
        if t.lower_ in lex.agreement_noise and not (t.is_title and root.is_title):
            first += 1
        elif t.lower_ in lex.agreement_quantifiers or t.is_punct:
            first += 1
        elif t.tag_ == "CD" and not tight(doc, first + 1):
            if re.fullmatch(r"1[89]\d\d|20\d\d", t.text):
                year = int(t.text)
            first += 1
        else:
            break
    return year, first


def is_name(ms: Mentions, toks: Span, root: Token) -> bool:
    """A proper name: a proper noun or a place before the head ('Algiers agreement', 'Sri Lanka
    ceasefire'), or a title-case head with title-case words ('Peace Agreement', 'Protocol of Lusaka')."""
    before = [t for t in toks if t.i != root.i]
    proper = any(t.pos_ == "PROPN" and not (t.is_sent_start and not root.is_title) and t.is_alpha
                 and not t.is_upper or (x := ms.at(t.i)) is not None and x.kind in ("State", "Place")
                 for t in before)
    titled = root.is_title and before and all(t.is_title or not t.is_alpha for t in before)
    return proper or bool(titled) or root.is_title and name_tail(ms.doc, root) > root.i + 1


def title_cased(text: str) -> bool:
    """A headline (the text's first line) Written Like This: its capitals say nothing about names."""
    line = text.split("\n", 1)[0]
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", line)]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def content_words(ms: Mentions, label: str) -> frozenset[str]:
    """The words two mentions of one agreement share: not its kind, determiners, noise or years."""
    lex = ms.lex
    skip = lex.agreement_generic_words | lex.agreement_noise | lex.agreement_heads | lex.other_agreement_markers \
        | lex.agreement_quantifiers | lex.plan_heads
    words = re.split(r"[\s\-–‑,\"“”'’()]+", re.sub(r"cease[\s\-–‑]fire", "ceasefire", label.lower()))
    return frozenset(w for w in words if w and w not in skip and not re.fullmatch(r"\d+|s", w))


def kind(ms: Mentions, toks: Span, root: Token) -> str:
    """'ceasefire' for a truce or a 'ceasefire agreement', 'memorandum' for an MoU, the head word
    for other specific kinds ('protocol'), else 'general'."""
    lex = ms.lex
    for word in [root.lower_] + [t.lower_ for t in toks if t.i != root.i]:
        if word in lex.ceasefire_heads:
            return "ceasefire"
        if word in lex.memorandum_heads:
            return "memorandum"
    if root.lower_ not in lex.agreement_generic_words:
        return root.lemma_.lower()
    return "general"


def record_date(ms: Mentions, root: Token, year: int | None) -> tuple | None:
    """When the text dates this agreement: in a clause on it ('signed on March 5') or in the
    clause it is the object of ('brokered a ceasefire agreement on March 5')."""
    near: set[int] = set()
    for c in root.children:
        if c.dep_ in ("acl", "relcl"):
            near |= {t.i for x in c.children if x.dep_ in ("prep", "npadvmod") for t in x.subtree}
    if root.dep_ in ("dobj", "nsubjpass", "nsubj", "attr"):
        near |= {t.i for x in root.head.children if x.dep_ in ("prep", "npadvmod") and x.i != root.i
                 for t in x.subtree}
    if root.dep_ in ("nsubjpass", "nsubj"):  # 'Signed on September 15, 2020, the Accords were ...'
        near |= {t.i for x in root.head.children if x.dep_ == "advcl" and x.tag_ == "VBN"
                 for y in (x, *x.conjuncts) for c in y.children if c.dep_ in ("prep", "npadvmod")
                 for t in c.subtree}
    for ent in ms.dates_in(0, len(ms.doc)):
        if ent.start in near and (key := date_key(ent.text)) is not None:
            return key
    return (year, None, None) if year else None


def place_words(ms: Mentions, root: Token) -> frozenset[str]:
    """The words of the place it was made in: 'a peace agreement in Doha', 'signed ... in Doha'."""
    preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"]
    if root.dep_ in ("dobj", "nsubjpass"):
        preps += [c for c in root.head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
    words: set[str] = set()
    for p in preps:
        for c in p.children:
            m = ms.at(c.i) if c.dep_ == "pobj" else None
            if m is not None and m.kind in ("Place", "State") and ms.gaz.demonym(c.text) is None:
                words |= content_words(ms, m.entity.label)
    return frozenset(words)


def date_key(text: str) -> tuple[int | None, int | None, int | None] | None:
    """'4 August 1993' -> (1993, 8, 4); 'March' -> (None, 3, None); 'Monday' -> None."""
    low = text.lower()
    y = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
    mon = next((i + 1 for i, m in enumerate(_MONTHS) if re.search(rf"\b{m}\b", low)), None)
    d = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b(1[89]\d\d|20\d\d)\b", "", low)) if mon else None
    key = (int(y.group(1)) if y else None, mon, int(d.group(1)) if d else None)
    return key if key[0] or key[1] else None


def described(ms: Mentions, root: Token, first: int, end: int) -> str:
    """The phrase with what it says about parties or scope: 'agreement between A and B',
    'truce in Yemen', 'MoU signed between A and B', 'peace agreement with the government'."""
    doc, stop = ms.doc, end
    for c in sorted((c for c in root.children if c.i >= end), key=lambda c: c.i):
        if c.i != stop:
            break
        last = phrase_end(c)
        if c.dep_ == "prep" and c.lower_ == "between":
            pass
        elif c.dep_ == "prep" and c.lower_ == "with" and parties(ms, c):
            pass
        elif c.dep_ == "prep" and c.lower_ in ("in", "for") and scope(ms, c):
            pass
        elif c.dep_ == "prep" and c.lower_ in ("on", "over", "of") and topic(c):
            pass  # 'agreement on maritime boundaries', 'memorandum of understanding'
        elif c.dep_ == "acl" and c.tag_ == "VBN" and (b := next((x for x in c.children if x.lower_ == "between"
                                                                  and x.i == c.i + 1), None)) is not None:
            last = phrase_end(b)
        else:
            break
        stop = last
    if stop > end and doc[stop - 1].pos_ in ("CCONJ", "DET", "ADP"):
        return ""  # the parse cut the phrase in the middle: 'agreement between the government and'
    return _clean(doc[first:stop].text) if end < stop <= first + 25 else ""


def placed(ms: Mentions, root: Token, first: int, end: int) -> str:
    """The phrase with the place right after it, where the text does not say more ('a cease-fire
    accord in Luena'): an alias in the text's words, not the label (which its parties give)."""
    for c in root.children:
        if c.i == end and c.dep_ == "prep" and c.lower_ in ("in", "at"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            m = ms.at(pobj.i) if pobj is not None else None
            if m is not None and m.kind == "Place" and m.end == phrase_end(c):
                return _clean(ms.doc[first:m.end].text)
    return ""


def phrase_end(prep: Token) -> int:
    """End of a prepositional phrase without what follows its last noun phrase: an apposition, a
    bracket, a date, a clause or a place ('between Egypt and Israel, March 26, 1979', 'between A
    and B in Geneva'; not 'between the government in Baghdad and B')."""
    toks = list(prep.subtree)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    last = max([pobj, *pobj.conjuncts], key=lambda t: t.i).i if pobj is not None else prep.i
    for t in toks[1:]:
        if t.text == "(" or t.ent_type_ == "DATE" or t.dep_ in ("appos", "relcl", "acl", "advcl") \
                or t.i > last and t.dep_ == "prep" and t.lower_ != "of":
            end = t.left_edge.i if t.dep_ != "prep" else t.i
            while end > prep.i + 1 and prep.doc[end - 1].is_punct:
                end -= 1
            return end
    return toks[-1].i + 1


def parties(ms: Mentions, prep: Token) -> bool:
    """'with the Colombian government', 'with A and B': actors, not 'with a faction of A'."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and all((m := ms.at(t.i)) is not None and m.kind not in ("Place", "Agreement")
                                    for t in (pobj, *pobj.conjuncts))


def topic(prep: Token) -> bool:
    """'on trade', 'over the dam', 'of understanding': what it is about, not when ('on Monday');
    'of' only for the kind's own complement ('memorandum of understanding')."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ not in ("NOUN", "PROPN") or pobj.ent_type_ in ("DATE", "TIME"):
        return False
    return prep.lower_ != "of" or pobj.lemma_.lower() == "understanding"


def scope(ms: Mentions, prep: Token) -> bool:
    """'in Yemen', 'for Syria': a state or a region, not the city where it was signed."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    m = ms.at(pobj.i) if pobj is not None else None
    if m is None:
        return False
    return m.kind == "State" or m.kind == "Place" and norm(m.entity.label) not in ms.places.countries


def complement(root: Token) -> int:
    """End of a 'for ...' / 'to <verb> ...' / '<verb>ing ...' complement of an agreement noun
    ('an agreement defining a framework for a peace conference')."""
    for c in root.children:
        purpose = c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ("aim", "intend", "design")
        if c.i > root.i and (c.dep_ == "prep" and c.lower_ == "for" or c.dep_ == "acl" and c.tag_ in ("VB", "VBG")
                             or purpose):
            end = max(t.i for t in c.subtree) + 1
            comma = next((t.i for t in root.doc[c.i:end] if t.text in (",", ";", "(")), end)
            return next((t.i for t in root.doc[c.i:comma] if t.lower_ == "between" and t.i + 2 < comma  # 'an
                         and root.doc[t.i + 1].lower_ in ("the", "both")  # agreement to establish a boundary' +
                         and root.doc[t.i + 2].lower_ in ("two", "both", "countries", "sides", "parties")), comma)
            # ('between the two countries' names no one: an anaphor, no part of the name); a complement ends at
            # its first comma (the parser may run past it)
    return root.i + 1


def plan(ms: Mentions, root: Token, first: int, inner: list, definite: bool) -> bool:
    """A plan or proposal is an agreement put to the parties when an actor's name or a word of
    peace qualifies it ('the Annan plan', 'a U.N. plan', 'the San Jose proposal', 'a peace plan'),
    or as 'the plan' of an article that names one; not 'plans to annex' or 'a three-year plan'."""
    if any(c.dep_ in ("acl", "relcl") and c.tag_ == "VB" for c in root.children) or root.tag_ == "NNS":
        return False
    mods = ms.doc[first:root.i]
    if inner or any(t.lower_ in ms.lex.plan_modifiers for t in mods):
        return not any(t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in ("year", "month", "week", "day")
                       for t in mods)  # a 'six-point plan' is one, a 'three-year plan' is not
    return definite and not len(mods)


def paired(ms: Mentions, first: int, root: Token) -> bool:
    """'the Israel-Hezbollah ceasefire': two or more actors joined by dashes right before the kind
    describe it by its parties (the phrase is its description, not a name and not a broker)."""
    doc, i, names = ms.doc, first, 0
    while i < root.i:
        m = ms.at(i)
        if m is not None and m.kind in ("State", "ArmedGroup", "Government", "Organization") and m.start == i:
            names, i = names + 1, m.end
        elif doc[i].text in ("-", "–", "‑", "/") and names:
            i += 1
        else:
            return False
    return names >= 2 and doc[root.i - 1].text not in ("-", "–", "‑", "/")


def headline_verb(tok: Token) -> bool:
    """The gerund a statement's headline opens with ('Welcoming ...', 'Condemning ...'), which
    the parser takes for a word of the name after it."""
    first = next((t for t in tok.doc if not t.is_space), None)
    return first is not None and tok.i == first.i and tok.is_title \
        and tok.lower_.endswith("ing") and len(tok) > 5 and "\n" in tok.doc.text[tok.idx:]


def vague_plural(ms: Mentions, chunk: Span, definite: bool) -> bool:
    """An unnamed plural that names no agreement one can point to: 'Chad and Sudan have signed
    several agreements in the past', "PLO's previous agreements", or a bare plural ('has already
    signed agreements with rebel groups'); not 'the agreements', 'two agreements', 'a set of
    agreements', 'X are agreements reached between A and B' or 'agreements ..., including the Oslo
    Accords' (the text says which)."""
    doc, lex, root = ms.doc, ms.lex, chunk.root
    if root.tag_ not in ("NNS", "NNPS"):
        return False
    if any(t.lower_ in lex.vague_plural_markers for t in doc[chunk.start:root.i]):
        return True
    if definite or any(t.dep_ in ("det", "poss", "nummod", "predet") for t in doc[chunk.start:root.i]) \
            or chunk.start > 0 and doc[chunk.start - 1].lower_ == "the":
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in lex.agreement_collections:
        return False
    if root.dep_ in ("attr", "appos") or any(t.lower_ == "between" for t in root.subtree if t.i > root.i):
        return False  # 'The X Accords are agreements reached between A and B': these agreements
    return not any(" ".join(w.lower_ for w in doc[t.i:t.i + n]) in lex.example_markers
                   for t in root.subtree if t.i > root.i for n in (1, 2, 3))
