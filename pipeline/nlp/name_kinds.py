"""What a name the NER found names, where its label misleads: a place typed as a person or a group
('Lake Prespa', 'Latin America'), a place or a person typed as a product ('the vast Sahel region'),
a language typed as a nationality ('in French'), and words that follow an organisation's name
without being part of it ('Security Council Resolutions')."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import names_a_venue
from .mentions import Mentions
from .titles import is_title_word


def place_name(ms: Mentions, start: int, end: int) -> bool:
    """A name the NER typed as a person or group that names a place: its first or last word is a
    geographic or facility word ('Lake Prespa', 'Chapultepec Castle'), or it modifies one ('the
    Banankabougou neighborhood'), or it is a part of a continent ('Latin America', 'West Africa')."""
    doc, lex = ms.doc, ms.lex
    if doc[end - 1].lower_ in lex.org_name_heads:
        return False  # 'Straits Exchange Foundation', 'Gulf Cooperation Council': the head names a body
    words = {doc[start].lower_, doc[end - 1].lower_}
    heads = lex.geographic_words | lex.facility_words | lex.place_nouns
    if words & lex.geographic_words or names_a_venue(lex, [t.lower_ for t in doc[start:end]]) \
            or doc[start].lower_ in lex.facility_words and end - start > 1:  # 'Camp David'
        return True
    root, head = doc[end - 1], doc[end - 1].head
    while head.dep_ in ("compound", "amod") and head.head.i > head.i:
        head = head.head  # 'the Faladie military police school'
    if root.dep_ == "compound" and root.head.i == end and head.lower_ in heads:
        return True
    return end - start > 1 and doc[end - 1].text in ms.places.continents \
        and all(t.lower_ in lex.region_modifiers for t in doc[start:end - 1])


def division_name(ms: Mentions, start: int, end: int) -> bool:
    """A name of several words the NER typed as a person that ends in a word for a part of a
    state: 'Shan State', 'Kokang Self-Administered Zone', 'Sagaing Region'."""
    return end - start > 1 and ms.doc[end - 1].is_title and ms.doc[end - 1].lower_ in ms.lex.division_words


def verb_free_end(doc, start: int, end: int) -> int:
    """End of a person's name without the headline verb the NER ran into: 'Secretary Blinken
    Meets ...', 'Statement from ... Jake Sullivan Welcoming the ...'."""
    while end - start > 1 and doc[end - 1].tag_.startswith("VB") and doc[end - 1].is_title:
        end -= 1
    return end


def title_before_name(ms: Mentions, start: int, end: int) -> bool:
    """An 'organisation' that is a person's title: 'National Security Advisor' + 'Jake Sullivan',
    'Deputy National Security Advisor' + 'to the Vice President' (a title with no body's word and
    no known name), or a title's portfolio: 'National Security' + 'Advisor Sullivan', 'Zambian
    Presidential' + 'Affairs Minister X'."""
    doc, lex = ms.doc, ms.lex
    last = doc[end - 1].lower_
    if last in lex.title_head_words and last not in lex.org_name_heads | lex.state_body_words \
            and end < len(doc) and doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "B":
        return True
    if any(t.lower_ in lex.org_name_heads | lex.state_body_words for t in doc[start:end]) \
            or ms.gaz.lookup(doc[start:end].text) is not None:
        return False
    if last in lex.title_head_words:
        return True
    k = end  # 'National Security' + 'Advisor Sullivan', 'Zambian Presidential' + 'Affairs Minister Eric Silwamba'
    while k < len(doc) and doc[k].lower_ in lex.portfolio_words | lex.title_head_words | lex.titles:
        k += 1
    return k > end and doc[k - 1].lower_ in lex.title_head_words and k < len(doc) and doc[k].ent_type_ == "PERSON" \
        and (last in lex.portfolio_words or ms.gaz.demonym(doc[start].text) is not None)


def language(ms: Mentions, tok: Token) -> bool:
    """A demonym naming a language, not a state: in a list with a language the NER knows
    ('English, French, Chinese, Arabic'), or after 'in' ('talks held in French')."""
    if ms.gaz.demonym(tok.text) is None or tok.dep_ in ("amod", "compound", "nmod", "poss"):
        return False
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    group = [first, *[t for t in first.subtree if t.dep_ == "conj"]]
    if any(t.dep_ in ("amod", "compound", "nmod", "poss") for t in group) or any(
            c.dep_ == "det" for t in group for c in t.children):
        return False  # 'French and Turkish forces', 'the French'
    return any(t.ent_type_ == "LANGUAGE" for t in group) or first.dep_ == "pobj" and first.head.lower_ == "in"


def said_of_a_name(lex, low: str) -> bool:
    """'Resolutions' after 'United Nations Security Council', 'Summit' after 'NATO': a thing of the
    organisation, not more of its name."""
    words = lex.statement_nouns | lex.meet_nouns | lex.signing_nouns
    return low in words or low.endswith("s") and low[:-1] in words


def building_end(ms: Mentions, end: int) -> int | None:
    """End of a building's name that a name the NER ended at `end` begins: a capitalised facility
    word right after it, or after its possessive ("Saint Mary's Cathedral", 'Ninoy Aquino School')."""
    doc, i = ms.doc, end
    if i < len(doc) and doc[i].text in ("'s", "’s") and not doc[i - 1].whitespace_:
        i += 1
    if i < len(doc) and doc[i].is_title and doc[i].lower_ in ms.lex.facility_words \
            and doc[i - 1].whitespace_ and doc[i].ent_iob_ != "I":
        return i + 1
    return None


def names_a_body(ms: Mentions, word: str) -> bool:
    """The article names an organisation of several words with this word in it ('Treasury
    Secretary X' after 'the U.S. Treasury Department'): the word is that body's short name."""
    return any(e.label_ == "ORG" and len(e) > 1 and word in (t.text for t in e) for e in ms.doc.ents)


def product_name(ms: Mentions, ent: Span) -> Span | None:
    """A name the small model typed as a product, read as what it names: a place the gazetteer
    knows, or one a place word follows ('the vast Sahel region', 'Jolo town'); a person's name of
    two or three words in apposition to a title ('the chairman of the Islamic Courts Union, Yusuf
    Inda'ade'). None for the rest (a product, 'Twitter')."""
    doc, lex = ms.doc, ms.lex
    words = [t for t in ent if t.is_alpha or "'" in t.text or "’" in t.text]
    if not words or not all(t.text[:1].isupper() for t in words) or len(words) != len(ent):
        return None
    entry = ms.gaz.lookup(ent.text)
    if entry is not None and entry.kind in ("State", "Place"):
        return Span(doc, ent.start, ent.end, label="GPE" if entry.kind == "State" else "LOC")
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if len(ent) == 1 and nxt is not None and nxt.is_lower \
            and nxt.lower_ in lex.place_nouns | lex.division_words | lex.settlement_nouns:
        return Span(doc, ent.start, ent.end, label="LOC")
    if 2 <= len(ent) <= 3 and any(t.dep_ == "appos" and is_title_word(t.head, lex) and t.head.i < ent.start
                                  for t in ent):
        return Span(doc, ent.start, ent.end, label="PERSON")
    return None
