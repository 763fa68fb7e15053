"""The arguments of relation patterns: which entities a token stands for in the article's mentions
(its own mention, the owners of 'Turkish drones', the members of 'representatives of A, B and C'),
conjunct groups and broken lists, a verb's subjects and objects. Patterns build Candidates with
`emit` and `pairs`."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..model import ACTOR_KINDS, Candidate, Entity
from ..nlp.lexicon import lexicon
from ..nlp.mentions import Mentions
from ..nlp.posts import PostFact
from .attribution import attributions, quoted_tokens
from .context import Context


def emit(pred, subjects, objects, sent, pattern, conf, anchor) -> Iterator[Candidate]:
    for s in subjects:
        for o in objects:
            if s is not o:
                yield Candidate(pred, s, o, sent, pattern, conf, anchor)


def pairs(pred, group, sent, pattern, conf, anchor) -> Iterator[Candidate]:
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            yield Candidate(pred, a, b, sent, pattern, conf, anchor)


class Arguments(Context):
    """Argument helpers over one Doc's mentions, shared by every pattern."""

    def __init__(self, mentions: Mentions):
        self.m, self.doc, self.lex = mentions, mentions.doc, lexicon()
        self.attributed, self.quoted = attributions(self.doc, mentions), quoted_tokens(self.doc)
        self.sentences = list(self.doc.sents)
        #: heads that stand for the entities qualifying them or named after 'of'
        self.generic_heads = self.lex.acting_heads | self.lex.group_heads | self.lex.representative_heads
        #: title tokens before a name -> the official (relations.patterns fills it from the posts)
        self.titled: dict[int, Entity] = {}
        #: the article's posts (relations.patterns sets them; read by Context.post_holder)
        self.posts: list[PostFact] = []

    def ref(self, tok: Token) -> Entity | None:
        refs = self.refs(tok)
        return refs[0] if refs else None

    def refs(self, tok: Token, depth: int = 0) -> list[Entity]:
        """The entities a token stands for: its own mention, or for a generic head ('Turkish drones', 'the forces
        of X', 'forces loyal to X', 'representatives of A, B and C') the entities that qualify it."""
        m = self.m.at(tok.i)
        if m is not None and m.kind == "State" and self.people(tok):
            return []
        if m is not None:
            return [m.entity]
        if (led := self.led_by(tok)):
            return led  # 'backed by U.S.-led airstrikes': the United States
        if tok.i in self.titled and tok.tag_ not in ("NNS", "NNPS"):  # 'by the UN Special Envoy to Somalia, X'
            return [self.titled[tok.i]]
        if tok.lower_ in self.lex.counterpart_words or tok.lower_ in self.lex.title_head_words \
                or tok.lower_ in self.lex.titles or tok.lower_ in self.lex.kin_nouns:
            # 'his Azerbaijani counterpart X'; "Angola's Minister for External Relations, X" (the name
            # after the whole title phrase, wherever the parser hung it)
            inner = next((t.i for t in tok.subtree if t.dep_ == "appos" and t.i > tok.i), tok.right_edge.i + 1)
            for start in dict.fromkeys((tok.i + 1, inner, tok.right_edge.i + 1)):
                for t in self.doc[start:min(start + 3, tok.sent.end)]:
                    named = self.m.at(t.i)
                    if named is not None:
                        if named.kind == "Official":
                            return [named.entity]
                        break
                    if not t.is_punct:
                        break
            if titled := self.title_name(tok):
                return titled  # 'with President of Somalia X', 'his counterpart, Deputy Prime Minister X'
            if tok.lower_ in self.lex.title_head_words and (titled := self.titled_antecedent(tok)):
                return titled  # 'the President' -> President Carter, named before
        if tok.tag_ in ("NNS", "NNPS") and depth <= 2 and (tok.lower_ in self.generic_heads | self.lex.listing_heads
                                                            or tok.lemma_.lower() in self.lex.title_head_words):
            listed = next((c for c in tok.children if c.dep_ == "appos"), None)
            if listed is not None or (after := self.colon_list(tok)):  # 'the foreign ministers of the three
                return self.group(listed, depth + 1) if listed is not None else after  # countries – A, B' (': A, B')
            if tok.lemma_.lower() in self.lex.title_head_words and (of := self.pobj(tok, "of")) is not None:
                # 'the foreign ministers of A and B met': each state's foreign minister where the
                # article names one, else the state
                return [self.post_holder(tok, e) or e for e in self.group(of, depth + 1)]
        if tok.lower_ == "state" and (named := self.named_modifier(tok, ("amod", "compound"), ("State",))):
            return named  # 'the conflict between the PKK and the Turkish state' (not 'UN member states')
        if tok.lower_ in self.lex.fighter_heads:  # 'Houthi rebels', 'the rebels of X'; not 'rebels loyal to X'
            named = [m.entity for c in tok.children if c.dep_ in ("amod", "compound", "nmod")
                     and (m := self.m.at(c.i)) is not None and m.kind in ACTOR_KINDS - {"Official"}
                     and not (c.i >= 2 and self.doc[c.i - 2].lower_ in ("pro", "anti"))]  # 'pro-Russian militants'
            if named or depth > 2:
                return named[:1]
            return self.group(self.pobj(tok, "of"), depth + 1) or [  # 'gunmen from (a cell of) X', not
                e for e in self.group(self.pobj(tok, "from"), depth + 1) if e.kind in ("ArmedGroup", "Organization")]
        if tok.lower_ in self.lex.named_group_heads and (
                named := self.named_modifier(tok, ("compound", "nmod"), ("ArmedGroup", "Organization"))):
            return named  # 'the banned Tehrik-i-Taliban Pakistan (TTP) group claimed'
        if tok.lower_ in self.lex.site_nouns and tok.tag_ == "NNS" and (sites := self.sites(tok)):
            return sites  # 'attacked several locations across P, including A and B'
        if tok.lower_ in self.lex.partitive_quantifiers and depth <= 2 and tok.pos_ in ("ADJ", "DET", "PRON", "NOUN") \
                and (of := self.pobj(tok, "of")) is not None and self.m.at(of.i) is None:
            return self.group(of, depth + 1)  # 'most of the roads in P were bombed': what the roads stand for
        place_noun = tok.lemma_.lower() in self.lex.place_nouns | self.lex.partitive_nouns  # 'portions of X'
        if place_noun and (named := self.named_modifier(tok, ("compound",), ("Place",))):
            return named  # 'the Khyber district', 'the North Kivu province of the DRC'
        if place_noun and (of := self.pobj(tok, "of")) is not None:
            return [e for e in self.group(of, depth + 1) if e.kind == "Place"]  # 'the town of X'
        if depth <= 2 and tok.pos_ == "NOUN" and (banner := self.banner(tok)):
            return banner  # 'a coalition of armed opposition under the banner of X'
        if depth > 2 or tok.lower_ not in self.generic_heads and tok.lemma_.lower() not in self.generic_heads:
            return self.speaker(tok) or self.plural_antecedents(tok) or self.possessor(tok)
        representing = tok.lower_ in self.lex.representative_heads
        acting = representing or tok.lower_ in self.lex.acting_heads or tok.lemma_.lower() in self.lex.acting_heads
        for child in tok.children:
            if child.dep_ == "poss" and acting and tok.lower_ in self.lex.force_words | self.lex.fighter_heads \
                    and (person := self.possessing_person(child)) and (group := self.led_group(person)):
                return [group]  # "Nkunda's forces", 'his fighters': the group the person leads
            if child.dep_ in ("amod", "compound", "poss", "nmod") and self.m.at(child.i) and acting \
                    and self.m.at(child.i).kind in ACTOR_KINDS:  # 'Tuareg rebels of the MNLA': not the place
                return [self.m.at(child.i).entity] + [  # 'Russian and Ukrainian delegations'
                    m.entity for c in child.conjuncts if child.dep_ in ("amod", "nmod")
                    and (m := self.m.at(c.i)) is not None
                    and m.kind in ACTOR_KINDS and m.entity is not self.m.at(child.i).entity]
            if child.dep_ == "poss" and acting and (own := self.possessor(child)):
                if tok.lower_ in self.lex.government_heads:  # 'Atti notes that his government has signed':
                    own = [self.post_state(e) if e.kind == "Official" else e for e in own]  # his state's, not his
                    return [e for e in own if e is not None]
                return own  # 'Hezbollah said its fighters had attacked ...'
        for child in tok.children:
            if child.dep_ == "prep" and (child.lower_ == "of" or representing and child.lower_ in ("for", "from")
                                         or tok.lower_ in self.lex.force_words and child.lower_ == "from"):
                p = self.child(child, "pobj")
                if p is not None:
                    return self.group(p, depth + 1)
            if child.dep_ == "amod" and child.lower_ == "loyal":
                for prep in child.children:
                    p = self.child(prep, "pobj")
                    if p is not None:
                        return self.group(p, depth + 1)
        return self.examples(tok) or self.plural_antecedents(tok)

    def group(self, tok: Token | None, depth: int = 0) -> list[Entity]:
        """A token and its conjuncts ('Russia, Egypt and the UAE') as entities; appositions in
        a list and flat lists the parser broke ('Sadat and Israeli Prime Minister Begin') too."""
        if tok is None:
            return []
        out: list[Entity] = []
        members = [t for t in (tok, *tok.conjuncts) if not self.negated_member(t) and not self.after_colon(tok, t)]
        for t in members:
            m = self.m.at(t.i)
            if m is not None and m.kind != "Official" and t.dep_ == "conj":
                person = self.titled_person(m)  # 'A and Kosovo prime minister B': B, not Kosovo
                if person is not m:
                    out += [person.entity] if person.entity not in out else []
                    continue
            for e in self.refs(t, depth):
                if e not in out:
                    out.append(e)
            own = self.m.at(t.i)
            # 'by A and X's President B', parsed with A as a modifier of B or of B's title, or A's given name compounded
            for c in [*t.children, *(g for k in t.children if k.dep_ == "compound" for g in k.children)]:
                m = self.m.at(c.i)
                if m is not None and own is not None and m.kind == own.kind == "Official" and c not in members \
                        and m.entity is not own.entity and (c.dep_ == "nmod" and any(g.dep_ == "cc" for g in c.children)
                        or c.dep_ == "compound" and m.end < own.start and self.doc[own.start - 1].lower_ == "and"):
                    members.append(c)
            for c in t.children:  # 'President Carter, President Sadat, and Prime Minister Begin'
                m = self.m.at(c.i)
                if c.dep_ == "appos" and m is not None and own is not None and m.kind == own.kind \
                        and c not in members and self.doc[m.start - 1].text != "(" \
                        and m.source != "descriptive":  # '(RSF)' names it again; 'A, a coalition' describes it
                    members += [c, *c.conjuncts]  # the list goes on from the apposition
                elif c.dep_ == "appos" and m is None and own is not None:  # 'A, the former PM of X, and B'
                    members += [x for x in c.conjuncts
                                if x not in members and (n := self.m.at(x.i)) and n.kind == own.kind]
            if own is not None and own.kind == "Official" and (of := self.pobj(t, "of")) is not None:
                for c in of.conjuncts:  # 'A of X, B of Y and C of Z': C hangs on Y
                    m = self.m.at(c.i)
                    if m is not None and m.kind == "Official" and c.i > t.i and m.entity not in out:
                        out.append(m.entity)
        if out:
            last = max(members, key=lambda t: t.i)
            for e in self.list_tail(last):
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

    def after_colon(self, tok: Token, member: Token) -> bool:
        """A conjunct the parser hung across a colon: 'A, a coalition of three groups: B, C and D'
        lists A's members, not A's peers."""
        return member.i > tok.i and any(t.text == ":" for t in self.doc[tok.i + 1:member.i])

    @staticmethod
    def negated_member(tok: Token) -> bool:
        """A list member the text excludes: 'only A but not B', 'A, not B' (not 'not only A')."""
        return any(c.dep_ == "neg" and c.i < tok.i and c.nbor().lower_ not in ("only", "just", "merely")
                   for c in tok.children)

    def list_tail(self, tok: Token) -> list[Entity]:
        """Items of a list the parser did not attach: 'X, the Russian Federation, the DPR (DPR), and the OSCE'.
        Only a list closed by 'and'/'or' counts; 'Israeli Prime Minister Begin' is the person, not his state."""
        m = self.m.at(tok.i)
        i = m.end if m is not None else tok.i + 1
        items: list[tuple[Entity, bool]] = []
        sep, conj, person = False, False, m is not None and m.kind == "Official"
        while i < len(self.doc) and i < tok.sent.end:
            t = self.doc[i]
            if t.text == "," or t.lower_ in ("and", "or"):
                sep, conj, i = True, conj or t.lower_ in ("and", "or"), i + 1
            elif t.lower_ in ("the", "a") or t.text == ")" or sep and t.lower_ in self.lex.honorifics:
                i += 1  # '..., Mr. David Kimche for Israel'
            elif person and not sep and t.lower_ in ("of", "for") and i + 1 < tok.sent.end and (q := self.m.at(
                    i + 1 + (self.doc[i + 1].lower_ == "the"))) is not None and q.kind in ("State", "Organization"):
                i = q.end  # 'A of Germany, B of Russia, and C of France', 'A for X, B for Y': the state qualifies
                # the person
            elif t.text == "(" and (close := next((j for j in range(i + 2, min(i + 7, tok.sent.end))
                                                    if self.doc[j].text == ")"), None)) is not None \
                    and not any(x.text in ("(", ",") for x in self.doc[i + 1:close]):
                i = close + 1  # '(PRG)', '(North Vietnam)': another name of the item before it
            elif sep and (m := self.m.at(i)) is not None and m.kind in ACTOR_KINDS:
                m = self.titled_person(m)
                items.append((m.entity, conj))
                sep, conj, i, person = False, False, m.end, m.kind == "Official"
            elif sep and t.pos_ == "NOUN" and self.m.at(i) is None and (refs := self.refs(t)):
                items += [(e, conj) for e in refs]  # '..., and a coalition of groups under the banner of X'
                sep, conj, i, person = False, False, max(t.right_edge.i + 1, i + 1), False
            else:
                break
        last = max((k for k, (_, c) in enumerate(items) if c), default=-1)
        return [e for e, _ in items[:last + 1]]

    def titled_person(self, m):
        """A state or organisation qualifying a title that is followed by a name: the person (in
        the same sentence: '... the Government of Rwanda. / Foreign Minister X' is no title of X)."""
        if m.kind == "Official":
            return m
        j, end = m.end, self.doc[m.start].sent.end
        while j < min(len(self.doc), end) and j < m.end + 5:
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
        """The object of the token's first `preps` phrase that is not negated ('but not by X')."""
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in preps and not any(g.dep_ == "neg" for g in c.children):
                return self.child(c, "pobj")
        return None

    def subjects(self, verb: Token) -> list[Entity]:
        """The verb's subject, or for a relative clause / participle its antecedent, or the subject of its verb."""
        subj = self.child(verb, "nsubj")
        if subj is not None and verb.dep_ == "advcl" and subj.i >= 2 and self.doc[subj.i - 1].text == "," \
                and (p := self.m.at(subj.i - 2)) is not None and p.kind == "Place" and p.entity is not self.ref(subj):
            return self.subjects(verb.head)  # 'arrived in Lusaka, Zambia to sign X': the country is where
        if subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            head = verb.head  # 'X, a politician who leads Y': the antecedent of the apposition
            return self.group(head) or (self.group(head.head) if head.dep_ == "appos" else [])
        if subj is not None:
            return self.group(subj)
        if verb.dep_ == "conj":
            return self.subjects(verb.head)
        for c in verb.children:  # mis-parse 'as X has made ...': X hangs under the marker
            if c.dep_ == "mark" and (p := self.child(c, "pobj")) is not None:
                return self.group(p)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in self.lex.statement_nouns:
            return self.governing_subjects(verb.head)  # 'A issued a statement condemning X'
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and (verb.tag_ == "VBG" or (
                verb.head.dep_ == "ROOT" or verb.tag_ in ("VBD", "VBN")) and self.child(verb, "dobj") is not None):
            return self.group(verb.head)  # 'the troops protecting X'; 'The Saudi-led coalition bombed X' (a
            # participle with an object of its own is the noun's verb: 'after a U.S.-led coalition invaded X')
        if verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.pos_ == "NOUN" \
                and verb.lemma_.lower() in self.lex.oppose_verbs:
            # "the rebels' campaign to topple X", "A launched a bid to oust Y": a hostile aim is opposition
            # (an 'effort to facilitate' or 'to assist' is only intended: no subject for it)
            owner = self.child(verb.head, "poss")
            return self.group(owner) if owner is not None else self.governing_subjects(verb.head)
        if verb.dep_ == "pcomp" and verb.head.lower_ == "for" and verb.head.head.pos_ == "VERB":
            return self.group(self.child(verb.head.head, "dobj"))  # 'commend A and B for agreeing'
        if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr":
            return self.subjects(verb.head.head)  # 'A became the first country to recognize X'
        if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head.head)  # 'A signed ... by signing X'
        if verb.dep_ == "xcomp" and (obj := self.child(verb.head, "dobj")) is not None and obj.i < verb.i \
                and verb.head.lemma_.lower() in self.lex.object_control_verbs:
            return self.group(obj)  # 'A urged B to sign X': B signs (the object controls the clause)
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "able" and verb.head.dep_ == "acomp":
            return self.subjects(verb.head.head)  # 'the parties were able to agree to X' (not 'ready to')
        if verb.dep_ in ("xcomp", "advcl", "pcomp", "acl") and verb.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head)
        return self.fronted_subjects(verb)  # 'Under the auspices of X, A and B signed'

    def objects(self, verb: Token) -> list[Entity]:
        """The verb's object; 'each other', 'one another': its subjects (each is the other's);
        'armed and unleashed X': the object of the verb it is joined to right after it."""
        obj = self.child(verb, "dobj", "attr")
        if obj is None and verb.pos_ == "VERB":
            shared = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i <= verb.i + 3
                           and all(t.dep_ in ("cc", "advmod") for t in self.doc[verb.i + 1:c.i])), None)
            obj = self.child(shared, "dobj") if shared is not None else None
        if obj is not None and self.reciprocal(obj):
            return self.subjects(verb)
        if obj is not None and obj.tag_ in ("WDT", "WP"):  # 'the agreement that the US helped to broker'
            rel = verb
            while rel.dep_ == "xcomp" and rel.head.i != rel.i:
                rel = rel.head
            return self.group(rel.head) if rel.dep_ == "relcl" else []
        out = self.group(obj)
        if obj is not None and not out:  # "backing the forces of X": group() already looks inside
            return []
        return out

    def agreements_in(self, sent: Span) -> list[Entity]:
        return list({id(m.entity): m.entity for t in sent if (m := self.m.at(t.i)) and m.kind == "Agreement"}.values())

    # -- patterns -------------------------------------------------------------------------------

    def last_agreement(self, before: int) -> list[Entity]:
        for i in range(before - 1, -1, -1):
            m = self.m.at(i)
            if m is not None and m.kind == "Agreement":
                return [m.entity]
        return []

    def agents_of(self, noun: Token) -> list[Entity]:
        """'an operation conducted by A and B' -> A, B."""
        for c in noun.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                return self.group(self.pobj(c, "by"))
        return []

    def pos(self, e: Entity, sent: Span) -> int | None:
        return next((t.i for t in sent if (m := self.m.at(t.i)) and m.entity is e), None)

    def governing_subjects(self, noun: Token) -> list[Entity]:
        """The subject of the verb a noun is the object of ('A launched an offensive ...')."""
        head = noun.head
        for _ in range(4):  # through 'a wave of', 'a series of': 'launched a wave of strikes'
            if head.dep_ == "prep" or head.pos_ == "ADP":
                head = head.head
            elif head.pos_ == "NOUN" and head.dep_ in ("dobj", "pobj") and any(
                    c.lower_ == "of" and c.dep_ == "prep" for c in head.children):
                head = head.head
            else:
                break
        if head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "pobj", "attr"):
            return [e for e in self.subjects(head) if e.kind in ACTOR_KINDS]
        return []

    def antecedent(self, tok: Token) -> list[Entity]:
        for i in range(tok.i - 1, max(tok.sent.start, tok.i - 12) - 1, -1):
            m = self.m.at(i)
            if m is not None and m.kind in ("ArmedGroup", "Organization", "Government"):
                return [m.entity]
        return []

    def next_actor(self, start: int, end: int) -> Entity | None:
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

