"""The relation patterns, in the order they run over an article, and the candidates of posts.

To add a relation trigger word, add it to its list in data/lexicon.json (support_verbs,
meet_nouns, ...): the patterns read the lists. A new construction is a dependency pattern in
data/relation_patterns.json (relations/declared.py), or, when it needs more than a dependency
pattern can say, a new function of (Arguments, sentence[, token]) yielding Candidates, listed here.
Last come the rules over candidates: the state an official signed for, brokers' leaders, and
stance that is no stance (a signatory's 'accepted the deal' is partyTo, not endorses).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Candidate, Entity
from ..nlp.mentions import Mentions
from ..nlp.posts import PostFact
from . import lines, nominal, possessed_bodies, predicate_leads, verbal
from .arguments import Arguments
from .declared import declared

#: Patterns over a whole sentence, run before (hyphenated) and after the token patterns.
BEFORE_TOKENS = (verbal.hyphenated,)
AFTER_TOKENS = (nominal.auspices, nominal.possessive_leads, predicate_leads.predicate_leads,
                nominal.parts_and_heads, nominal.wings, nominal.composition,
                nominal.pro_prefix, possessed_bodies.its_named_body, lines.infobox, lines.bullets)
#: Patterns anchored on one token, by part of speech.
ON_VERBS = (verbal.verbal, verbal.in_force)
ON_NOUNS = (nominal.nominal,)


def candidates(mentions: Mentions, posts: list[PostFact]) -> list[Candidate]:
    """Every candidate relation of the article: the patterns', then the posts'."""
    a = Arguments(mentions)
    a.titled = titled_officials(mentions, posts)
    a.posts = posts
    out = list(_sentence_patterns(a)) + list(declared(a))
    for sent in mentions.doc.sents:
        out += nominal.qualified_bodies(a, sent)
    out += post_candidates(mentions, posts)
    out += signed_for_state(a, out, posts) + brokers_leaders(a, out)
    out += represented_signers(a, out)
    return not_a_stance(out, posts)


def represented_signers(a: Arguments, cands: list[Candidate]) -> list[Candidate]:
    """'signed by Israel, represented by Prime Minister X, and the PLO (PLO), represented by
    Chairman Y': when one actor of a sentence's signing is written 'A, represented by P', every
    actor so written there signed it, and so did each one's representative."""
    out: list[Candidate] = []
    parties: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.predicate == "partyTo":
            parties.setdefault(c.sent.start, []).append(c)
    for cs in parties.values():
        sent = cs[0].sent
        represented = [r for t in sent if (r := _represented(a, t)) is not None]
        signers = {id(c.subject) for c in cs}
        if not any(id(actor) in signers for actor, _ in represented):
            continue
        for agreement in {id(c.object): c for c in cs}.values():
            for actor, reps in represented:
                for e in [actor, *reps]:
                    if id(e) not in signers:
                        out.append(Candidate("partyTo", e, agreement.object, sent, "A, represented by X",
                                             agreement.confidence - 0.05, agreement.anchor))
    return out


def _represented(a: Arguments, tok) -> tuple[Entity, list[Entity]] | None:
    """(A, [X]) for the participle of 'A, represented by X' (A's bracketed acronym may stand
    between: 'the Palestine Liberation Organization (PLO), represented by')."""
    if tok.lemma_.lower() != "represent" or tok.tag_ != "VBN" or tok.i < 2 or a.doc[tok.i - 1].text != ",":
        return None
    j = tok.i - 2
    if a.doc[j].text == ")" and j >= 2 and a.doc[j - 2].text == "(":
        j -= 3
    m = a.m.at(j) if j >= 0 else None
    reps = [e for e in a.group(a.pobj(tok, "by")) if e.kind == "Official"]
    if m is None or m.kind not in ("State", "Government", "ArmedGroup", "Organization") or not reps:
        return None
    return m.entity, reps


def titled_officials(mentions: Mentions, posts: list[PostFact]) -> dict[int, Entity]:
    """The tokens of each title written before its official's name ('mediated by the United
    Nations Special Envoy to Somalia, Ahmedou Ould-Abdallah') -> that official."""
    out: dict[int, Entity] = {}
    for pf in posts:
        name = next((i for i in range(pf.token, min(len(mentions.doc), pf.token + 20))
                     if (m := mentions.at(i)) is not None and m.entity is pf.official), None)
        for i in range(pf.token, name if name is not None else pf.token):
            out.setdefault(i, pf.official)
    return out


def signed_for_state(a: Arguments, cands: list[Candidate], posts: list[PostFact]) -> list[Candidate]:
    """An official who signed, with a post of a state named in the same sentence ('Sri Lankan
    Prime Minister X', "Angola's Minister for External Relations, X") or named after the state
    ('X of Finland'), or of an armed group or government ('the RUF leader, X'): the state is a
    party too, unless the sentence names the agreement's parties
    and the state is not one of them ('A, B and U.S. President C ... signed the treaty between
    Egypt and Israel': C witnessed it for the United States)."""
    out = []
    between = {}
    for c in cands:
        if c.predicate == "partyTo" and c.pattern == "X between A and B" and c.subject.kind == "State":
            between.setdefault((c.sent.start, id(c.object)), set()).add(id(c.subject))
    for c in cands:
        if c.predicate != "partyTo" or c.subject.kind != "Official":
            continue
        named = between.get((c.sent.start, id(c.object)))
        states = [pf.post.post_in for pf in posts if pf.official is c.subject
                  and pf.post.post_in.kind in ("State", "ArmedGroup", "Government")
                  and c.sent.start <= pf.token < c.sent.end]  # 'the RUF leader, Foday Sankoh': the RUF
        states += [x.object for x in cands if x.predicate == "leads" and x.subject is c.subject
                   and x.sent.start == c.sent.start and x.object.kind == "ArmedGroup"]  # 'FNCI commander X'
        for t in c.sent:
            m = a.m.at(t.i)
            if m is not None and m.entity is c.subject and t.i == m.end - 1 \
                    and (of := a.pobj(t, "of", "for")) is not None:  # 'X of Finland', 'X for Israel'
                states += [e for e in a.named(of) if e.kind == "State"]
        for state in dict.fromkeys(states):
            if named is not None and id(state) not in named:
                continue
            out.append(Candidate("partyTo", state, c.object, c.sent, "official signed for a state",
                                 c.confidence - 0.05, c.anchor))
    return out


def brokers_leaders(a: Arguments, cands: list[Candidate]) -> list[Candidate]:
    """'mediated by the United States under President X': X brokered it too (the 'under'
    phrase on the broker's name or on the verb)."""
    out = []
    for c in cands:
        if c.predicate != "brokered" or c.subject.kind == "Official":
            continue
        ends = [t for t in c.sent if (m := a.m.at(t.i)) is not None and m.entity is c.subject and t.i == m.end - 1]
        if not ends:
            continue
        for t in [*ends, a.doc[c.anchor]]:
            leaders: list[Entity] = [e for e in a.group(a.pobj(t, "under")) if e.kind == "Official"]
            out += [Candidate("brokered", e, c.object, c.sent, "X under President Y", c.confidence - 0.05, c.anchor)
                    for e in leaders]
    return out


def not_a_stance(cands: list[Candidate], posts: list[PostFact]) -> list[Candidate]:
    """A signatory that accepts or ratifies its agreement is a party, not an endorser; so is the
    state whose official signed it ('Pashinyan signed ... Armenia will abide by the agreement')."""
    parties = {(c.subject.ident, c.object.ident) for c in cands if c.predicate == "partyTo"}
    parties |= {(pf.post.post_in.ident, agreement) for pf in posts for official, agreement in list(parties)
                if pf.official.ident == official}
    return [c for c in cands if c.predicate != "endorses" or (c.subject.ident, c.object.ident) not in parties]


def _sentence_patterns(a: Arguments) -> Iterator[Candidate]:
    for sent in a.doc.sents:
        for pattern in BEFORE_TOKENS:
            yield from pattern(a, sent)
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children):
                for pattern in ON_VERBS:  # (a root with a subject is the clause's verb, whatever its tag)
                    yield from pattern(a, sent, tok)
            if tok.pos_ in ("NOUN", "PROPN"):
                for pattern in ON_NOUNS:
                    yield from pattern(a, sent, tok)
        for pattern in AFTER_TOKENS:
            yield from pattern(a, sent)


def post_candidates(mentions: Mentions, posts: list[PostFact]) -> list[Candidate]:
    """holdsPost for each title next to a name; a group's 'leader' or 'commander' leads it
    (geonews:leads) rather than holding a post in it, unless the title is one of several ('X
    is a senior al-Shabaab leader')."""
    out = []
    for pf in posts:
        sent = mentions.doc[pf.token].sent
        if pf.post.role_title.lower() in mentions.lex.leader_titles and pf.post.post_in.kind != "State" \
                and not pf.member and not _heads_a_part(mentions, pf):
            out.append(Candidate("leads", pf.official, pf.post.post_in, sent, "group leader X", 0.85, pf.token))
        else:
            out.append(Candidate("holdsPost", pf.official, pf.post, sent, "title", 0.9, pf.token))
    return out


def _heads_a_part(mentions: Mentions, pf: PostFact) -> bool:
    """'the head of the Wagner Group paramilitary units': the head of some of the group's units holds
    a post in it, and does not lead it (the title's 'of' names a common noun the group qualifies)."""
    doc = mentions.doc
    for tok in doc[pf.token:min(pf.token + 4, len(doc))]:
        if tok.lower_ in mentions.lex.leader_titles:
            of = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"), None)
            return of is not None and of.pos_ == "NOUN" and mentions.at(of.i) is None and of.tag_ == "NNS"
    return False
