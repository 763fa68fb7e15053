"""Mention passes that find names: the NER's entities (linked through the gazetteer, repaired
where the small model errs), and proper names it missed or cut: titled organisations, X-led
groups, units named after their owner, cities, demonyms (the same name recurring, and one-word
short names: nlp.name_variants)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Entity
from . import name_kinds
from .doc_cache import noun_chunks
from .gazetteer import norm
from .infobox import glued_label
from .lexicon import is_name_word
from .mentions import NER_LABELS, Mentions
from .name_kinds import division_name, language, place_name, said_of_a_name, title_before_name, verb_free_end
from .org_names import gang_name, name_end, possessive_split, state_name_end
from .persons import HYPHENS, INITIAL, as_span, entity_names, ranked_person
from .spans import clean as _clean
from .spans import name_tail
from .spans import trim as _trim


def ner_entities(ms: Mentions) -> None:
    """Every entity the NER (and the gazetteer's entity ruler) found, linked; person names the
    NER cut or split are repaired first (nlp.persons)."""
    for name in entity_names(ms.doc, ms.lex):
        if name.label in NER_LABELS:
            entity_span(ms, as_span(ms.doc, name), name.key)
        elif name.label == "PRODUCT" and (span := name_kinds.product_name(ms, as_span(ms.doc, name))) is not None:
            entity_span(ms, span, name.key)  # 'the vast Sahel region': a place the model took for a product
    titled_names(ms)


def titled_names(ms: Mentions) -> None:
    """A name the NER missed in apposition to a title: 'Presidential Adviser, Tut Gatluak'
    (two or three capitalised proper nouns, the last in apposition to the title word)."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        if tok.dep_ != "appos" or tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ or ms.at(tok.i):
            continue
        if not _title(lex, tok.head) or tok.head.i > tok.i or doc[tok.i - 1].is_punct:
            continue
        first = tok.i
        while first > tok.i - 3 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == tok.i \
                and doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN" and not doc[first - 1].ent_type_:
            first -= 1
        if first < tok.i and doc[first - 1].text == "," \
                and not any(is_name_word(lex, t.lower_) for t in doc[first:tok.i + 1]):
            ms.add(first, tok.i + 1, Entity("Official", doc[first:tok.i + 1].text), "titled-name")


def entity_span(ms: Mentions, ent: Span, key: str | None = None) -> None:
    key = ent.ent_id_ if key is None else key
    start, end = _trim(ent)
    if end - start == 1 and ms.doc[start].is_lower and ms.doc[start].is_alpha \
            or ent.label_ in ("GPE", "LOC") and end - start == 2 and ms.doc[end - 1].lower_ == "of" \
            and ms.doc[start].tag_ in ("NNS", "NNPS"):
        return  # 'pro' of 'pro-Taleban militants' (the NER: ORG 'pro-'): a lower-case word names nothing; nor
        # does a place ending in 'of' ('the Governments of' + 'Israel and Lebanon')
    if end - start > 1 and glued_label(ms, start):
        start += 1  # 'Mediators' + 'The National Committee on ...' (an infobox row run together)
    while start < end and ms.doc[start].lower_ in ms.lex.title_abbreviations:
        start += 1  # 'Brig. Gen. Pat Ryder' tagged as a person or a place 'Brig.': a title, no name
    if ent.label_ in ("ORG", "PERSON") and not key and (two := _two_surnames(ms, start, end)) is not None:
        for a, b in two:  # 'Kabba and Sankoh met' (the NER: one ORG): two persons the article names
            entity_span(ms, Span(ms.doc, a, b, label="PERSON"))
        return
    if ent.label_ == "ORG" and not key and end - start >= 5 and INITIAL.match(ms.doc[end - 2].text) \
            and ms.doc[end - 3].is_title and ms.doc[end - 1].is_title and not ms.doc[end - 4].is_lower:
        entity_span(ms, Span(ms.doc, start, end - 3, label="ORG"))  # 'the Office of Foreign Assets Control' +
        entity_span(ms, Span(ms.doc, end - 3, end, label="PERSON"))  # 'Andrea M. Gacki': a name with an initial
        return
    if ent.label_ == "ORG" and not key and ranked_person(ms, start, end):
        ent = Span(ms.doc, start + 1, end, label="PERSON")  # 'General Abreu Ucuatchitembo': a rank and a name
        start += 1
    if end - start == 1 and not key and ent.label_ == "ORG" and _title_begins(ms, start, end):
        return  # 'Crown' + 'Prince Salman': the first word of a title
    while end - start > 1 and not key and _title_begins(ms, end - 1, end):
        end -= 1  # 'Pentagon Press' + 'Secretary': the name stops where a title begins
    if ent.label_ == "ORG" and not key and end - start == 1 and end < len(ms.doc) and not ms.doc[start].is_upper \
            and ms.doc[end].lower_ in ms.lex.portfolio_titles and not name_kinds.names_a_body(ms, ms.doc[start].text):
        return  # 'Welfare Minister Yusuf Kalla': a title's portfolio, no organisation
    if ent.label_ == "GPE" and (last := state_name_end(ms, start, end)) is not None:
        end = last  # 'the People’s' + 'Republic of China'
        ent = Span(ms.doc, start, end, label="GPE")
    if not key and (building := name_kinds.building_end(ms, end)) is not None:  # "Saint Mary's" + 'Cathedral'
        end, ent = building, Span(ms.doc, start, building, label="FAC")
    if ent.label_ == "ORG" and not key and title_before_name(ms, start, end):
        first = end - 1
        while first > start and (_title(ms.lex, ms.doc[first - 1])
                                 or ms.doc[first - 1].lower_ in ms.lex.title_modifiers):
            first -= 1
        owner = ms.doc[start:first]
        if len(owner) and (ms.gaz.lookup(owner.text) is not None or len(owner) == 1 and owner[0].is_upper
                           and len(owner[0]) > 1 and owner[0].is_alpha):
            entity_span(ms, Span(ms.doc, start, first, label="ORG"))  # 'USAID' of 'USAID Administrator X'
        return  # 'National Security Advisor Jake Sullivan': a title, read by the posts
    if ent.label_ == "ORG" and not key and (split := possessive_split(ms, start, end)) is not None:
        entity_span(ms, Span(ms.doc, start, split, label="ORG"))  # "the Treasury Department's | Office of ..."
        entity_span(ms, Span(ms.doc, split + 1, end, label="ORG"))
        owner, body = ms.at(start), ms.at(split + 1)
        if owner is not None and body is not None and body.entity is not owner.entity:
            body.owner = ms.intern(owner.entity)
        return
    owner = None
    if ent.label_ == "ORG" and not key:
        end, state_at = name_end(ms.doc, end, ms.lex)  # 'the Ministry of Foreign Affairs of' + 'China'
        owner = ms.resolve(ms.doc[state_at:end].text, "GPE") if state_at is not None else None
        owner = owner if owner is not None and owner.kind == "State" else None
    if start >= end:
        return
    span = ms.doc[start:end]
    text = span.text
    if not key and ms.heading_only(start, end, _clean(text)):
        return  # 'Readout of the Vice President's Meetings and Engagements': a heading's capitals
    if end - start == 1 and language(ms, ms.doc[start]) or not key and gang_name(ms, start, end):
        return  # 'in French'; 'the Gran Grif gang'
    last_word = ms.doc[end - 1].lower_
    if ent.label_ == "PERSON" and last_word in ms.lex.agreement_heads:
        return  # 'the Abraham Accords' tagged as a person: an agreement, built from noun chunks
    before = ms.doc[start - 1] if start > 0 else None
    if ent.label_ == "PERSON" and before is not None and before.is_lower and not key \
            and before.lower_ in ms.lex.armed_group_words | ms.lex.org_name_heads:
        kind = "ArmedGroup" if before.lower_ in ms.lex.armed_group_words else ms.org_kind(_clean(text))
        ms.add(start, end, Entity(kind, _clean(text)), "ner")  # 'militia group Kata’ib Hizballah'
        return
    if ent.label_ == "PERSON" and last_word in ms.lex.armed_group_words | ms.lex.org_name_heads:
        ent = Span(ms.doc, start, end, label="ORG")  # 'Artsakh Defence Army' tagged as a person
    elif (ent.label_ == "ORG" or ent.label_ in ("GPE", "LOC") and before is not None and before.is_title
          and _title(ms.lex, before)) and not key and (first := titled_person(ms, start, end)) is not None:
        start = first  # 'its Ambassador to Addis Abeba, Abdullahi Warfa' (ORG), 'President Thabo Mbeki' (GPE)
        ent = Span(ms.doc, start, end, label="PERSON")
        span, text = ms.doc[start:end], ms.doc[start:end].text
    while end - start > 1 and ms.doc[start].lower_ in ms.lex.descriptive_modifiers:
        start += 1  # 'the Marxist Revolutionary Armed Forces of Colombia': the name follows
    span = ms.doc[start:end]
    text = span.text
    if ent.label_ == "ORG" and not key and end - start > 2 and ms.doc[start].lower_ == "governments" \
            and ms.doc[start + 1].lower_ == "of":  # 'the Governments of the Federal Republic of Yugoslavia
        first = start + 2 + (ms.doc[start + 2].lower_ == "the")  # and the Republic of Serbia': the states
        if first < end:
            entity_span(ms, Span(ms.doc, first, end, label="GPE"))
        return
    if ent.label_ == "PERSON":
        end = verb_free_end(ms.doc, start, end)
        if end - start >= 3 and ms.doc[start].lower_ in ms.lex.portfolio_words and start > 0 \
                and ms.doc[start - 1].is_title:
            start += 1  # '... for Common Foreign and Security Policy' + 'Javier Solana'
        while start < end - 1 and ms.doc[start].lower_ in ms.lex.honorifics | ms.lex.titles | ms.lex.forms_of_address \
                | ms.lex.military_ranks and ms.doc[start].lower_ not in ms.lex.name_honorifics:  # '(Lt. Senior) Grade'
            start += 1
        if start > 0 and ms.doc[start - 1].lower_ in ms.lex.name_honorifics and ms.doc[start - 1].is_title \
                and not ms.doc[start - 1].ent_type_:
            start -= 1  # 'Sheikh' + 'Hamad bin Khalifa Al Thani': the honorific is part of the name
        if ms.doc[start].lower_ in ms.lex.forms_of_address:
            return  # 'His Majesty' tagged as a person: a form of address, the name follows it
        name = _clean(ms.doc[start:end].text)
        entry = ms.gaz.lookup(name, {"Official"})
        if entry is None and key and (part := ms.gaz.get(key)) is not None and part.kind == "Official":
            entry = part  # 'Recep Tayyip' + the gazetteer's 'Erdogan'
        if entry is None and ms.gaz.demonym(name) is not None:  # 'Azerbaijani' tagged as a person
            e = ms.gaz.demonym(name).entity()
        elif entry is None and (place_name(ms, start, end) or division_name(ms, start, end)):  # 'Lake Prespa'
            e = Entity("Place", name)
        elif entry is None and norm(name) in ms.places.countries:  # 'Kyiv' tagged as a person
            e = ms.resolve(name, "GPE")
        else:
            e = entry.entity() if entry else Entity("Official", name)
        if e is not None:  # a monarch is also named with the royal title: 'King Salman'
            royal = e.kind == "Official" and start > 0 and ms.doc[start - 1].lower_ in ms.lex.royal_titles
            ms.add(start, end, e, "ner", ms.doc[start - 1:end].text if royal else None)
        return
    if not key and ms.doc[end - 1].lower_ in ms.lex.agreement_heads \
            and ms.doc[start].lower_ not in ms.lex.government_words:
        return  # agreements are built from noun chunks (nlp.agreements)
    if key and ms.at(start) is None:  # not the last word of a name already read ('... Affairs' + 'Commission')
        longer = longer_name(ms, start, end)
        if longer is not None and _state_then_person(ms, start, end, *longer):
            ms.add(end, longer[1], Entity("Official", _clean(ms.doc[end:longer[1]].text)), "titled-name")
            longer = None  # 'Foreign Minister of Russia | Sergey Lavrov': the state, then its minister
        if longer is not None:  # 'Kataib Hezbollah' is not Hezbollah: no gazetteer link
            first, last, kind = longer
            ms.release(first, last, whole=True)  # the parts the NER saw on their own ('Kataib', 'Thai National')
            ms.add(first, last, Entity(kind, _clean(ms.doc[first:last].text)), "ner")
            return
    e = ms.resolve(text, ent.label_, key)
    if e is not None and not key and e.kind in ("Organization", "ArmedGroup") and place_name(ms, start, end):
        e = Entity("Place", e.label)  # 'Latin America' tagged as an organisation
    m = ms.add(start, end, e, "ruler" if key else "ner") if e is not None else None
    if m is not None and owner is not None and ms.doc[start].lower_ in ms.lex.state_body_words:
        m.owner = ms.intern(owner)  # the body of the state its name ends with


def _two_surnames(ms: Mentions, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'Kabba and Sankoh': a name of two capitalised words joined by 'and', one of them the last word
    of a person's name the article gave before, and neither a word of an organisation's name."""
    doc = ms.doc
    if end - start != 3 or doc[start + 1].lower_ != "and" or not all(
            doc[i].is_title and doc[i].is_alpha and not is_name_word(ms.lex, doc[i].lower_) for i in (start, end - 1)):
        return None
    last_words = {e.label.split()[-1] for e in ms.registry.values() if e.kind in ("Official", "Organization")
                  and " " in e.label}
    return ((start, start + 1), (end - 1, end)) if {doc[start].text, doc[end - 1].text} & last_words else None


def _title_begins(ms: Mentions, i: int, end: int) -> bool:
    """A title of several words begins at token i and runs on past `end`: 'Press Secretary'."""
    words = [t.lower_ for t in ms.doc[i:i + 4]]
    return any(k > end - i and " ".join(words[:k]) in ms.lex.titles for k in range(2, len(words) + 1))


def titled_person(ms: Mentions, start: int, end: int) -> int | None:
    """Where a person's name begins when the NER typed it as an organisation but a title stands
    next to it: 'President of Chad, Idriss Déby Itno' (the NER: ORG 'Déby Itno'), 'X, Executive
    Director of Y'; None when the span is no such name."""
    doc, lex = ms.doc, ms.lex
    first = start
    if first > 0 and doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN" and not doc[first - 1].ent_type_ \
            and not is_name_word(lex, doc[first - 1].lower_) and not doc[first].is_sent_start:
        first -= 1  # the given name the NER left out
    toks = doc[first:end]
    words = [t for t in toks if t.text not in HYPHENS]  # 'Nana Akufo-Addo'
    fewest = 1 if first == start > 0 and _title(lex, doc[first - 1]) and doc[first - 1].is_title \
        and doc[start].ent_type_ in ("GPE", "LOC") else 2  # 'President Vučić' (GPE): a surname after a title
    if not fewest <= len(words) <= 4 or not all(t.is_title and not is_name_word(lex, t.lower_) for t in words):
        return None
    if ms.gaz.lookup(toks.text) is not None or norm(toks.text) in ms.places.countries:
        return None
    if first > toks.sent.start and doc[first - 1].text == "," and _title_phrase_ends(ms, first - 1):
        return first
    if first > toks.sent.start and _title(lex, doc[first - 1]) and (
            doc[first - 1].is_title or first >= 2 and (ms.at(first - 2) is not None or doc[first - 2].pos_ == "PROPN"
                                                       and doc[first - 2].text[:1].isupper())):
        return first  # 'President X'; 'FNL spokesman Pasteur Habimana' (a lower-case title after its actor)
    after = doc[end:min(end + 4, toks.sent.end)]
    if len(after) >= 2 and after[0].text == "," and any(_title(lex, t) for t in after[1:]):
        return first
    return None


def _title_phrase_ends(ms: Mentions, comma: int) -> bool:
    """A capitalised title phrase ends at the comma: 'President of Chad,', 'its Ambassador to Addis Abeba,';
    or a title word right before it: 'the RUF leader, Foday Sankoh'."""
    doc, lex = ms.doc, ms.lex
    k = comma
    while k > max(doc[comma].sent.start, comma - 8):
        t = doc[k - 1]
        if _title(lex, t) and (t.is_title or k == comma and t.pos_ == "NOUN"):
            return True
        if not (t.is_title or t.lower_ in ("of", "to", "for", "the")):
            return False
        k -= 1
    return False


def _title(lex, tok: Token) -> bool:
    return tok.lower_ in lex.titles or tok.lower_ in lex.title_head_words


def _state_then_person(ms: Mentions, start: int, end: int, first: int, last: int, kind: str) -> bool:
    """A state's or organisation's name the longer name only runs on from, after a title's 'of' or
    'to' ('the'), into two or three proper nouns that name no organisation: a person after the title
    ('Minister of Russia Sergey Lavrov', 'Ambassador to the United Nations Samantha Power')."""
    doc, lex = ms.doc, ms.lex
    entry = ms.gaz.lookup(doc[start:end].text, {"State", "Organization"})
    at = start - 1 - (start > 0 and doc[start - 1].lower_ == "the")  # the 'of' / 'to' before the name
    return entry is not None and first == start and kind == "Organization" and 2 <= last - end <= 3 \
        and at >= 1 and doc[at].lower_ in ("of", "to") and _title(lex, doc[at - 1]) \
        and (entry.kind == "State" or doc[at].lower_ == "to") \
        and not any(is_name_word(lex, t.lower_) or t.lower_ in lex.org_name_heads | lex.state_body_words
                    for t in doc[end:last])  # not '... of U.S. Pacific Command', '... Security Council'


def longer_name(ms: Mentions, start: int, end: int) -> tuple[int, int, str] | None:
    """A gazetteer name inside a longer proper name ('Kataib Hezbollah', 'Israel Defense
    Forces', 'Gaza City'): the bounds and kind of the longer name, else None."""
    doc, lex = ms.doc, ms.lex

    def part_of_name(tok: Token) -> bool:
        low = tok.lower_
        return (tok.pos_ == "PROPN" and tok.is_title and not tok.ent_id_
                and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON")  # 'Norway | Jonas Store'
                and low not in lex.titles and low not in lex.title_modifiers and low not in lex.title_head_words
                and low not in lex.honorifics and low not in lex.descriptive_modifiers
                and ms.gaz.demonym(tok.text) is None and not said_of_a_name(lex, low))

    first, last = start, end
    while first > 0 and not doc[first].is_sent_start and first - 1 not in ms.labels and not (  # not a label,
            doc[first - 1].is_sent_start and doc[first - 1].lower_.endswith(("ing", "ed"))) and (
            part_of_name(doc[first - 1]) or first == start >= 2 and doc[first - 1].text == "and"
            and part_of_name(doc[first - 2]) and doc[end - 1].lower_ in lex.org_name_heads
            and doc[first - 2].lower_ not in lex.armed_group_words | lex.org_name_heads | lex.state_body_words):
        first -= 1  # 'Peace and | Security Council' (but 'Army and | Wagner Group' are two names; nor 'Neighboring')
    while last < len(doc) and part_of_name(doc[last]):
        last += 1
    if (first, last) == (start, end):
        return None
    if doc[last - 1].lower_ in lex.armed_group_words | lex.org_name_heads:
        last = name_tail(ms.doc, doc[last - 1])  # 'United Nations Mission in South Sudan'
    for i in range(end, last):  # never cut another name in two: stop where it begins
        if doc[i].lower_ in lex.titles | lex.title_head_words | lex.title_modifiers and doc[i - 1].is_title \
                or ms.at(i) is not None:  # 'National Security Council' + 'Senior Director ...': a title; or
            last = i  # '... Organisation and' + 'the Jordanian government': a name an earlier pass read
            break
        if doc[i].ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j > last:
                last = i
                break
    while last > end and doc[last - 1].lower_ in ("of", "the", "for", "in", "and", "on"):
        last -= 1
    entry = ms.gaz.lookup(doc[start:end].text)
    label = doc[first:last].text
    if ms.heading_only(first, last, label):
        return None  # 'The United States Hosts Signing of ...': the headline capitalises every word
    head = doc[last - 1].lower_  # 'Kurdistan Regional Government' is no place, whatever 'Kurdistan' is
    named_by_head = head in lex.government_words | lex.org_name_heads | lex.armed_group_words | lex.state_body_words
    place = entry is not None and entry.kind == "Place" or norm(label) in ms.places.countries \
        or place_name(ms, first, last)  # 'Mexico City', 'Latin America'
    kind = "Place" if place and not named_by_head else ms.org_kind(label)
    return first, last, kind


def led_groups(ms: Mentions) -> None:
    """'the Saudi-led Coalition': a group named by who leads it."""
    doc = ms.doc
    for tok in doc:
        if tok.lower_ != "led" or tok.i < 2 or doc[tok.i - 1].text not in ("-", "‑") or ms.at(tok.i - 2) is None:
            continue
        j = tok.i + 1
        while j < len(doc) and j < tok.i + 4 and ms.at(j) is None and (
                doc[j].is_title or doc[j].lower_ in ms.lex.armed_group_words  # 'Saudi-led coalition'
                or doc[j].lower_ in ms.lex.descriptive_group_heads):  # 'the Hezbollah-led opposition'
            j += 1
        if j > tok.i + 1:
            label = _clean(doc[ms.at(tok.i - 2).start:j].text)
            ms.add(tok.i + 1, j, Entity(ms.org_kind(label), label), "led-group", surface=label)


def org_units(ms: Mentions) -> None:
    """'the UN country team', 'the Russian peacekeeping contingent': a unit named after its owner."""
    for chunk in noun_chunks(ms.doc):
        root = chunk.root
        if root.lower_ not in ms.lex.org_unit_heads or ms.at(root.i) is not None:
            continue
        toks = [t for t in chunk if t.i <= root.i and t.pos_ not in ("DET",) and t.dep_ != "poss"]
        owner = next((ms.at(t.i) for t in toks if ms.at(t.i) is not None), None)
        if owner is None or owner.kind not in ("Organization", "State") or any(t.text in "-‑" for t in toks):
            continue
        first = min(owner.start, toks[0].i)
        label = _clean(ms.doc[first:root.i + 1].text)
        ms.release(first, root.i + 1)
        ms.add(first, root.i + 1, Entity(ms.org_kind(label), label), "unit")


def cities(ms: Mentions) -> None:
    """Proper nouns the NER missed that name a city ('strikes on Kharkiv'); never a
    sentence's first word, where capitalised common words ('Split') would match."""
    doc = ms.doc
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.is_sent_start or tok.ent_type_ or ms.at(tok.i) is not None:
            continue
        for n in (3, 2, 1):
            span = doc[tok.i:tok.i + n]
            if len(span) == n and all(t.pos_ == "PROPN" for t in span) and norm(span.text) in ms.places.countries:
                e = ms.resolve(span.text, "GPE")
                if e is not None:
                    ms.add(tok.i, tok.i + n, e, "city")
                break


def demonyms(ms: Mentions) -> None:
    """Nationality adjectives the NER missed ('Turkish drones', 'Sri Lankan President X') name their state."""
    doc = ms.doc
    for tok in doc:
        if ms.at(tok.i) is None and tok.is_title and tok.pos_ in ("ADJ", "PROPN") and not language(ms, tok):
            two = doc[tok.i:tok.i + 2] if tok.i + 1 < len(doc) and doc[tok.i + 1].is_title \
                and ms.at(tok.i + 1) is None and tok.whitespace_ else None
            entry = ms.gaz.demonym(two.text) if two is not None else None
            if entry is not None:
                ms.add(tok.i, tok.i + 2, entry.entity(), "demonym")
            elif (entry := ms.gaz.demonym(tok.text)) is not None:
                ms.add(tok.i, tok.i + 1, entry.entity(), "demonym")
