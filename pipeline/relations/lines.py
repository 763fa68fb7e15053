"""Relations stated in structured lines (read line by line: the parser may cut a line in two):
infobox rows ('Signatories: A, , B', 'Parties: A', 'Mediators: X'; a summit's 'Participants: A, B'
met) and bullet items continuing a sentence ('the following groups signed up for the truce:'
followed by '- A', '- B'). The agreement
is the one the lead sentence names, else the article's salient agreement (nlp.agreements.about)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from ..model import ACTOR_KINDS, Candidate, Entity
from ..nlp.agreements import about, line_of
from ..nlp.infobox import infobox_line
from .arguments import Arguments, emit, pairs

BULLET = re.compile(r"^\s*(?:[-*•·‣▪]|\d{1,2}[.)])\s+\S")


def infobox(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'- Signatories: A, , B' -> partyTo(A), partyTo(B); 'Mediators: X' -> brokered(X)."""
    line = first_sentence_of_line(a, sent)
    found = infobox_line(a.m, line) if line is not None else None
    if found is None:
        return
    label, first = found
    if label.rstrip("0123456789") in a.lex.infobox_side_labels:
        yield from sides(a, line)
        return
    if label.rstrip("0123456789") in a.lex.infobox_commander_labels:
        yield from commanders(a, line, label, first)
        return
    if label == "participants" and meeting_article(a):  # a summit's participants met one another
        yield from pairs("met", actors_in(a, line, first), line, "infobox participants of a meeting", 0.8, first)
        return
    if label in a.lex.infobox_party_labels:
        pred = "partyTo"
    elif label in a.lex.infobox_broker_labels:
        pred = "brokered"
    else:
        return
    deal = about(a.m, line)[:1]
    yield from emit(pred, actors_in(a, line, first), deal, line, f"infobox {label}", 0.8, first)
    for more in continued(a, line):  # 'Parties Australia' + ' People's Republic of China' + ...
        yield from emit(pred, actors_in(a, more, more.start), deal, more, f"infobox {label}", 0.75, more.start)


def continued(a: Arguments, row: Span) -> list[Span]:
    """The lines an infobox row's value runs on over: each names an actor first and states nothing
    (no verb), up to a blank line, another row or a bullet."""
    out, end = [], row.end
    while end < len(a.doc):
        while end < len(a.doc) and a.doc[end].is_space and "\n\n" not in a.doc[end].text:
            end += 1
        if end >= len(a.doc) or a.doc[end].is_space:
            break
        line = line_of(a.doc, end)
        toks = [t for t in line if not t.is_space]
        lead = a.m.at(toks[0].i) if toks else None
        if lead is None or lead.kind not in ACTOR_KINDS or infobox_line(a.m, line) is not None \
                or BULLET.match(line.text) or any(t.pos_ in ("VERB", "AUX") for t in toks):
            break
        out.append(line)
        end = line.end
    return out


def meeting_article(a: Arguments) -> bool:
    """The article's title names a meeting ('2023 Iran–Saudi Arabia summit', 'Talks in Geneva')."""
    title = line_of(a.doc, 0)
    return any(t.lower_ in a.lex.meet_nouns for t in title)


def side_rows(a: Arguments) -> list[tuple[str, Span, list[Entity]]]:
    """The infobox's combatant rows: (label, row, the actors of that side that are no persons)."""
    rows = []
    for sent in a.doc.sents:
        row = first_sentence_of_line(a, sent)
        found = infobox_line(a.m, row) if row is not None else None
        if found is not None and found[0].rstrip("0123456789") in a.lex.infobox_side_labels:
            rows.append((found[0], row, [e for e in actors_in(a, row, found[1]) if e.kind != "Official"]))
    return rows


def commanders(a: Arguments, line: Span, label: str, first: int) -> Iterator[Candidate]:
    """'- Commander2: A, B' with '- Combatant2: X': A and B lead X (the side of the same number,
    when it is one actor: of 'Mali, Wagner Group' a row does not say whose commander is whose)."""
    number = label[len(label.rstrip("0123456789")):]
    side = [actors for other, _, actors in side_rows(a) if other[len(other.rstrip("0123456789")):] == number]
    persons = [e for e in actors_in(a, line, first) if e.kind == "Official"]
    if len(side) == 1 and len(side[0]) == 1:
        yield from emit("leads", persons, side[0], line, "infobox commanders", 0.75, first)


def sides(a: Arguments, line: Span) -> Iterator[Candidate]:
    """'- Combatant1: Mali, Wagner Group' and '- Combatant2: JNIM': each actor of one side opposes
    each of the other (read once, on the first side's line; commanders are rows of their own)."""
    rows = side_rows(a)
    if not rows or rows[0][1].start != line.start:
        return
    for k, (label, row, mine) in enumerate(rows):
        for other_label, _, theirs in rows[k + 1:]:
            if other_label != label:
                yield from emit("opposes", mine, theirs, row, "infobox combatants", 0.75, row.start)



def bullets(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """An item of a list introduced by 'the following parties signed the accord:': its first
    actor is a party (or a broker, when the lead sentence speaks of mediating)."""
    line = first_sentence_of_line(a, sent)
    if line is None or not BULLET.match(line.text) or infobox_line(a.m, line) is not None:
        return
    lead = lead_line(a, line)
    pred = lead_relation(a, lead) if lead is not None else None
    first = next(iter(actors_in(a, line, line.start)), None)
    if pred is None or first is None:
        return
    anchor = next(t.i for t in line if (m := a.m.at(t.i)) is not None and m.entity is first)
    yield from emit(pred, [first], about(a.m, lead)[:1], line, "list item", 0.75, anchor)


def first_sentence_of_line(a: Arguments, sent: Span) -> Span | None:
    """The line `sent` starts, or None when it does not start one (each line is read once)."""
    line = line_of(a.doc, sent.start)
    return line if line.start == sent.start else None


def lead_line(a: Arguments, line: Span) -> Span | None:
    """The line ending with a colon that the list this item belongs to continues."""
    while line.start > 0:
        line = line_of(a.doc, line.start - 1)
        if line.text.strip() == "":
            return None
        if BULLET.match(line.text) and infobox_line(a.m, line) is None:
            continue
        return line if line.text.rstrip().endswith(":") else None
    return None


def lead_relation(a: Arguments, lead: Span) -> str | None:
    """partyTo when the lead line's main verb signs or joins ('the following groups signed up for
    the truce:') or it lists signatories or parties ('The signatories were:'); brokered when the
    verb mediates; nothing when it is negated or only intended ('refused to sign:'), or when the
    list is of something else ('The agreement, signed in May, includes:')."""
    lex = a.lex
    root = list(lead.sents)[-1].root
    lemma = root.lemma_.lower()
    if any(c.dep_ == "neg" for c in root.children):
        return None
    verb = next((t for t in [root, *root.children] if t.dep_ in ("ROOT", "xcomp") and t.pos_ == "VERB"
                 and t.lemma_.lower() in lex.sign_verbs | lex.broker_verbs), None)
    if lemma in lex.intent_verbs | lex.negating_verbs or verb is not None and verb is not root \
            and any(c.dep_ == "neg" for c in verb.children):
        return None
    if verb is not None:
        return "partyTo" if verb.lemma_.lower() in lex.sign_verbs else "brokered"
    heads = [t for t in [root, *root.children] if t.dep_ in ("ROOT", "nsubj", "attr")]
    if any(t.lower_ in lex.infobox_party_labels for t in heads):
        return "partyTo"
    if any(t.lower_ in lex.mediator_nouns for t in heads):
        return "brokered"
    return None


def actors_in(a: Arguments, line: Span, first: int) -> list[Entity]:
    """The actors named from token `first` to the end of the line, once each, in order."""
    out: list[Entity] = []
    depth = 0
    for t in line:
        depth += (t.text == "(") - (t.text == ")")
        m = a.m.at(t.i)
        if depth > 0 and m is not None and any(e.kind == "Official" for e in out):
            continue  # 'A (Permanent Representative of France to the United Nations)': A's post, no signatory
        if t.i >= first and m is not None and m.kind in ACTOR_KINDS and m.entity not in out:
            out.append(m.entity)
    return out
