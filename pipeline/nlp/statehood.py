"""The mention pass for states the gazetteer does not know: a self-proclaimed or partially
recognised republic ('Abkhazia', 'South Ossetia') is a State (ANNOTATION), though the NER's GPE
makes an unknown name a Place. The text says so: the name declares independence, its independence
is recognised or declared, it is recognised or recognises, a 'breakaway' or 'self-proclaimed'
describes it, or the article also calls it 'the Republic of X'. Without such words a name stays a
Place: cities (GeoNames) and the gazetteer's places never change."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import Entity
from .gazetteer import norm
from .mentions import Mention, Mentions

STATE_WORDS = r"(?:Republic|Kingdom|State|Federation|Emirate|Sultanate|Principality|Commonwealth)"
INDEPENDENCE = {"independence", "sovereignty", "statehood"}
DECLARING = {"declare", "proclaim"}


def self_proclaimed_states(ms: Mentions) -> None:
    """Unknown places the article treats as states become States (every mention of them)."""
    republics = {norm(e.label): e for e in ms.registry.values() if e.kind == "State" and not e.qid}
    for place in [e for e in ms.registry.values() if _unknown_place(ms, e)]:
        mentions = [m for m in ms.all() if m.entity is place]
        republic = _republic_of(place, republics)
        if republic is None and not any(_acts_as_state(ms, m) for m in mentions):
            continue
        state = ms.intern(Entity("State", place.label, aliases=set(place.aliases)))
        ms.registry.pop(place.ident, None)
        if republic is not None:  # 'the Republic of South Ossetia' is South Ossetia
            state.aliases |= {republic.label} | republic.aliases
            ms.registry.pop(republic.ident, None)
        for m in ms.all():
            if m.entity is place or m.entity is republic:
                m.entity = state


def _unknown_place(ms: Mentions, e: Entity) -> bool:
    """A Place with no gazetteer entry that is no known city."""
    return e.kind == "Place" and not e.qid and ms.gaz.lookup(e.label) is None \
        and norm(e.label) not in ms.places.countries


def _republic_of(place: Entity, republics: dict[str, Entity]) -> Entity | None:
    """The unknown State named 'Republic of X' or 'X Republic' in the article, for the place X."""
    name = re.escape(norm(place.label))
    words = STATE_WORDS.lower()
    pattern = re.compile(rf"^(?:[\w'-]+ )*{words} of (?:the )?{name}$|^{name}(?: [\w'-]+)* {words}$")
    found = [e for key, e in republics.items() if pattern.match(key)]
    return found[0] if len(found) == 1 else None


def _acts_as_state(ms: Mentions, m: Mention) -> bool:
    """The sentence treats this mention as a state: it declares or is granted independence, it
    recognises or is recognised, or a word like 'breakaway' describes it."""
    tok = _position(ms.doc[m.end - 1])
    return _declares_independence(tok) or _independence_of(ms.lex, tok) or _recognition(ms, tok) \
        or _described_as_breakaway(ms, m, tok)


def _position(tok: Token) -> Token:
    """The token whose relation to the clause holds for a conjunct too ('A and B declared')."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _declares_independence(tok: Token) -> bool:
    """'South Ossetia declared independence', 'X proclaimed its sovereignty'."""
    verb = tok.head
    return tok.dep_ == "nsubj" and verb.lemma_ in DECLARING \
        and any(c.lemma_.lower() in INDEPENDENCE | {"independent"} for c in verb.children)


def _independence_of(lex, tok: Token) -> bool:
    """'recognition of the independence of X', 'X's declaration of independence': the
    independence is declared or recognised, not only discussed ('X's independence referendum')."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in INDEPENDENCE:
        noun = tok.head.head
    elif tok.dep_ == "poss" and tok.head.lemma_.lower() in INDEPENDENCE | {"declaration"}:
        noun = tok.head
    else:
        return False
    near = [noun, *noun.children, *list(noun.ancestors)[:3]]
    return any(_recognising(lex, t) or t.lemma_.lower() in DECLARING | {"declaration", "proclamation"} for t in near)


def _recognising(lex, t: Token) -> bool:
    return t.lemma_.lower() in lex.recognize_verbs or t.lower_.startswith("recogni")


def _recognition(ms: Mentions, tok: Token) -> bool:
    """'Vanuatu recognises X', 'recognizing X', 'X was recognised by', 'X recognises Y': only a
    state recognises or is recognised, unless as something else ('recognised X as Russian')."""
    verb = tok.head
    if tok.dep_ not in ("dobj", "nsubjpass", "nsubj") or verb.pos_ not in ("VERB", "AUX") \
            or not _recognising(ms.lex, verb):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        if not any(t.lemma_.lower() in ms.lex.statehood_words for t in prep.subtree):
            return False  # 'recognised Crimea as part of Russia'
    return True


def _described_as_breakaway(ms: Mentions, m: Mention, tok: Token) -> bool:
    """'the breakaway Abkhazia', 'the self-proclaimed republic of X', 'X, a breakaway region'."""
    doc = ms.doc
    before = doc[max(m.start - 4, doc[m.start].sent.start):m.start]
    nouns = [tok.head.head] if tok.dep_ == "pobj" and tok.head.lower_ == "of" else []
    nouns += [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else [])
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        nouns += [c for c in tok.head.children if c.dep_ == "attr"]
    text = " ".join([before.text] + [doc[n.left_edge.i:n.i + 1].text for n in nouns])
    text = re.sub(r"\s*[-‑]\s*", "-", text.lower())
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in ms.lex.breakaway_markers)
