"""Mention pass for agreements: every noun phrase headed by an agreement word becomes a Record
('the Camp David Accords', 'a two-month truce in Yemen', 'the deal'); `agreement_clusters` decides
which records are one agreement; this module then labels each agreement and records its mentions.

A named agreement keeps its full name ('Comprehensive Peace Accord', 'the Algiers agreement'; a
leading year is only in an alias); an unnamed one is labelled by its kind and the parties or scope
the text gives ('power-sharing agreement', 'two-month truce in Yemen', 'agreement between A and
B'), never by the bare kind when the text says more. Relations ask `about` which agreement a
sentence is about: the one it mentions, else the article's salient agreement."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import Entity, Fact
from .agreement_clusters import Record, cluster
from .agreement_phrases import (
    complement,
    content_words,
    core_start,
    date_key,
    described,
    headline_verb,
    is_name,
    kind,
    paired,
    place_words,
    placed,
    plan,
    record_date,
    strip_front,
    title_cased,
    vague_plural,
)
from .doc_cache import line_bounds, noun_chunks
from .gazetteer import norm
from .infobox import infobox_line
from .mentions import ACRONYM, Mentions
from .spans import clean as _clean
from .spans import name_tail


def agreements(ms: Mentions) -> None:
    """The article's agreements, one entity each, and every mention of them."""
    recs = records(ms)
    groups, salient = cluster(ms, recs)
    entities = [publish(ms, recs, g) for g in groups]
    ms.salient_agreement = entities[salient] if salient is not None else None


def about(ms: Mentions, sent: Span) -> list[Entity]:
    """The agreements a sentence is about: those it mentions, else the article's salient one."""
    found = list({id(m.entity): m.entity for t in sent if (m := ms.at(t.i)) and m.kind == "Agreement"}.values())
    return found or ([ms.salient_agreement] if ms.salient_agreement is not None else [])


def line_of(doc: Doc, i: int) -> Span:
    """The line token i is on, without its line break (the parser may cut a line in sentences)."""
    starts, ends = line_bounds(doc)  # token i's line runs [starts[i], ends[i])
    start, end = starts[i], ends[i]
    while end > start + 1 and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


# -- records -----------------------------------------------------------------------------------

def records(ms: Mentions) -> list[Record]:
    """Every agreement mention, in text order: noun phrases, the NER's agreement names, acronyms."""
    reclaimed = reclaim(ms)
    recs: list[Record] = []
    for chunk in noun_chunks(ms.doc):
        root = chunk.root
        if (root.lower_ in ms.lex.agreement_heads | ms.lex.plan_heads or signed_document(ms, root)) \
                and root.pos_ in ("NOUN", "PROPN"):
            line = infobox_line(ms, line_of(ms.doc, root.i))
            if line is not None and (line[0] not in ms.lex.infobox_alias_labels or root.i < line[1]):
                continue  # 'Type: Peace treaty' says what kind the article's agreement is
            r = record(ms, chunk)
            if r is not None and line is not None:  # 'Long Name: Peace Agreement between ...'
                r.alias_line, r.named = True, True
                r.label = _clean(ms.doc[line[1]:line_of(ms.doc, root.i).end].text)
                r.words = content_words(ms, r.label)
            if r is not None:
                recs.append(r)
    covered = {i for r in recs for i in range(r.start, r.end)}
    for start, end in reclaimed:  # NER names no noun phrase covered ('Memorandum of Understanding')
        if not covered & set(range(start, end)):
            r = record(ms, ms.doc[start:end])
            if r is not None:
                recs.append(r)
    recs.sort(key=lambda r: r.start)
    if not any(r.kind in ms.lex.plan_heads and " " in r.label for r in recs):
        recs = [r for r in recs if r.kind not in ms.lex.plan_heads]  # 'the plan' of an article with no plan's name
    for r in recs:  # 'On 17 October 2023, A and B signed ... two provisional agreements' (parse lost)
        sent = ms.doc[r.root].sent
        keys = {k for ent in ms.dates_in(sent.start, sent.end) if (k := date_key(ent.text))}
        r.sentence_date = keys.pop() if len(keys) == 1 else None
        r.sentence = sent.start
    acronyms(ms, recs)
    return recs


def titled_name_start(root: Token, event: Token) -> int | None:
    """Where a name the NER took as a title starts when it ends in the agreement noun ('a
    “Cessation of Hostilities Agreement”'): the event noun is the name's first word."""
    if not (root.is_title and root.dep_ == "pobj" and root.head.lower_ == "of" and event.is_title):
        return None
    if any(t.is_punct for t in root.doc[event.i:root.i]):
        return None  # 'The Protocol, together with the Arusha Peace Accords': two names
    if event.ent_iob_ == "B" and event.ent_type_ in ("WORK_OF_ART", "LAW") and root.ent_iob_ == "I" \
            and (root.i + 1 == len(root.doc) or root.doc[root.i + 1].ent_iob_ != "I"):
        return event.i
    return None


def signed_document(ms: Mentions, root: Token) -> bool:
    """A joint text that is signed is an agreement ('They signed a joint statement', 'the
    communique signed by A and B'): signing makes its signers parties to it (not a decree)."""
    if root.lower_ in ms.lex.named_act_nouns:  # 'signed the Act of Montevideo', 'the Final Act of the Conference'
        named = any(p.dep_ == "pobj" and p.pos_ == "PROPN" for c in root.children if c.dep_ == "prep"
                    and c.lower_ == "of" for p in c.children)
        if not root.is_title or not named or any(c.lower_ == "into" for c in root.head.children):  # 'into law'
            return False
    elif root.lower_ not in ms.lex.signed_document_nouns:
        return False
    verb = root.head
    return verb.lemma_.lower() in ms.lex.signature_verbs and (
        (root.dep_ == "dobj" and verb.pos_ == "VERB") or (root.dep_ == "nsubjpass") or (
            verb.dep_ == "acl" and verb.head.i == root.i))


def reclaim(ms: Mentions) -> list[tuple[int, int]]:
    """NER spans that are agreements ('Memorandum of Understanding' tagged ORG, 'the Peace
    Agreement' tagged LAW) are taken back, with their acronyms, to be built as agreements."""
    spans, gone, glued, lex = [], set(), set(), ms.lex
    for m in ms.all():
        root = ms.doc[m.start:m.end].root
        if m.source != "ner" or id(m.entity) in gone:
            continue
        if m.kind != "Agreement" and event_of_agreement(ms, m.start, m.end):
            glued.add(id(m.entity))  # 'the Signing of a Declaration of Principles' (LOC): the
            # event noun is no name; the agreement's own noun phrase is read as any other
        elif not (m.kind == "Agreement" or root.lower_ in lex.agreement_heads):
            continue
        elif m.kind != "Agreement" and (root.lower_ in lex.named_only_agreement_heads or group_described(ms, root)):
            continue
        gone.add(id(m.entity))
        ms.registry.pop(m.entity.ident, None)
        for k in [k for k, v in ms.local.items() if v is m.entity]:
            del ms.local[k]
    for m in ms.all():
        if id(m.entity) in gone | glued:
            ms.release(m.start, m.end)
            if m.source == "ner" and id(m.entity) not in glued:
                spans.append((m.start, m.end))
    return spans


def event_of_agreement(ms: Mentions, start: int, end: int) -> bool:
    """A name the NER glued from an event noun and an agreement ('Signing of a Declaration of
    Principles', 'Implementation of the Peace Agreement')."""
    doc, lex = ms.doc, ms.lex
    first = next((t for t in doc[start:end] if t.lower_ not in ("the", "a")), None)
    if first is None or first.lower_ not in lex.event_nouns | lex.signing_nouns:
        return False
    return first.i + 1 < end and doc[first.i + 1].lower_ == "of" and any(
        t.lower_ in lex.agreement_heads for t in doc[first.i + 2:end])


def _participle_phrase_start(ms: Mentions, chunk: Span, first: int) -> int | None:
    """Where the phrase starts when the label left out an actor-hyphen-participle before it
    ('an Egyptian-mediated ceasefire', 'a Gulf Cooperation Council-sponsored agreement')."""
    doc = ms.doc
    lead = chunk.start
    while lead < first and (doc[lead].lower_ in ("a", "an", "the") or doc[lead].dep_ == "poss"):
        lead += 1
    hyphened = any(doc[i].tag_ == "VBN" and doc[i - 1].text in ("-", "‑", "–") and ms.at(i - 2) is not None
                   for i in range(lead + 2, first))
    return lead if lead < first and hyphened else None


def record(ms: Mentions, chunk: Span) -> Record | None:
    """The Record of a noun phrase headed by an agreement word, or None when it is no agreement
    mention ('the Government of National Accord', 'a framework for ...')."""
    doc, lex, root = ms.doc, ms.lex, chunk.root
    m = ms.at(root.i)
    if m is not None and m.kind != "Agreement":
        return None  # the head word is part of another name
    event = root.head.head
    whole = titled_name_start(root, event)
    if whole is None and root.is_title and root.dep_ == "pobj" and root.head.lower_ == "of" and event.is_title \
            and event.lower_ not in lex.agreement_heads and not (
                event.lower_ in lex.signing_nouns and not (event.dep_ == "pobj" and event.head.head.is_title)):
        return None  # 'the Framework for the Conclusion of a Peace Treaty Between ...': part of a longer
        # name; not 'convened the Signing of a Declaration of Principles'

    if group_described(ms, root):
        group(ms, chunk)
        return None
    first = core_start(ms, root, chunk.start)
    toks = doc[first:root.i + 1]
    definite = any(t.lower_ == "the" or t.dep_ == "poss" for t in chunk if t.i < root.i) or (
        first > 0 and doc[first - 1].lower_ == "the")
    demonstrative = any(t.lower_ in ("this", "that", "these", "those") for t in chunk if t.i < root.i)
    year, first = strip_front(ms, first, root)
    if whole is not None:
        first = whole
    if first < root.i and headline_verb(doc[first]):
        first += 1  # 'Welcoming Ceasefire Agreement in Israel and Gaza': the statement's verb
    other = any(t.lower_ in lex.other_agreement_markers for t in doc[first:root.i])
    inner = [ms.at(t.i) for t in doc[first:root.i] if ms.at(t.i) is not None]
    actors = any(x.kind not in ("State", "Place", "Agreement") for x in inner) and not paired(ms, first, root)
    if root.lower_ in lex.plan_heads:
        if not plan(ms, root, first, inner, definite):
            return None
        actors = False  # 'the Annan plan', 'the U.N. plan': whose plan it is, is its name
    title_line = "\n" in ms.text.strip() and root.idx < ms.text.find("\n")
    named = not actors and is_name(ms, doc[first:root.i + 1], root) and not (title_line and title_cased(ms.text))
    end = name_tail(doc, root) if named and root.is_title else root.i + 1
    official = ""
    between = next((t.i for t in doc[root.i + 1:end] if t.text == "between"), None)
    if between is not None:  # 'Declaration of Principles between the Government of A and ...': the
        official, end = _clean(doc[first:end].text), between  # name, then its parties (read as such)
    if not named and root.lower_ in lex.named_only_agreement_heads:
        return None  # 'a framework for ...', 'a negotiated settlement'
    if not named and vague_plural(ms, chunk, definite or demonstrative):
        return None  # 'several agreements in the past', 'has already signed agreements with rebel groups'
    if actors:  # 'the UN-brokered truce': the mention is the words after the actor's name
        first = max(x.end for x in inner if x.kind not in ("State", "Place", "Agreement"))
        while first < root.i and (doc[first].is_punct or doc[first].tag_ == "VBN"):
            first += 1
    label = _clean(doc[first:end].text)
    if not label:
        return None
    r = Record(first, end, root.i, label, named, content_words(ms, label), kind(ms, toks, root),
               root.lower_.endswith("s") or root.tag_ in ("NNS", "NNPS"), definite, demonstrative, other, title_line)
    r.date = r.own_date = record_date(ms, root, year)
    if official:
        r.extra.add(official)
    if (mediated := _participle_phrase_start(ms, chunk, first)) is not None:
        edge = root.right_edge.i + 1  # 'an Egyptian-mediated ceasefire in Gaza': as written
        edge = edge if edge - root.i <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in doc[root.i:edge]) else end
        r.extra.update({_clean(doc[mediated:end].text), _clean(doc[mediated:max(end, edge)].text)})
    if named and year is not None and doc[first - 1].text == str(year):  # 'the 1975 Algiers Agreement'
        r.extra.add(f"{year} {label}")
    r.places = place_words(ms, root)
    r.about = frozenset(t.lemma_.lower() for c in root.children if c.dep_ in ("acl", "relcl") for t in c.subtree
                        if t.pos_ == "NOUN" and t.lower_ not in lex.agreement_heads)
    if root.lower_ in lex.plan_heads and all(x.kind in ("Organization", "State") for x in inner):
        r.words = frozenset()  # 'the U.N. plan' is the article's plan however its author is named
    if not named:
        r.described = described(ms, root, first, end)
        r.placed = placed(ms, root, first, end)
        tail = complement(root)
        if tail > end:  # 'a written agreement for the surrender of Artsakh'
            r.extra.add(_clean(doc[first:tail].text))
    return r


def group_described(ms: Mentions, root: Token) -> bool:
    """'the Permanent Strategic Framework, an alliance of armed groups': a group, not an agreement
    (the apposition as parsed, or as written when the parser hung it elsewhere)."""
    heads = ms.lex.org_name_heads | ms.lex.armed_group_words
    if any(c.dep_ == "appos" and c.lemma_.lower() in heads for c in root.children):
        return True
    doc, j = ms.doc, root.i + 2
    if root.i + 1 >= len(doc) or doc[root.i + 1].text != ",":
        return False
    while j < min(len(doc), root.i + 6) and doc[j].pos_ in ("DET", "ADJ"):
        j += 1
    return j < len(doc) and doc[j].dep_ == "appos" and doc[j].lemma_.lower() in heads


def group(ms: Mentions, chunk: Span) -> None:
    """Record a group named like an agreement, typed by its description."""
    root = chunk.root
    toks = [t for t in chunk if t.pos_ != "DET" and t.i <= root.i]
    if not toks or not root.is_title:
        return
    label = _clean(ms.doc[toks[0].i:root.i + 1].text)
    desc = ms.doc[root.i + 1:min(len(ms.doc), root.i + 8)]
    armed = any(t.lemma_.lower() in ms.lex.armed_group_words or t.lower_ == "armed" for t in desc)
    ms.add(toks[0].i, root.i + 1, Entity("ArmedGroup" if armed else ms.org_kind(label), label), "ner")


def acronyms(ms: Mentions, recs: list[Record]) -> None:
    """'Comprehensive Peace Accord (CPA)': every CPA of the article is that agreement."""
    doc = ms.doc
    by_root = {r.root: k for k, r in enumerate(recs)}
    defined: dict[str, int] = {}
    for k, r in enumerate(recs):
        i = r.end if r.named else r.root + 1
        if r.named and i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" \
                and ACRONYM.match(doc[i + 1].text):
            defined.setdefault(doc[i + 1].text, k)
    for acr, k in defined.items():
        for tok in doc:
            if tok.text != acr:
                continue
            if tok.i in by_root:
                recs[by_root[tok.i]].links.append(k)
                continue
            m = ms.at(tok.i)
            if m is not None and m.entity.label != acr:
                continue
            if m is not None:
                ms.registry.pop(m.entity.ident, None)
                ms.by_token[tok.i] = None
            a = Record(tok.i, tok.i + 1, tok.i, acr, False, frozenset(), recs[k].kind, False, True, False,
                       False, False, acronym=True, links=[k])
            recs.append(a)
    recs.sort(key=lambda r: r.start)


# -- entities ----------------------------------------------------------------------------------

def publish(ms: Mentions, recs: list[Record], members: list[int]) -> Entity:
    """One agreement's entity, labelled from its best mention, and its mentions."""
    mine = [recs[k] for k in members]
    e = Entity("Agreement", label_of(mine), named=any(r.named for r in mine))
    officials = sorted({x for r in mine for x in r.extra if " between " in x})
    known = ms.registry.get(e.ident)
    if known is not None and officials and any(" between " in x for x in known.aliases) \
            and not set(officials) & known.aliases:  # '... Disengagement between Israel and Syria', then
        e = Entity("Agreement", officials[0], named=True)  # '... and Egypt': the same short name, another agreement
        known = ms.registry.get(e.ident)
    e = known or e
    for r in mine:
        e.aliases |= {x for x in (r.label if alias_worthy(r) else "", r.described, r.placed, *r.extra)
                      if x and x != e.label}
        if r.acronym:
            ms.local[norm(r.label)] = e
        if r.named:  # the name absorbs the names in it ('Sri Lanka ceasefire', 'Protocol of Lusaka')
            for i in range(r.start, r.end):
                if (m := ms.at(i)) is not None and (m.kind in ("State", "Place") or i > r.root):
                    ms.release(m.start, m.end)
        start = r.start
        while start < r.end and ms.at(start) is not None:
            start += 1
        end = start
        while end < r.end and ms.at(end) is None:
            end += 1
        ms.add(start, end, e, "agreement", surface="")
    ms.registry.setdefault(e.ident, e)
    return e


def alias_worthy(r: Record) -> bool:
    """Names and descriptions are aliases; 'the deal' is not, 'the Accords' is."""
    return bool(r.named or r.words or r.acronym or r.label[:1].isupper() and " " not in r.label)


def label_of(mine: list[Record]) -> str:
    """The agreement's name (the one used most, then the fullest: 'Peace Accords' is the Bicesse
    Peace Accords, then the first; in its shortest spelling: 'Lusaka Protocol', not 'Protocol of
    Lusaka'), else its most specific description in the text, the title line's when the text has
    none ('peace deal' rather than 'the agreement'), or what the phrase says it does ('agreement
    defining a framework for ...') rather than the bare kind."""
    names = [r for r in mine if r.named and not r.acronym and not r.alias_line]
    if names:
        same = {r.words: sum(n.words == r.words for n in names) for r in names}
        within = {r.words: sum(n.words <= r.words for n in names) for r in names}
        key = max(names, key=lambda r: (same[r.words], within[r.words], not r.title, -r.start)).words
        best = max((r for r in names if r.words == key), key=lambda r: (-len(r.label.split()), not r.title, -r.start))
        return best.label
    body = [r for r in mine if not r.title and not r.acronym and (r.words or r.described)] \
        or [r for r in mine if r.title and (r.words or r.described)] or mine
    described_ = [r for r in body if r.described]
    if described_:
        return max(described_, key=lambda r: (len(r.described.split()), -r.start)).described
    best = max(body, key=lambda r: (len(r.words), not r.other, not r.title, -r.start))
    complements = [x for r in mine if not r.title for x in r.extra]
    if (best.bare or not best.named and not best.described and " " not in best.label) and complements:
        # 'an agreement defining a framework for ...', 'a cease-fire aimed at ending ...': not the bare kind
        return max(complements, key=len)
    return best.label


def label_by_parties(ms: Mentions, facts: list[Fact]) -> None:
    """An agreement the text only calls by its kind ('the ceasefire') is labelled by its kind and
    its parties once they are known: 'ceasefire between Israel and Hamas'."""
    parties: dict[int, list[Entity]] = {}
    for f in facts:
        if f.predicate == "partyTo" and f.object.kind == "Agreement" and f.subject.kind != "Official":
            mine = parties.setdefault(id(f.object), [])
            if f.subject not in mine:
                mine.append(f.subject)
    done: set[int] = set()
    for f in facts:
        e = f.object
        names = parties.get(id(e), [])
        if id(e) in done or e.named or content_words(ms, e.label) or not 2 <= len(names) <= 3:
            continue
        done.add(id(e))
        listed = ", ".join(p.label for p in names[:-1]) + f" and {names[-1].label}"
        e.label = f"{e.label} between {listed}"
