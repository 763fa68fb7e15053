"""Anaphora among relation arguments (a mixin of `Arguments`, through `Context`): 'the leaders',
'the two sides', 'the two regions' (the actors named together just before), 'they' as a subject
(the last plural phrase), 'its' (the last subject or possessor) and a bare title ('the President',
'the Vice President': the official named with that very title)."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from ..model import ACTOR_KINDS, Entity

#: 'the leaders' stands for officials, 'the two countries' for states, 'the two regions' for states
#: or places, 'the sides' for any actor.
LAND_KINDS = frozenset({"State", "Place"})
_GROUPS = frozenset({"ArmedGroup", "Organization", "Government"})
ANAPHOR_KINDS = {"leaders": {"Official"}, "countries": {"State"}, "nations": {"State"}, "states": {"State"},
                 "governments": {"Government", "State"}, "regions": LAND_KINDS, "territories": LAND_KINDS,
                 "republics": LAND_KINDS, "groups": _GROUPS, "movements": _GROUPS, "forces": _GROUPS}
#: 'they' as a subject stands for the last plural subject (actors or places).
PLURAL_PRONOUNS = ("they",)


class Anaphora:
    """Mixin: what plural nouns, pronouns and bare titles stand for."""

    _in_anaphor = False  # set while an antecedent is being resolved (no anaphora inside it)
    _in_pronoun = False  # set while a pronoun's antecedent is (which may be 'the two sides')
    posts: list  # the article's posts (Arguments sets them)

    def post_state(self, official: Entity) -> Entity | None:
        """The state an official holds a post of in this article, if one."""
        states = {id(pf.post.post_in): pf.post.post_in for pf in self.posts
                  if pf.official is official and pf.post.post_in.kind == "State"}
        return next(iter(states.values())) if len(states) == 1 else None

    def people(self, tok: Token) -> bool:
        """'Some Lebanese backed X', 'many Syrians fled': a nationality counted is people, not the state."""
        return self.m.gaz.demonym(tok.text) is not None and any(
            c.dep_ in ("det", "amod", "nummod") and c.lower_ in self.lex.people_quantifiers for c in tok.children)

    def plural_antecedents(self, tok: Token) -> list[Entity]:
        """'the leaders', 'the two sides', 'both parties', 'the two regions' (a counted head):
        the actors named together (a conjunct list of two or more) last before, in this sentence
        or the two before it, of the kind the head says; 'they': see `pronoun_antecedents`."""
        lex = self.lex
        if tok.lower_ in PLURAL_PRONOUNS:
            return self.pronoun_antecedents(tok)
        if tok.lower_ in _NUMBERS and tok.dep_ in ("nsubj", "nsubjpass") and not self._in_anaphor \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            sents = self._three_sentences_to(tok.sent.start)  # 'The two signed an agreement': the two
            self._in_anaphor = True  # actors named together just before
            try:
                return self._antecedent_group(tok, sents, ACTOR_KINDS, _NUMBERS[tok.lower_])
            finally:
                self._in_anaphor = False
        counted = tok.lower_ in lex.counted_anaphors
        if not (tok.lower_ in lex.plural_anaphors or counted) or tok.tag_ not in ("NNS", "NNPS") or self._in_anaphor:
            return []
        dets = [c for c in tok.children if c.dep_ in ("det", "nummod", "predet")]
        if not dets or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return []
        number = next((_NUMBERS.get(c.lower_) for c in dets if c.lower_ in _NUMBERS), None)
        if counted and number is None:
            return []  # 'the regions' may be any regions; 'the two regions' are the two just named
        kinds = ANAPHOR_KINDS.get(tok.lower_, ACTOR_KINDS)
        here = tok.sent.start
        sents = self._three_sentences_to(here)
        self._in_anaphor = True  # the antecedent's own conjuncts are not resolved again
        try:
            return self._antecedent_group(tok, sents, kinds, number)
        finally:
            self._in_anaphor = False


    def _three_sentences_to(self, start: int) -> list[Span]:
        """The sentences starting at or before token `start`, the last three of them."""
        starts = getattr(self, "_sentence_starts", None)
        if starts is None or len(starts) != len(self.sentences):
            starts = self._sentence_starts = [s.start for s in self.sentences]
        k = bisect_right(starts, start)
        return self.sentences[max(0, k - 3):k]

    def pronoun_antecedents(self, tok: Token) -> list[Entity]:
        """'they' as a subject ('They are both recognised by X', 'that they had signed'): the
        actors or places of the last plural noun phrase before it that is a subject, an object or
        'between' whom (in this sentence or the two before it): a list ('A and B'), a plural head
        standing for actors ('representatives of A and B', 'the two sides'); nothing when that
        phrase names no actor ('backed the rebels ... They'). Talks and mediators are skipped
        ('A and B mediated talks between C and D. They signed ...' are C and D)."""
        if tok.lower_ not in PLURAL_PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass") or self._in_pronoun:
            return []
        both = any(c.lower_ == "both" for c in [*tok.children, *tok.head.children])
        sents = self._three_sentences_to(tok.sent.start)
        mediators = self._mediators(sents, tok)
        self._in_pronoun = True
        try:
            for sent in reversed(sents):
                for t in reversed(sent):
                    if t.i >= tok.i or not self._plural_phrase(t):
                        continue
                    group = [e for e in self.group(t) if e.kind in ACTOR_KINDS | LAND_KINDS]
                    if group and all(e in mediators for e in group) or not group and (
                            t.lemma_.lower() in self.lex.talks_nouns | self.lex.meet_nouns):
                        continue
                    enough = len(group) >= 2 or not t.conjuncts and len(group) == 1  # 'representatives of X'
                    return group if enough and (not both or len(group) == 2) else []
            return []
        finally:
            self._in_pronoun = False


    def _plural_phrase(self, t: Token) -> bool:
        """A plural noun phrase or a list, as a subject, an object or after 'between'; not what a
        subject is said to be ('A and B are disputed territories')."""
        said = t.head.lemma_ == "be" or any(c.dep_ == "auxpass" for c in t.head.children)
        role = t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "dobj" and not said \
            or t.dep_ == "pobj" and t.head.lower_ == "between"
        return role and t.lower_ not in PLURAL_PRONOUNS and t.tag_ not in ("WDT", "WP") and (
            t.tag_ in ("NNS", "NNPS") or bool(t.conjuncts))


    def possessor(self, tok: Token) -> list[Entity]:
        """'its' ('Abkhazia declared its independence after its war with Georgia', "Russia's
        invasion of Ukraine and its attacks"): the group, state or place that was last a subject
        or a possessor before it in its sentence (no person: 'its' is no 'his')."""
        if tok.lower_ in ("his", "her") and tok.dep_ == "poss":
            return self.person_subject(tok)
        if tok.lower_ != "its" or tok.dep_ != "poss":
            return []
        if self._in_response(tok):  # 'A sanctioned B in response to its attack': B's attack, not A's
            for i in range(tok.i - 1, tok.sent.start - 1, -1):
                m = self.m.at(i)
                if m is not None and m.kind in ACTOR_KINDS - {"Official"} and \
                        self.doc[m.start:m.end].root.dep_ not in ("nsubj", "nsubjpass", "poss"):
                    return [m.entity]
            return []
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            m = self.m.at(i)
            if m is None or i != m.start or m.kind not in ACTOR_KINDS - {"Official"} | LAND_KINDS:
                continue
            root = self.doc[m.start:m.end].root
            role = root.head.dep_ if root.dep_ == "conj" else root.dep_
            if role in ("nsubj", "nsubjpass", "poss"):
                named = next((n for t in self.doc[m.start:m.end] for c in t.children if c.dep_ == "appos"
                              and root.pos_ == "NOUN" and (n := self.m.at(c.i)) is not None and n is not m
                              and n.kind in ACTOR_KINDS - {"Official"}), None)
                return [named.entity if named is not None else m.entity]  # 'the exiled government, the NUG, ... its'
        first = self.m.at(tok.sent.start + (self.doc[tok.sent.start].lower_ == "the"))
        if first is not None and first.kind in ACTOR_KINDS - {"Official"} and first.end <= tok.i:
            return [first.entity]  # the sentence opens with it and the parser lost the subject ('IS claimed ...')
        return []


    def _in_response(self, tok: Token) -> bool:
        """'its' owns the object of 'in response to' / 'in retaliation for': one responds to another's act."""
        prep = tok.head.head
        return prep.dep_ == "prep" and prep.lower_ in ("to", "for") \
            and prep.head.lemma_.lower() in self.lex.response_nouns


    def person_subject(self, tok: Token) -> list[Entity]:
        """'his' / 'her': the person who was last a subject before it in its sentence ('that X
        worked ... during his state visit and his reception of Y')."""
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            m = self.m.at(i)
            tok_i = self.doc[i]
            role = tok_i.head.dep_ if tok_i.dep_ == "appos" else tok_i.dep_  # 'Y's leader, X, said his ...'
            if m is not None and m.kind == "Official" and role in ("nsubj", "nsubjpass") \
                    and self.doc[i].i == self.doc[m.start:m.end].root.i:
                return [m.entity]
        return []


    def _antecedent_group(self, tok: Token, sents: list[Span], kinds, number: int | None) -> list[Entity]:
        """The last conjunct list, or the people of the last meeting ('A met with B and C'), of two
        or more actors of `kinds` (of `number` members if given); not those who mediated."""
        mediators = self._mediators(sents, tok)
        for sent in reversed(sents):
            best: list[Entity] = []
            for t in sent:
                if t.i >= tok.i or (self.m.at(t.i) is None and t.lemma_.lower() not in self.lex.meet_verbs):
                    continue
                if t.pos_ == "VERB":  # the people of a meeting: subjects and those met
                    group = self.subjects(t) + self.group(self.pobj(t, "with")) + self.objects(t)
                elif t.dep_ == "conj":
                    continue
                else:
                    group = self.group(t)
                group = list({id(e): e for e in group if e.kind in kinds and e not in mediators}.values())
                if len(group) >= 2 and (number is None or len(group) == number) and len(group) >= len(best):
                    best = group
            if best:
                return best
        return []


    def _mediators(self, sents: list[Span], tok: Token) -> set[Entity]:
        """Who mediated, in these sentences up to the anaphor ('the President personally mediated')."""
        out: set[Entity] = set()
        for sent in sents:
            for t in sent:
                if t.i < tok.i and t.pos_ == "VERB" and t.lemma_.lower() in self.lex.broker_verbs:
                    out.update(self.subjects(t) + self.group(self.pobj(t, "by")))
        return out


    def titled_antecedent(self, tok: Token) -> list[Entity]:
        """'the President' (a bare title): the official named last with that very title before the
        name ('President Carter met ... the President mediated'; 'the Vice President' is Vice
        President Biden, not President Obama; a former or a qualified president is another one)."""
        lex = self.lex
        if tok.lower_ not in lex.title_head_words or not any(c.lower_ == "the" for c in tok.children):
            return []
        words = [c.lower_ for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod")
                 and c.lower_ in lex.title_modifiers] + [tok.lower_]
        k, by_token = len(words), self.m.by_token
        for i in range(tok.i - 1, k, -1):  # 0 < i < len(doc): by_token[i] is m.at(i)
            m = by_token[i]
            if m is None or m.kind != "Official" or m.start != i or [t.lower_ for t in self.doc[i - k:i]] != words:
                continue
            before = self.doc[i - k - 1]
            qualified = (self.m.at(before.i) is not None or before.tag_ == "POS" or self.m.state_of(before) is not None
                         or before.lower_ in lex.title_modifiers | lex.former_markers)
            if not qualified:  # 'President Carter', not 'Egyptian President Sadat'
                return [m.entity]
        return []


_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
