"""Mention passes that resolve references to entities named elsewhere in the article:
acronyms defined in brackets, surnames, capitals used as actors, 'that country', 'he', 'the
coalition', 'the Yemeni capital'."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Entity
from .gazetteer import norm
from .mentions import ACRONYM, Mentions
from .spans import clean as _clean

BRACKETS = {"(": ")", "[": "]"}
DASHES = ("-", "–", "‑")
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
NUMBERED = re.compile(r"^[A-Z]{1,4}-\d{1,3}$")  # 'M-19'


def acronyms(ms: Mentions) -> None:
    """'Full Name (ACR)' or 'Full Name [ACR]': ACR names the same entity everywhere in the
    article, even where the gazetteer knows another entity by those letters (the article's own
    definition wins). When the NER cut the full name ('National Union for the Total Independence
    of' + 'Angola' before '(UNITA)'), the name is first rebuilt from the capitalised run that
    ends at the bracket, so the acronym does not bind to the last fragment."""
    doc = ms.doc
    for tok in doc:
        i = tok.i
        last = _bracketed_acronym(doc, i)
        spelled = last is None and (last := _comma_acronym(ms, i)) is not None
        if last is None:
            continue
        acr = doc[i + 1:last].text
        m = _defined_name(ms, i, acr)
        if m is None or spelled and not _spells(acr, m.entity.label):
            continue
        ms.local[norm(acr)] = m.entity
        current = ms.at(i + 1)
        if current is None or current.source != "ruler" or _letters_fit(acr, m.entity.label):
            ms.release(i + 1, last)
            ms.add(i + 1, last, m.entity, "acronym")
    for tok in doc:
        if ms.at(tok.i) is None and norm(tok.text) in ms.local and tok.text.isupper():
            ms.add(tok.i, tok.i + 1, ms.local[norm(tok.text)], "acronym")
    for m in ms.all():  # 'the PLO' the NER found before the acronym was defined; 'RSF' the gazetteer knew
        surface = doc[m.start:m.end].text
        target = ms.local.get(norm(m.entity.label)) if m.source == "ner" and m.entity.label.isupper() \
            else ms.local.get(norm(surface)) if m.source == "ruler" and surface.isupper() else None
        if target is not None and target is not m.entity and _letters_fit(surface, target.label):
            if m.source == "ner":
                ms.registry.pop(m.entity.ident, None)
            target.aliases.add(surface)
            m.entity = target
    undefined_acronyms(ms)


def bracketed_names(ms: Mentions) -> None:
    """'the Democratic Republic of Vietnam (North Vietnam)': a name in brackets right after a
    state's names the same state, there and wherever the article uses it again."""
    doc = ms.doc
    for tok in doc:
        state = ms.at(tok.i - 1) if tok.text == "(" and tok.i else None
        inner = ms.at(tok.i + 1) if state is not None and tok.i + 1 < len(doc) else None
        if inner is None or state.kind != "State" or inner.start != tok.i + 1 or inner.end >= len(doc) \
                or doc[inner.end].text != ")" or inner.entity is state.entity or inner.entity.qid \
                or inner.kind not in ("State", "Place", "Organization") or doc[inner.start:inner.end].text.isupper():
            continue
        other = inner.entity
        ms.merge(other, state.entity)
        ms.local[norm(other.label)] = state.entity
        state.entity.aliases.add(doc[inner.start:inner.end].text)


def _bracketed_acronym(doc, i: int) -> int | None:
    """End of the acronym a bracket at token i opens: '(UNITA)', '(M-19)', or one the tokenizer
    split at its dash, first of several ('Islamic State – Khorasan Province (IS–KP or ISIS-K)')."""
    tok = doc[i]
    if tok.text not in BRACKETS or i + 2 >= len(doc):
        return None
    if doc[i + 2].text == BRACKETS[tok.text] and (ACRONYM.match(doc[i + 1].text) or NUMBERED.match(doc[i + 1].text)):
        return i + 2
    if i + 4 < len(doc) and doc[i + 2].text in DASHES and not doc[i + 1].whitespace_ \
            and not doc[i + 2].whitespace_ and all(doc[j].is_upper and doc[j].is_alpha for j in (i + 1, i + 3)) \
            and (doc[i + 4].text == BRACKETS[tok.text] or doc[i + 4].lower_ in ("or", ",", ";")):
        return i + 4
    return None


def _comma_acronym(ms: Mentions, i: int) -> int | None:
    """End of an acronym set off by commas after the name it spells: 'the group, Liberians United
    for Reconciliation and Democracy, LURD, said' (the capitalised words before the comma give
    its letters exactly, so a list 'Kenya, UK,' is no definition)."""
    doc, lex = ms.doc, ms.lex
    if doc[i].text != "," or i + 2 >= len(doc) or not ACRONYM.match(doc[i + 1].text) or not doc[i + 1].is_upper \
            or doc[i + 2].text not in (",", ".", ";", ")") or doc[i + 1].is_sent_start:
        return None
    first = i
    while first > 0 and not doc[first].is_sent_start and (
            doc[first - 1].is_title and doc[first - 1].is_alpha or doc[first - 1].lower_ in lex.name_joiners):
        first -= 1
    return i + 2 if _spells(doc[i + 1].text, doc[first:i].text) else None


def _spells(acronym: str, name: str) -> bool:
    """The acronym is the initials of the name's capitalised words, exactly ('LURD')."""
    initials = [w[0] for w in re.split(r"[\s\-–]+", name) if w and w[0].isupper()]
    return len(initials) >= 2 and "".join(initials) == "".join(c for c in acronym if c.isalpha())


def undefined_acronyms(ms: Mentions) -> None:
    """An acronym the article never defines ('the MILF', 'the TFG') stands for the one name of the
    article whose capitalised words it spells exactly ('Moro Islamic Liberation Front')."""
    doc = ms.doc
    names: dict[str, set[int]] = {}
    entities = {}
    for e in ms.registry.values():
        words = [w for w in re.split(r"[\s\-–]+", e.label) if w]
        if e.kind in ("Organization", "ArmedGroup", "Government") and len(words) >= 2:
            initials = "".join(w[0] for w in words if w[0].isupper())
            names.setdefault(initials, set()).add(id(e))
            entities[id(e)] = e
    for tok in doc:
        found = names.get(tok.text, set()) if tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6 else set()
        m = ms.at(tok.i)
        if len(found) != 1 or m is not None and (m.source != "ner" or m.entity.label != tok.text):
            continue
        target = entities[next(iter(found))]
        if m is not None:  # the NER's own 'MILF': one entity with the full name
            ms.registry.pop(m.entity.ident, None)
            for other in ms.all():
                if other.entity is m.entity:
                    other.entity = target
            target.aliases.add(tok.text)
        else:
            ms.add(tok.i, tok.i + 1, target, "acronym")


def _defined_name(ms: Mentions, bracket: int, acr: str):
    """The mention the acronym in brackets at `bracket` defines: the mention ending there, or
    the longer capitalised name running up to the bracket that the NER cut in pieces."""
    doc, lex = ms.doc, ms.lex
    before = ms.at(bracket - 1)
    first = bracket
    while first > 0 and not doc[first].is_sent_start:
        t, left = doc[first - 1], doc[first - 2] if first >= 2 else None
        if t.lower_ == "the" and left is not None and left.lower_ in ("and", "or", ","):
            break  # 'the Government of Sri Lanka and the Liberation Tigers (LTTE)': two names
        if t.is_title and t.is_alpha and (not t.is_sent_start or t.pos_ == "PROPN") \
                or ORDINAL.match(t.text) or t.lower_ in lex.name_joiners and t.is_lower \
                or t.text in DASHES and t.whitespace_ and any(c in DASHES for c in acr) \
                and left is not None and left.is_title and first < bracket:
            first -= 1  # 'Islamic State – Khorasan Province (IS–KP)': a dashed acronym, a dashed name
            continue
        break
    while first < bracket and (doc[first].is_lower and not ORDINAL.match(doc[first].text)
                               or doc[first].lower_ in ("the", *lex.descriptive_modifiers)):
        first += 1  # 'of', 'the', 'Marxist' do not open a name ('19th of April Movement' does)
    titled, titles = first, 0
    for k in (4, 3):  # 'the Chief of Staff of' + 'the Eritrean Defense Forces (EDF)'
        if " ".join(t.lower_ for t in doc[first:first + k]) in lex.titles and first + k < bracket:
            titled, titles = first + k, 1
            break
    while titled < bracket and (doc[titled].lower_ in lex.titles or doc[titled].lower_ in lex.title_modifiers
                                or titles and doc[titled].lower_ == "and"
                                or not titles and (q := ms.at(titled)) is not None and q.kind == "State"):
        titles += doc[titled].lower_ in lex.titles
        titled += 1  # '(Senegalese) President and Chairman of' + 'the Economic Community of ... (ECOWAS)'
    if titles and titled < bracket and doc[titled].lower_ == "of":
        first = titled + 1 + (titled + 1 < bracket and doc[titled + 1].lower_ == "the")
    words = [t for t in doc[first:bracket] if not t.is_lower or ORDINAL.match(t.text)]
    owner = _possessive_owner(ms, first) if doc[bracket - 1].lower_ in lex.state_body_words | lex.org_name_heads \
        or any(t.lower_ in lex.state_body_words for t in doc[first:bracket]) else None
    if before is not None and before.start <= first and owner is None:
        return before
    label = _clean(doc[first:bracket].text)
    if any(t.lower_ in lex.agreement_heads or t.lower_ in lex.conflict_heads for t in doc[first:bracket]) \
            and len(words) >= 2 and _letters_fit(acr, label):
        return None  # 'the Comprehensive Agreement on Bangsamoro (CAB)': an agreement's, never its last word's
    if len(words) < 2 or words[0].text[0] != acr[0] and not _letters_fit(acr, label) or any(
            t.lower_ in lex.agreement_heads or t.lower_ in lex.conflict_heads for t in doc[first:bracket]):
        return before  # agreements and conflicts are built later, from their noun chunks
    low = owner[0] if owner is not None else first
    inner = {id(m): m for m in (ms.at(j) for j in range(low, bracket)) if m is not None}
    if any(m.start < low or m.kind == "Official" for m in inner.values()):
        return before
    entry = ms.gaz.lookup(label)
    ms.release(low, bracket)
    for m in inner.values():
        if not any(o.entity is m.entity for o in ms.all()):
            ms.registry.pop(m.entity.ident, None)
    body = ms.add(first, bracket, entry.entity() if entry else Entity(ms.org_kind(label), label), "acronym-name")
    if owner is not None and body is not None:  # "the U.S. Department of the Treasury's Office of ... (OFAC)"
        start, end, parent = owner
        ms.add(start, end, parent, "acronym-name")
        body.owner = ms.intern(parent)
    return body


def _possessive_owner(ms: Mentions, first: int) -> tuple[int, int, Entity] | None:
    """The organisation whose body the name at `first` is, when a possessive joins them: 'the
    U.S. Department of the Treasury's | Office of Foreign Assets Control' (bounds and entity)."""
    doc, lex = ms.doc, ms.lex
    if first < 2 or doc[first - 1].text not in ("'s", "’s"):
        return None
    end = first - 1
    start = end
    while start > 0 and not doc[start].is_sent_start and (doc[start - 1].is_title or doc[start - 1].is_lower
                                                          and doc[start - 1].lower_ in ("of", "the", "for", "and")):
        start -= 1
    while start < end and doc[start].is_lower:
        start += 1
    label = _clean(doc[start:end].text)
    words = label.lower().split()
    if len(words) < 2 or not set(words) & (lex.state_body_words | lex.org_name_heads):
        return None  # "Russia's Foreign Ministry" is the state's (nlp.bodies), not an organisation's
    entry = ms.gaz.lookup(label)
    return start, end, entry.entity() if entry else Entity("Organization", label)



def surnames(ms: Mentions) -> None:
    """A short form of a person's name is the article's one full name it fits: a surname
    ('Kibaki' -> Mwai Kibaki), else a given name ('Prime Minister Hamza' -> Hamza Abdi Barre), or
    the first or last words of it ('Hassan Sheikh'). The NER often types a lone surname as a
    place or an organisation ('talks with Odinga and Kibaki'): those are resolved too, unless the
    gazetteer knows the name."""
    officials = {id(m.entity): m.entity for m in ms.all() if m.kind == "Official" and len(m.entity.label.split()) > 1}
    by_last, by_first = _name_index(officials.values(), -1), _name_index(officials.values(), 0)
    for m in ms.all():
        if m.kind not in ("Official", "Place", "Organization") or m.entity.qid or m.source == "ruler":
            continue
        if m.kind != "Official" and (m.end - m.start != 1 or not ms.doc[m.start].is_title):
            continue
        target = _full_name(m.entity.label, officials, by_last, by_first, m.kind == "Official")
        if target is not None and target is not m.entity:
            target.aliases.add(m.entity.label)
            ms.registry.pop(m.entity.ident, None)
            for other in ms.all():
                if other.entity is m.entity:
                    other.entity = target
    for tok in ms.doc:  # surnames the NER missed ("Bogdanov and Samsar")
        ids = by_last.get(tok.lower_, set())
        if ms.at(tok.i) is None and tok.is_title and len(ids) == 1:
            ms.add(tok.i, tok.i + 1, officials[next(iter(ids))], "surname")


def _name_index(officials, position: int) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for e in officials:
        out.setdefault(e.label.split()[position].lower(), set()).add(id(e))
    return out


def _full_name(label: str, officials: dict, by_last: dict, by_first: dict, person: bool):
    """The one longer name of the article that `label` is a short form of, or None."""
    words = label.lower().split()
    if len(words) == 1:
        ids = by_last.get(words[0], set())
        if not ids and person:
            ids = by_first.get(words[0], set())
        return officials[next(iter(ids))] if len(ids) == 1 else None
    if not person:
        return None
    fits = [e for e in officials.values() if len(e.label.split()) > len(words)
            and (e.label.lower().split()[:len(words)] == words or e.label.lower().split()[-len(words):] == words
                 and e.label.lower().split()[-len(words) - 1] not in ("bin", "bint", "ibn", "ben"))]
    # ('Hamad bin Isa Al Khalifa' is the father in 'Salman bin Hamad bin Isa Al Khalifa', not his short name)
    return fits[0] if len(fits) == 1 else None



def metonyms(ms: Mentions) -> None:
    """A capital or a seat of government used as an actor stands for its state: 'Moscow said',
    "Ankara's forces", 'Kyiv-backed', 'backed by Tehran', 'talks with Washington', "the
    Kremlin's aggression". As a place ('talks in Moscow') it stays a place."""
    lex = ms.lex
    for m in ms.all():
        if m.kind != "Place":
            continue
        state = ms.seat_state(ms.doc[m.start:m.end].text)
        if state is None:
            continue
        root = ms.doc[m.end - 1]
        nxt = ms.doc[m.end: m.end + 2]
        acting = (root.dep_ in ("nsubj", "nsubjpass", "poss")
                  or root.dep_ == "pobj" and root.head.dep_ == "agent"
                  or root.dep_ == "pobj" and root.head.lower_ in ("with", "between")
                  and bool({root.head.head.lower_, root.head.head.lemma_.lower()}
                           & (lex.meet_nouns | lex.talks_nouns | lex.meet_verbs))
                  or len(nxt) == 2 and nxt[0].text in ("-", "‑") and nxt[1].tag_ == "VBN"
                  and nxt[1].lower_ not in lex.base_words)
        dateline = ms.doc[m.start].is_sent_start and len(nxt) and nxt[0].text in (",", "—", "–", "-")
        if acting and not dateline:
            ms.release(m.start, m.end)
            ms.add(m.start, m.end, state.entity(), "metonym", surface="")



def anaphora(ms: Mentions) -> None:
    """'that country' -> the state named last; 'He' as a subject -> the official named last;
    'government forces' -> the article's one government's forces; 'the coalition' -> its one coalition."""
    doc = ms.doc
    for tok in doc:
        if ms.at(tok.i) is not None:
            continue
        if tok.lower_ == "country" and tok.i and doc[tok.i - 1].lower_ in ("that", "this", "the"):
            prev = ms.last(tok.i - 1, {"State"}, 80)
            if prev is not None:
                ms.add(tok.i - 1, tok.i + 1, prev, "anaphora", surface="")
        elif tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass"):
            prev = ms.last(tok.i, {"Official"}, 60)
            if prev is not None:
                ms.add(tok.i, tok.i + 1, prev, "anaphora", surface="")
        elif tok.lower_ == "capital" and tok.i and (state := ms.state_of(doc[tok.i - 1])) is not None:
            name = ms.capital(state)  # 'the Yemeni capital' -> Sanaa
            e = ms.resolve(name, "GPE") if name else None
            if e is not None and ms.at(tok.i - 1) is not None:
                ms.by_token[tok.i - 1] = None
                ms.add(tok.i - 1, tok.i + 1, e, "anaphora", surface="")
        elif tok.lower_ == "government" and (end := _forces_end(ms, tok.i + 1)) is not None:
            groups = {id(e): e for e in ms.registry.values() if e.kind == "ArmedGroup"
                      and " government " in f" {e.label.lower()} " and e.label.lower().endswith(doc[end - 1].lower_)}
            if len(groups) == 1:  # 'government forces' -> the one 'Angolan government forces' the article names
                ms.add(tok.i, end, next(iter(groups.values())), "anaphora", surface="")
        elif tok.lower_ in ms.lex.group_anaphors and tok.dep_ != "compound" \
                and (start := _definite_start(ms, tok.i)) is not None \
                and (prev := _last_nonstate_group(ms, start)) is not None:
            ms.add(start, tok.i + 1, prev, "anaphora", surface="")  # 'the militant group', 'the rebels'
        elif tok.dep_ != "compound" and tok.i and doc[tok.i - 1].lower_ == "the" \
                and not any(c.dep_ in ("prep", "amod") and c.i > tok.i and c.lower_ in ("of", "from", "loyal")
                            for c in tok.children):  # not 'the forces of X', whoever else has forces
            heads = {id(e): e for e in ms.registry.values()
                     if e.kind in ("ArmedGroup", "Organization", "Government")
                     and (e.label.lower().split()[-1] == tok.lower_
                          or tok.lower_ in ms.lex.government_heads and e.kind == "Government")}
            if len(heads) == 1:  # 'the coalition' -> the one coalition the article names
                ms.add(tok.i, tok.i + 1, next(iter(heads.values())), "anaphora", surface="")



def _definite_start(ms: Mentions, i: int) -> int | None:
    """'the group', 'the militant group', 'the Islamist rebels': where the definite phrase ending at
    token i starts (None when it is not one, or names whose group it is: 'the group of X', 'the rebels' leader')."""
    doc = ms.doc
    if i + 1 < len(doc) and doc[i + 1].lower_ in ("of", "'s", "'", "’s", "’") or ms.at(i - 1) is not None:
        return None
    j = i - 1
    if j >= 0 and doc[j].lower_ in ms.lex.group_descriptors:
        j -= 1
    return j if j >= 0 and doc[j].lower_ == "the" else None


def _last_nonstate_group(ms: Mentions, before: int, window: int = 120) -> Entity | None:
    """The armed group, no state's forces ('Kenyan forces'), named in the `window` tokens before
    token `before` that the article has named most often so far (the nearest of equals): 'the
    militant group' after 'al-Shabab, which is allied with al-Qaida' is still al-Shabab."""
    seen: dict[str, tuple[int, int, Entity]] = {}  # label -> (mentions so far, last position, entity)
    for i in range(before):
        m = ms.at(i)
        if m is not None and m.start == i and m.kind == "ArmedGroup" and m.source != "forces" and m.owner is None:
            key = m.entity.label.lower()
            seen[key] = (seen.get(key, (0, 0, m.entity))[0] + 1, i, m.entity)
    near = [v for v in seen.values() if v[1] >= before - window]
    return max(near, key=lambda v: (v[0], v[1]))[2] if near else None


def _forces_end(ms: Mentions, i: int) -> int | None:
    """The end of 'forces' or 'security forces' at token i, if either is there and unread."""
    doc, lex = ms.doc, ms.lex
    if i < len(doc) and doc[i].lower_ in lex.force_qualifiers and ms.at(i) is None:
        i += 1
    return i + 1 if i < len(doc) and doc[i].lower_ in lex.qualified_force_heads and ms.at(i) is None else None


def _initials_match(acronym: str, name: str) -> bool:
    """'SAA' fits 'Syrian Arab Army'; 'TSK' fits no English name (it is Turkish), so only own NER."""
    initials = [w[0].lower() for w in re.split(r"[\s\-–]+", name) if w]
    letters = [c.lower() for c in acronym if c.isalpha()]
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)


def _letters_fit(acronym: str, name: str) -> bool:
    """The acronym's letters are initials of the name, in order ('SAA', 'Syrian Arab Army') or
    not (the Portuguese 'UNITA' of 'National Union for the Total Independence of Angola'; the
    'RSF' of 'Sudanese Revolutionary Front')."""
    if _initials_match(acronym, name):
        return True
    initials = Counter(w[0].lower() for w in re.split(r"[\s\-–]+", name) if w and w[0].isupper())
    return not Counter(c.lower() for c in acronym if c.isalpha()) - initials
