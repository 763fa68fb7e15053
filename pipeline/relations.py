"""Relation patterns over the dependency parse and the article's mentions.

Each pattern yields Candidates: (relation, subject, object, sentence, pattern name, base
confidence, anchor token). The forms covered are the usual ones in news: active and passive
verbs, hyphenated participles ("Turkish-backed X"), relative clauses ("X, which is backed by
A, B and C"), nominal forms ("talks between A and B", "A's offensive against B", "under the
auspices of A") and conjunctions on either side.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .lexicon import lexicon
from .mentions import Mentions
from .model import ACTOR_KINDS, Entity
from .relations_nominal import Candidate, NominalPatterns

#: Heads that act for the state or group qualifying them: 'Turkish drones', "Russia's forces".
ACTING_HEADS = {"force", "forces", "troops", "drone", "drones", "artillery", "army", "military",
                "units", "fighters", "jets", "aircraft", "warplanes", "ranks", "soldiers", "contributions",
                "statement", "ministry", "government", "right", "rights", "sovereignty", "independence",
                "existence", "positions", "position", "targets", "facilities", "bases", "outposts",
                "strongholds", "convoy", "convoys", "headquarters"}
#: Heads that stand for the group named after 'of': 'representatives of A, B and C', 'the state of X'.
GENERIC_HEADS = ACTING_HEADS | {"side", "representatives", "officials", "delegation", "delegations", "leaders",
                                "state", "republic", "region", "parties", "members", "governments",
                                "countries", "nations", "states"}


class Patterns(NominalPatterns):
    """All relation patterns over one Doc."""

    def __init__(self, mentions: Mentions):
        self.m, self.doc, self.lex = mentions, mentions.doc, lexicon()

    # -- mention helpers ----------------------------------------------------------------------
    def ref(self, tok: Token) -> Entity | None:
        refs = self.refs(tok)
        return refs[0] if refs else None

    def refs(self, tok: Token, depth: int = 0) -> list[Entity]:
        """The entities a token stands for: its own mention, or for a generic head ('Turkish
        drones', 'the forces of X', 'forces loyal to X', 'representatives of A, B and C') the
        entities that qualify it."""
        m = self.m.at(tok.i)
        if m is not None:
            return [m.entity]
        if tok.lower_ in ("counterpart", "counterparts") or tok.lower_ in self.lex.title_head_words:
            for t in self.doc[tok.i + 1:min(tok.i + 4, tok.sent.end)]:  # 'his Azerbaijani counterpart X'
                named = self.m.at(t.i)
                if named is not None:
                    return [named.entity] if named.kind == "Official" else []
                if not t.is_punct:
                    break
        if depth > 2 or tok.lower_ not in GENERIC_HEADS and tok.lemma_.lower() not in GENERIC_HEADS:
            return []
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and self.m.at(child.i) and (
                    tok.lower_ in ACTING_HEADS or tok.lemma_.lower() in ACTING_HEADS):
                return [self.m.at(child.i).entity]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                p = self.child(child, "pobj")
                if p is not None:
                    return self.group(p, depth + 1)
            if child.dep_ == "amod" and child.lower_ == "loyal":
                for prep in child.children:
                    p = self.child(prep, "pobj")
                    if p is not None:
                        return self.group(p, depth + 1)
        return []

    def group(self, tok: Token | None, depth: int = 0) -> list[Entity]:
        """A token and its conjuncts ('Russia, Egypt and the UAE') as entities; appositions in
        a list and flat lists the parser broke ('Sadat and Israeli Prime Minister Begin') too."""
        if tok is None:
            return []
        out: list[Entity] = []
        members = [tok, *tok.conjuncts]
        for t in members:
            for e in self.refs(t, depth):
                if e not in out:
                    out.append(e)
        if out:
            last = max([tok, *tok.conjuncts], key=lambda t: t.i)
            for e in self._list_tail(last):
                if e not in out:
                    out.append(e)
        if out and any(c.dep_ == "cc" for c in tok.children) and len(out) == 1:
            # 'Sadat and Israeli Prime Minister Menachem Begin': only determiners, titles and the
            # states qualifying them may stand between 'and' and the next name
            kind, lex = out[0].kind, self.lex
            m0 = self.m.at(tok.i)
            for t in self.doc[(m0.end if m0 else tok.i + 1):min(len(self.doc), tok.i + 9)]:
                m = self.m.at(t.i)
                if m is not None and m.kind == kind and m.entity not in out:
                    out.append(m.entity)
                    break
                skippable = (t.lower_ in ("and", "the", "a") or m is not None and m.kind == "State"
                             or t.lower_ in lex.titles or t.lower_ in lex.title_modifiers
                             or t.lower_ in lex.title_head_words)
                if not skippable:
                    break
        return out

    def _list_tail(self, tok: Token) -> list[Entity]:
        """Items of a list the parser did not attach: 'X, the Russian Federation, the DPR (DPR),
        and the OSCE'. Only a list closed by 'and'/'or' counts; 'Israeli Prime Minister Begin'
        is the person, not the state qualifying his title."""
        m = self.m.at(tok.i)
        i = m.end if m is not None else tok.i + 1
        items: list[tuple[Entity, bool]] = []
        sep, conj = False, False
        while i < len(self.doc) and i < tok.sent.end:
            t = self.doc[i]
            if t.text == "," or t.lower_ in ("and", "or"):
                sep, conj, i = True, conj or t.lower_ in ("and", "or"), i + 1
            elif t.lower_ in ("the", "a") or t.text == ")":
                i += 1
            elif t.text == "(" and i + 2 < len(self.doc) and self.doc[i + 2].text == ")":
                i += 3
            elif sep and (m := self.m.at(i)) is not None and m.kind in ACTOR_KINDS:
                m = self._titled_person(m)
                items.append((m.entity, conj))
                sep, conj, i = False, False, m.end
            else:
                break
        last = max((k for k, (_, c) in enumerate(items) if c), default=-1)
        return [e for e, _ in items[:last + 1]]

    def _titled_person(self, m):
        """A state or organisation qualifying a title that is followed by a name: the person."""
        if m.kind == "Official":
            return m
        j = m.end
        while j < len(self.doc) and j < m.end + 5:
            nxt = self.m.at(j)
            if nxt is not None:
                return nxt if nxt.kind == "Official" else m
            if not (self.doc[j].is_title or self.doc[j].lower_ in self.lex.title_modifiers
                    or self.doc[j].lower_ in self.lex.title_head_words):
                return m
            j += 1
        return m

    @staticmethod
    def child(tok: Token, *deps: str) -> Token | None:
        return next((c for c in tok.children if c.dep_ in deps), None)

    def pobj(self, tok: Token, *preps: str) -> Token | None:
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in preps:
                return self.child(c, "pobj")
        return None

    def subjects(self, verb: Token) -> list[Entity]:
        """The verb's subject, or for a relative clause / participle its antecedent, or the
        subject of the verb it is conjoined with."""
        subj = self.child(verb, "nsubj")
        if subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return self.group(verb.head)
        if subj is not None:
            return self.group(subj)
        if verb.dep_ == "conj":
            return self.subjects(verb.head)
        for c in verb.children:  # mis-parse 'as X has made ...': X hangs under the marker
            if c.dep_ == "mark" and (p := self.child(c, "pobj")) is not None:
                return self.group(p)
        if verb.dep_ == "pcomp" and verb.head.lower_ == "for" and verb.head.head.pos_ == "VERB":
            return self.group(self.child(verb.head.head, "dobj"))  # 'commend A and B for agreeing'
        if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr":
            return self.subjects(verb.head.head)  # 'A became the first country to recognize X'
        if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head.head)  # 'A signed ... by signing X'
        if verb.dep_ in ("xcomp", "advcl", "pcomp", "acl") and verb.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head)
        return []

    def objects(self, verb: Token) -> list[Entity]:
        obj = self.child(verb, "dobj", "attr")
        out = self.group(obj)
        if obj is not None and not out:  # "backing the forces of X": group() already looks inside
            return []
        return out

    def passive_patients(self, verb: Token) -> list[Entity]:
        subj = self.child(verb, "nsubjpass")
        if subj is not None and subj.tag_ in ("WDT", "WP") or subj is None and verb.dep_ in ("relcl", "acl"):
            antecedents = self.group(verb.head)
            if subj is not None and subj.lower_ in ("which", "that"):
                # 'the forces loyal to Assad, which is backed by Russia': 'which' is not a person
                antecedents = [e for e in antecedents if e.kind != "Official"]
            return antecedents
        return self.group(subj)

    def agreements_in(self, sent: Span) -> list[Entity]:
        return list({id(m.entity): m.entity for t in sent if (m := self.m.at(t.i)) and m.kind == "Agreement"}.values())

    # -- patterns -------------------------------------------------------------------------------
    def run(self) -> Iterator[Candidate]:
        for sent in self.doc.sents:
            yield from self.hyphenated(sent)
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX"):
                    yield from self.verbal(sent, tok)
                if tok.pos_ in ("NOUN", "PROPN"):
                    yield from self.nominal(sent, tok)
            yield from self.auspices(sent)
            yield from self.possessive_leads(sent)
            yield from self.parts_and_heads(sent)

    def _emit(self, pred, subjects, objects, sent, pattern, conf, anchor) -> Iterator[Candidate]:
        for s in subjects:
            for o in objects:
                if s is not o:
                    yield Candidate(pred, s, o, sent, pattern, conf, anchor)

    def hyphenated(self, sent: Span) -> Iterator[Candidate]:
        """'Turkish-backed GNA', 'UN-recognised GNA', 'Tripoli-based GNA', 'EU-mediated talks'."""
        lex = self.lex
        for tok in sent:
            if tok.i < 2 or self.doc[tok.i - 1].text not in ("-", "‑", "–") or tok.tag_ not in ("VBN", "JJ", "VBD"):
                continue
            left = self.m.at(tok.i - 2)
            if left is None:
                continue
            head = tok.head
            if head.i > tok.i and head.pos_ in ("NOUN", "PROPN"):
                # 'Turkish-backed forces' names no one; 'Tripoli-based GNA seize bases' (mis-parse)
                target = self.ref(head) or self._next_actor(tok.i + 1, head.i)
            else:  # the parse lost the noun phrase ('Turkish-backed the Free Syrian Army')
                target = self._next_actor(tok.i + 1, sent.end)
            if target is None or target is left.entity:
                continue
            low = tok.lower_
            lemma = tok.lemma_.lower()
            if lemma in lex.support_verbs or low in ("backed", "supported", "sponsored", "funded", "armed"):
                yield Candidate("supports", left.entity, target, sent, "X-backed Y", 0.9, tok.i)
            elif lemma in lex.recognize_verbs or low.startswith("recogni"):
                yield Candidate("recognizedBy", target, left.entity, sent, "X-recognised Y", 0.9, tok.i)
            elif low in lex.base_words:
                yield Candidate("basedIn", target, left.entity, sent, "X-based Y", 0.9, tok.i)
            elif low in ("controlled", "held", "occupied", "administered"):
                yield Candidate("controls", left.entity, target, sent, "X-controlled Y", 0.85, tok.i)
            elif lemma in lex.broker_verbs or low in ("brokered", "mediated", "facilitated"):
                yield Candidate("brokered", left.entity, target, sent, "X-brokered Y", 0.85, tok.i)

    def _next_actor(self, start: int, end: int) -> Entity | None:
        i = start
        while i < min(end, start + 8):
            m = self.m.at(i)
            if m is not None:
                nxt = self.doc[m.end] if m.end < len(self.doc) else None
                if nxt is not None and nxt.text in ("-", "‑"):  # another 'X-verbed' modifier
                    i = m.end + 2
                    continue
                return m.entity
            if self.doc[i].is_punct and self.doc[i].text not in ("-", "‑"):
                return None
            i += 1
        return None

    def verbal(self, sent: Span, verb: Token) -> Iterator[Candidate]:
        lex, lemma = self.lex, verb.lemma_.lower()
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and self.child(verb, "agent") is not None)
        agents = self.group(self.pobj(verb, "by")) if passive else []
        if passive:
            patients = self.passive_patients(verb)
        else:
            subjects, objects = self.subjects(verb), self.objects(verb)
        table = (
            (lex.support_verbs, "supports", False),
            (lex.attack_verbs, "attacked", False),
            (lex.broker_verbs, "brokered", False),
            (lex.recognize_verbs, "recognizedBy", True),
            (lex.control_verbs, "controls", False),
            (lex.oppose_verbs, "opposes", False),
        )
        if passive and lemma in lex.broker_verbs and not any(p.kind == "Agreement" for p in patients):
            patients = self.agreements_in(sent) or self.m_last_agreement(sent.start)  # 'talks ... mediated by X'
        if not passive and lemma in lex.oppose_verbs:  # 'A clashed with B', 'A fought against B'
            objects = objects + [e for e in self.group(self.pobj(verb, "with", "against")) if e not in objects]
        for words, pred, inverse in table:
            if lemma not in words:
                continue
            if passive:
                s, o = (patients, agents) if inverse else (agents, patients)
                yield from self._emit(pred, s, o, sent, f"passive {lemma}", 0.85, verb.i)
            else:
                s, o = (objects, subjects) if inverse else (subjects, objects)
                yield from self._emit(pred, s, o, sent, f"active {lemma}", 0.8, verb.i)
        if lemma in lex.sign_verbs:
            yield from self.signing(sent, verb, passive, agents if passive else self.subjects(verb))
        if lemma in ("launch", "begin", "start", "conduct", "mount", "wage", "carry") and not passive:
            # 'A launched an offensive / Operation X against B'
            targets = self.group(self.pobj(verb, "against"))
            obj = self.child(verb, "dobj")
            warlike = obj is not None and (obj.lower_ in lex.attack_nouns or obj.lower_ in lex.oppose_nouns
                                           or (m := self.m.at(obj.i)) is not None and m.kind == "Conflict")
            if targets and warlike:
                attackers = [e for e in self.subjects(verb) if e.kind in ACTOR_KINDS]
                yield from self._emit("opposes", attackers, targets, sent, "A launched X against B", 0.75, verb.i)
        if lemma in lex.supply_verbs and not passive:  # 'Iran supplied drones to Russia'
            obj = self.child(verb, "dobj")
            if obj is not None and obj.lemma_.lower() in lex.supply_nouns:
                to = self.group(self.pobj(verb, "to")) or self.group(self.child(verb, "dative"))
                yield from self._emit("supports", self.subjects(verb), to, sent, "X supplied arms to Y", 0.8, verb.i)
        if lemma in ("base", "headquarter") and verb.tag_ == "VBN":  # 'X, based in Y'
            where = [e for e in self.group(self.pobj(verb, "in")) if e.kind == "Place"]
            owners = self.passive_patients(verb) if verb.dep_ in ("acl", "relcl") or passive else []
            yield from self._emit("basedIn", owners, where, sent, "X based in Y", 0.8, verb.i)
        if lemma in lex.host_verbs and not passive:  # 'Cairo hosted the Hamas delegation'
            guests = [e for e in self.objects(verb) if e.kind in ("Official", "State", "Government")]
            yield from self._emit("met", self.subjects(verb), guests, sent, "X hosted Y", 0.75, verb.i)
        if lemma in lex.meet_verbs and not passive:
            others = self.objects(verb) + self.group(self.pobj(verb, "with"))
            yield from self._emit("met", self.subjects(verb), others, sent, "X met Y", 0.85, verb.i)
        if lemma in ("exchange", "hold", "discuss", "conduct") and not passive:
            obj = self.child(verb, "dobj")
            talks = ("view", "talk", "consultation", "meeting")
            if lemma == "discuss" or obj is not None and obj.lemma_.lower() in talks:
                subs = self.subjects(verb)
                with_ = self.group(self.pobj(verb, "with"))
                yield from self._pairs("met", subs, sent, "X and Y held talks", 0.8, verb.i)
                yield from self._emit("met", subs, with_, sent, "X held talks with Y", 0.8, verb.i)
        if lemma in lex.lead_verbs and passive:
            yield from self._emit("leads", agents, patients, sent, "Y led by X", 0.75, verb.i)

    def _pairs(self, pred, group, sent, pattern, conf, anchor) -> Iterator[Candidate]:
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                yield Candidate(pred, a, b, sent, pattern, conf, anchor)

    def signing(self, sent, verb, passive, signers) -> Iterator[Candidate]:
        """'A and B signed X', 'X was signed by A', 'X agreed between A and B', 'A signed X with B'."""
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.intent_verbs:
            return  # 'pledging to join', 'seeking to sign': not (yet) a party
        if passive:  # the parser may hang 'signed by' on the wrong noun: fall back to the sentence's agreement
            deals = [d for d in self.passive_patients(verb) if d.kind == "Agreement"] or self.agreements_in(sent)[:1]
            subj = self.child(verb, "nsubjpass")
            if not deals and subj is not None and subj.lower_ in ("it", "this", "they"):
                deals = self.m_last_agreement(sent.start)  # 'It was signed by A, B and C'
        else:
            deals = self.objects(verb) or [  # 'agreed on Wednesday to a ceasefire': every 'on'/'to'
                e for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "to")
                for e in self.group(self.child(c, "pobj"))]
            if not deals and verb.dep_ in ("acl", "relcl"):  # 'a ceasefire agreed between A and B'
                deals = self.group(verb.head)
        deals = [d for d in deals if d.kind == "Agreement"]
        between = self.group(self.pobj(verb, "between"))
        partners = self.group(self.pobj(verb, "with")) if not passive else []
        actors = [a for a in signers + between + partners if a.kind in ACTOR_KINDS]
        pattern = f"{'passive' if passive else 'active'} sign"
        yield from self._emit("partyTo", actors, deals, sent, pattern, 0.85, verb.i)
