"""Noun-anchored relation patterns: 'talks between A and B', "A's offensive against B", 'an
operation conducted by A against B', 'under the auspices of X', "X's office in Y", "the
Treasury's Office of ...", "Haftar's Libyan National Army", 'its leader, X', "his reception of X",
'A, a coalition composed of B and C', and the bodies a state qualifies ("Russia's Foreign
Ministry" is part of Russia)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..model import ACTOR_KINDS, Candidate, Entity
from ..nlp.agreements import about
from .arguments import Arguments, emit, pairs


def nominal(a: Arguments, sent: Span, noun: Token) -> Iterator[Candidate]:
    lex, low = a.lex, noun.lower_
    m = a.m.at(noun.i)
    between_tok = a.pobj(noun, "between")
    if between_tok is None and low in lex.meet_nouns:
        between_tok = hung_between(a, noun)
    between = a.group(between_tok)
    if len(between) == 1:  # 'between the government of President X and the FARC'
        for t in between_tok.subtree:
            if t.dep_ == "conj" and t.i > between_tok.i:
                between += [e for e in a.refs(t) if e not in between and e.kind in ACTOR_KINDS]
    if not between and m is not None and m.kind == "Agreement" and m.end - 1 == noun.i:
        for c in noun.children:  # 'an agreement to normalize relations between A and B', 'that established'
            if c.dep_ in ("acl", "relcl"):
                b = next((t for t in c.subtree if t.lower_ == "between" and not (  # not another agreement's
                    (h := a.m.at(t.head.i)) is not None and h.kind == "Agreement")), None)
                between = a.group(a.child(b, "pobj")) if b is not None else []
                break
    sides = two_sides(a, noun)
    if sides and low in lex.oppose_nouns:
        yield from emit("opposes", sides[0], sides[1], sent, "A on one side, B on the other", 0.75, noun.i)
        between = []
    if low in lex.base_nouns and not _dispatch_line(a, sent):  # 'the European External Action Service office in
        # Brussels'; not 'X reports from the VOA bureau in Jerusalem': where the reporter files from
        owner = a.group(a.child(noun, "compound", "poss"))
        of = a.pobj(noun, "of") if not owner else None  # 'the headquarters of the Bangladesh Rifles in Dhaka'
        owner = owner or [e for e in a.group(of) if e.kind in ("Organization", "ArmedGroup", "Government")]
        if low in lex.mission_nouns:  # "Nauru closed its embassy in Beijing": a state's mission abroad
            owner = [e for e in owner if e.kind != "State"]
        at = a.pobj(noun, "in") or (a.pobj(of, "in") if of is not None else None)
        where = [e for e in a.group(at) if e.kind == "Place"]
        yield from emit("basedIn", owner, where, sent, "X office in Y", 0.75, noun.i)
    if between:
        if m is not None and m.kind == "Agreement":  # 'between A, on behalf of X, and B, on behalf of Y'
            between += [e for c in noun.children if c.dep_ == "conj" and c.i > between_tok.i
                        for e in a.group(c) if e.kind in ACTOR_KINDS and e not in between]
            between += [e for e in a.behalf(noun.subtree) if e not in between]
            yield from emit("partyTo", between, [m.entity], sent, "X between A and B", 0.8, noun.i)
        elif any(c.lower_ == "peace" for c in noun.children) and low in ("process", "talks", "negotiations"):
            yield from pairs("opposes", between, sent, "peace process between A and B", 0.7, noun.i)
        elif low in lex.meet_nouns:
            yield from pairs("met", between, sent, "talks between A and B", 0.8, noun.i)
        elif low in lex.oppose_nouns or (of := a.pobj(noun, "of")) is not None and (
                of.lemma_.lower() in lex.oppose_nouns):  # 'decades of conflict between A and B'
            yield from pairs("opposes", between, sent, "war between A and B", 0.75, noun.i)
    if noun.lemma_.lower() in lex.meet_nouns or low in lex.meet_nouns:
        yield from meeting_with(a, sent, noun)
    if low == "reception":  # "his reception of Iranian President X": he received X
        guests = [e for e in a.group(a.pobj(noun, "of")) if e.kind in ("Official", "Organization", "Government")]
        yield from emit("met", a.group(a.child(noun, "poss")), guests, sent, "A's reception of B", 0.75, noun.i)
    against_tok = a.pobj(noun, "against")
    if against_tok is None:  # 'an operation conducted by A and B against C'
        for c in noun.children:
            if c.dep_ == "acl":
                prep = next((t for t in c.subtree if t.lower_ == "against" and t.dep_ == "prep"), None)
                against_tok = a.child(prep, "pobj") if prep is not None else None
                break
    warlike = low in lex.oppose_nouns or low in lex.attack_nouns or low in lex.attempt_nouns and any(
        c.dep_ == "compound" and c.lower_ in lex.oppose_nouns for c in noun.children)  # 'a coup attempt against B'
    if against_tok is None and warlike and noun.dep_ == "dobj":  # 'followed a Hezbollah campaign this month
        prep = next((c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "against"  # against B'
                     and c.i > noun.i), None)
        against_tok = a.child(prep, "pobj") if prep is not None else None
    against = a.group(against_tok)
    if against and warlike:
        attackers = (a.group(a.child(noun, "poss")) or [  # "A's offensive", 'a Hezbollah military campaign'
            m.entity for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i < noun.i
            and (m := a.m.at(c.i)) is not None and m.kind in ACTOR_KINDS - {"Official"}]
            or a.agents_of(noun) or a.governing_subjects(noun))
        later = [e for e in attackers if (p := a.pos(e, sent)) is not None and p > against_tok.i]
        attackers = [e for e in attackers if e not in later]  # 'A against B and later C'
        against += [e for e in later if e not in against]
        yield from emit("opposes", attackers, against, sent, "A's offensive against B", 0.75, noun.i)
        if low in lex.attack_nouns:
            yield from emit("attacked", attackers, against, sent, "A's attack against B", 0.75, noun.i)
    if low in lex.war_nouns:
        yield from wars(a, sent, noun)
    if low in lex.support_nouns:  # "Iran's support for the Houthis"
        backers = a.group(a.child(noun, "poss"))
        yield from emit("supports", backers, a.group(a.pobj(noun, "for", "to")), sent,
                              "A's support for B", 0.75, noun.i)
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and not backers:  # 'A conducts airstrikes in support of B'
            yield from emit("supports", [e for e in a.governing_subjects(noun) if e.kind != "Official"],
                            a.group(a.pobj(noun, "of")), sent, "A acts in support of B", 0.75, noun.i)
        war = a.pobj(noun, "of", "for")  # 'sanctioned for support of Russia's war against Ukraine'
        if war is not None and war.lemma_.lower() in lex.oppose_nouns | lex.attack_nouns:
            backers = backers or [e for e in a.clause_actors(noun) if e.kind != "Official"]
            yield from emit("supports", backers, a.group(a.child(war, "poss")), sent,
                            "A's support of B's war", 0.75, noun.i)
    if low == "control" and noun.head.lemma_.lower() in lex.take_control_verbs:
        places = a.place(a.pobj(noun, "of", "over"))  # 'seized control of the town'
        yield from emit("controls", a.governing_subjects(noun), places, sent,
                              "A took control of B", 0.8, noun.i)
    if low in lex.attack_nouns:
        target = a.group(a.pobj(noun, "of", "on", "in"))
        by = a.pobj(noun, "by")  # 'the attacks by A on B' (the parser may hang 'on B' on A)
        if not target and by is not None:
            target = a.group(a.pobj(by, "on", "in"))
        attackers = a.group(a.child(noun, "poss", "compound")) or [  # 'Israeli airstrikes on Gaza'
            m.entity for c in noun.children if c.dep_ == "amod" and c.i < noun.i
            and (m := a.m.at(c.i)) is not None and m.kind in ACTOR_KINDS - {"Official"}] or a.group(by) or (
            a.governing_subjects(noun) if not against else [])
        verb = noun.head
        where = next((c for c in verb.children if c.lower_ == "where"), None)
        if not target and verb.dep_ == "relcl" and where is not None:
            before = where.i - 1 - (a.doc[where.i - 1].is_punct if where.i else 0)
            target = a.group(a.doc[before])  # 'Idlib, where Russia has resumed air strikes'
        if not target and attackers:  # "It fell ... following Daesh's invasion": the clause's subject place
            clause = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX") and t.dep_ != "prep"), None)
            target = a.place(a.child(clause, "nsubj", "nsubjpass")) if clause is not None else []
        if not against:
            yield from emit("attacked", attackers, target, sent, "A's bombing of B", 0.7, noun.i)



def hung_between(a: Arguments, noun: Token) -> Token | None:
    """The 'between' phrase of a meeting the parser hung on its participle or on the verb it is
    the object of: 'We welcome the meeting held today in X between officials of A, B and C'."""
    heads = [c for c in noun.children if c.dep_ == "acl"] + ([noun.head] if noun.dep_ in ("dobj", "nsubjpass") else [])
    for head in heads:
        prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "between" and c.i > noun.i), None)
        if prep is not None:
            return a.child(prep, "pobj")
    return None


def wars(a: Arguments, sent: Span, noun: Token) -> Iterator[Candidate]:
    """'a border war fought by A and B' (waged by A against B), "A's war with B", 'its war with B'."""
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in a.lex.oppose_verbs | a.lex.launch_verbs:
            fighters = a.group(a.pobj(c, "by"))
            against = a.group(a.pobj(c, "against", "with"))
            if against:
                yield from emit("opposes", fighters, against, sent, "a war fought by A against B", 0.75, noun.i)
            elif c.lemma_.lower() in a.lex.oppose_verbs:
                yield from pairs("opposes", fighters, sent, "a war fought by A and B", 0.75, noun.i)
    owners = a.group(a.child(noun, "poss"))
    yield from emit("opposes", owners, a.group(a.pobj(noun, "with")), sent, "A's war with B", 0.75, noun.i)



def meeting_with(a: Arguments, sent: Span, noun: Token) -> Iterator[Candidate]:
    """"A's meeting with B", 'meetings of A, along with B', 'after hours of discussion with B'
    (A: the subject of the clause)."""
    with_ = a.pobj(noun, "with")
    along = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "along"), None)
    if with_ is None and along is not None:
        with_ = a.pobj(along, "with")
    others = a.group(with_)
    if others:
        hosts = a.group(a.child(noun, "poss")) or a.group(a.pobj(noun, "of")) or a.governing_subjects(noun)
        yield from emit("met", hosts, others, sent, "A's talks with B", 0.75, noun.i)



def two_sides(a: Arguments, noun: Token) -> tuple[list[Entity], list[Entity]] | None:
    """'a conflict between A and B on one side, and C on the other'."""
    p = a.pobj(noun, "between")
    if p is None:
        return None
    sent = noun.sent
    text = sent.text.lower()
    if "on one side" not in text or "on the other" not in text:
        return None
    one = next(t for t in sent if t.lower_ == "one" and t.nbor().lower_ == "side")
    left = [e for e in a.group(p) if (pos := a.pos(e, sent)) is not None and pos < one.i]
    right = [e for e in a.group(p) if (pos := a.pos(e, sent)) is not None and pos > one.i]
    if not right:
        right = [m.entity for t in a.doc[one.i:sent.end] if (m := a.m.at(t.i)) and m.kind in ACTOR_KINDS]
    return (left, right) if left and right else None



def auspices(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'under the auspices of X', 'at the mediation of X', 'mediated by X' -> X brokered it."""
    for tok in sent:
        if tok.lower_ not in a.lex.broker_nouns and not (
                tok.lower_ in a.lex.under_broker_nouns and tok.dep_ == "pobj" and tok.head.lower_ == "under"):
            continue
        split = a.fronted_split(tok)
        brokers = split[0] if split else a.group(a.pobj(tok, "of", "by")) or (  # 'mediation by X', 'years of
            a.group(a.pobj(tok.head.head, "by")) if tok.dep_ == "pobj" and tok.head.lower_ == "of" else [])  # it by X'
        deals = about(a.m, sent)
        yield from emit("brokered", brokers, deals, sent, f"under the {tok.lower_} of X", 0.8, tok.i)
    for tok in sent:  # 'with A and B acting as guarantors', 'A served as mediator', 'A, the mediator'
        if tok.lower_ not in a.lex.mediator_nouns:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "as":
            brokers = a.subjects(tok.head.head)
        elif tok.dep_ == "attr":
            brokers = a.subjects(tok.head)
        elif tok.dep_ == "appos":
            brokers = a.refs(tok.head)  # 'A, ..., and B, the UN intermediary': B alone
        elif tok.dep_ == "compound" and (m := a.m.at(tok.head.i)) is not None and m.kind == "Official":
            brokers = [m.entity]  # 'South African mediator Kingsley Mamabolo'
        elif named := [m.entity for c in tok.children if c.dep_ == "appos" and (m := a.m.at(c.i)) is not None
                       and m.kind == "Official"]:
            brokers = named  # 'the efforts of A, B, and the mediator of the talks, General X'
        else:
            continue
        deals = about(a.m, sent)
        yield from emit("brokered", brokers, deals, sent, "X acting as guarantor", 0.75, tok.i)



def possessive_leads(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'General Khalifa Haftar's Libyan National Army'; 'the Wagner Group and its leader, X'."""
    for tok in sent:
        m = a.m.at(tok.i)
        if m is not None and m.kind == "Official" and tok.dep_ == "poss":
            owner = a.m.at(tok.head.i) or next((a.m.at(c.i) for c in tok.head.children if c.dep_ in (  # "bin
                "compound", "nmod") and c.i > tok.i and a.m.at(c.i) is not None), None)  # Laden's al-Qaida network"
            if owner is not None and owner.kind in ("ArmedGroup", "Organization", "Government"):
                yield Candidate("leads", m.entity, owner.entity, sent, "X's group", 0.8, tok.i)
        if tok.lower_ in a.lex.lead_nouns and not any(c.lower_ in ("a", "an", "one") for c in tok.children):
            # 'the head of the junta, Colonel X'; 'its leader, X'; not 'X, a commander of Y' (one of its posts)
            of = a.pobj(tok, "of")  # the name may hang on the group: 'the head of [the group, X]'
            person = next((a.m.at(c.i).entity for c in [*tok.children, *(of.children if of is not None else ())]
                           if c.dep_ == "appos" and a.m.at(c.i) and a.m.at(c.i).kind == "Official"), None)
            org = a.group(of)
            if person is None and tok.dep_ == "appos" and (h := a.m.at(tok.head.i)) is not None \
                    and h.kind == "Official" and of is not None:
                person, org = h.entity, a.named(of)  # 'X, the leader of the Y gang' (not 'of Y's units')
            if not org and any(c.lower_ in ("its", "their") for c in tok.children):
                org = a.antecedent(tok)
            if person is not None:
                yield from emit("leads", [person], [o for o in org if o.kind in ACTOR_KINDS - {"Official"}],
                                      sent, "the leader of X, Y", 0.8, tok.i)



def wings(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'its armed wing, the Bangsamoro Islamic Armed Forces', 'X, the political wing of Y', "Y's
    youth branch, X", 'its external operations force known as X': the named group is part of the owner."""
    groups = ("ArmedGroup", "Organization", "Government")
    for tok in sent:
        its = any(c.lower_ in ("its", "their") for c in tok.children)  # 'its external operations force'
        if tok.pos_ != "NOUN" or not (tok.lower_ in a.lex.wing_nouns or its and tok.tag_ == "NN"
                                      and tok.lower_ in a.lex.armed_group_words):
            continue
        owners = [e for e in a.group(a.child(tok, "poss")) or a.group(a.pobj(tok, "of")) if e.kind in ACTOR_KINDS]
        if its and tok.dep_ == "conj" and (m := a.m.at(tok.head.i)) is not None and m.kind in groups:
            owners = [m.entity]  # 'Hamas and its armed wing, X': 'its' is the group just named
        named = [tok.head] if tok.dep_ == "appos" else [c for c in tok.children if c.dep_ == "appos"]
        named += [p for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name")
                  for p in [a.pobj(c, "as"), a.child(c, "oprd")] if p is not None]  # 'its force known as X'
        parts = [m.entity for t in named if (m := a.m.at(t.i)) is not None and m.kind in groups]
        yield from emit("partOf", parts, owners, sent, "its armed wing, X", 0.8, tok.i)



def composition(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'A, a coalition composed of three groups: B, C and D', 'A consists of B and C', 'A comprises
    B and C', 'A, made up of B and C': the groups named are part of A (names only, not
    'representatives of B')."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if not (lemma in ("compose", "consist", "comprise") or lemma == "make" and any(
                c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)):
            continue
        whole = composed_whole(a, verb)
        part_tok = a.child(verb, "dobj") if lemma == "comprise" else a.pobj(verb, "of")
        if whole is None or part_tok is None:
            continue
        parts = a.named(part_tok) if a.m.at(part_tok.i) is not None else a.colon_list(part_tok)
        yield from emit("partOf", parts, [whole], sent, "A composed of B and C", 0.8, verb.i)


def composed_whole(a: Arguments, verb: Token) -> Entity | None:
    """What is composed: the noun a participle qualifies (the name a describing apposition
    stands for: 'A, a coalition composed of'), or the verb's subject."""
    head = verb.head if verb.dep_ in ("acl", "relcl") else a.child(verb, "nsubj", "nsubjpass")
    if head is not None and head.tag_ in ("WDT", "WP"):
        head = verb.head
    m = a.m.at(head.i) if head is not None else None
    if (m is None or m.source == "descriptive") and head is not None and head.dep_ in ("appos", "attr"):
        named = head.head if head.dep_ == "appos" else a.child(head.head, "nsubj")  # 'A is a coalition composed of'
        m = a.m.at(named.i) if named is not None else None
    return m.entity if m is not None and m.kind in ("ArmedGroup", "Organization", "Government") else None


def _dispatch_line(a: Arguments, sent: Span) -> bool:
    """A sentence that is, or opens with, a dispatch's sign-off: 'Robert Berger reports from the
    VOA bureau in Jerusalem.', "As Derek Kilner reports from VOA's East Africa bureau in Nairobi, ..."."""
    verbs = [sent.root] + [t for t in sent if t.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in t.children)]
    return any(_sign_off(a, s) for v in verbs for s in v.children if s.dep_ == "nsubj")


def _sign_off(a: Arguments, tok: Token) -> bool:
    """A dispatch's sign-off, "VOA's Brian Wagner reports from Miami": the reporter of a news
    organisation (a name the NER often types as a body), no part of it in the guide's sense."""
    verb = tok.head
    rest = [c for c in verb.children if c.i != tok.i and c.dep_ != "punct"
            and not (c.dep_ == "mark" and c.lower_ == "as")]  # 'As X reports from ...'
    return tok.dep_ == "nsubj" and verb.lemma_.lower() in a.lex.sign_off_verbs and len(rest) == 1 \
        and rest[0].dep_ == "prep" and rest[0].lower_ == "from"  # and nothing reported: the sign-off alone


def parts_and_heads(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """"the Treasury's Office of Foreign Assets Control" (part of); 'the government of President X' (leads)."""
    for tok in sent:
        m = a.m.at(tok.i)
        if m is None or tok.i != m.end - 1:
            continue
        owner_tok = a.child(tok, "poss")
        owner = a.m.at(owner_tok.i) if owner_tok is not None else None
        if m.kind == "Organization" and owner is not None and owner.kind in ("Organization", "Government") \
                and not _sign_off(a, tok):
            yield Candidate("partOf", m.entity, owner.entity, sent, "X's office", 0.8, tok.i)
        elif owner is not None and "ArmedGroup" in (m.kind, owner.kind) and m.kind in ("Organization", "ArmedGroup") \
                and owner.kind in ("Organization", "ArmedGroup") and owner.end + 1 == m.start:
            yield Candidate("partOf", m.entity, owner.entity, sent, "X's wing", 0.75, tok.i)  # "al-Qaida's Nusra Front"
        head_word = m.entity.label.lower().split()[-1]
        if owner is not None and owner.kind == "State" and m.kind in ("Organization", "Government") and (
                head_word in a.lex.state_body_words or head_word in a.lex.government_words):
            yield Candidate("partOf", m.entity, owner.entity, sent, "X's cabinet", 0.8, tok.i)  # "Somalia's Cabinet"
        if m.kind == "Government":
            p = a.pobj(tok, "of")
            person = a.m.at(p.i) if p is not None else None
            if person is not None and person.kind == "Official":
                yield Candidate("leads", person.entity, m.entity, sent, "the government of X", 0.8, tok.i)



def pro_prefix(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'pro-Iran militias', 'pro-Russian separatists': the group supports the state or actor named."""
    for tok in sent:
        if tok.lower_ != "pro" or tok.i + 2 >= sent.end or a.doc[tok.i + 1].text not in ("-", "‑"):
            continue
        named, group = a.m.at(tok.i + 2), a.m.at(tok.i)
        if group is None:  # the name after 'pro-' is a mention of its own; the group is the head noun's
            head = a.doc[tok.i + 2].head
            group = a.m.at(head.i) if head.i > tok.i + 2 else None
        backed = named.entity if named is not None and named is not group else None
        if backed is None and (state := a.m.state_of(a.doc[tok.i + 2])) is not None:
            backed = a.m.intern(state, "")
        if group is not None and backed is not None:
            yield Candidate("supports", group.entity, backed, sent, "pro-X group", 0.85, tok.i)



def qualified_bodies(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """A body the mention stage found qualified by a state ('Russian Foreign Ministry') is part of it."""
    for tok in sent:
        m = a.m.at(tok.i)
        if m is not None and m.start == tok.i and m.owner is not None:
            yield Candidate("partOf", m.entity, m.owner, sent, "state-qualified body", 0.85, m.start)
