"""Arguments that a pattern cannot read off its own tokens: 'the leaders' / 'the two sides' (the
actors named together just before), 'I' / 'we' in a quotation (its speaker), the agreement a
stance or event word is about ('welcomed the signing of X', 'decision to sign X', 'party to X'),
the place a pronoun stands for ('It fell under the control of X'), the official a bare title
stands for ('the President'), the members of 'several states, including A and B' and of 'a
coalition under the banner of X', and prepositional phrases the parser hung on a noun of the
clause ('signed in the capital of Y by A', 'on behalf of X')."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ACTOR_KINDS, Entity

#: 'the leaders' stands for officials, 'the two countries' for states, 'the two regions' for states
#: or places, 'the sides' for any actor.
_LANDS = frozenset({"State", "Place"})
_GROUPS = frozenset({"ArmedGroup", "Organization", "Government"})
ANAPHOR_KINDS = {"leaders": {"Official"}, "countries": {"State"}, "nations": {"State"}, "states": {"State"},
                 "governments": {"Government", "State"}, "regions": _LANDS, "territories": _LANDS,
                 "republics": _LANDS, "groups": _GROUPS, "movements": _GROUPS, "forces": _GROUPS}
#: 'they' as a subject stands for the last plural subject (actors or places).
PLURAL_PRONOUNS = ("they",)
PLACE_PRONOUNS = ("it", "this")


class Context:
    """Mixin of `Arguments`: resolvers that look beyond the pattern's own tokens."""

    _in_anaphor = False  # set while an antecedent is being resolved (no anaphora inside it)
    _in_pronoun = False  # set while a pronoun's antecedent is (which may be 'the two sides')

    def plural_antecedents(self, tok: Token) -> list[Entity]:
        """'the leaders', 'the two sides', 'both parties', 'the two regions' (a counted head):
        the actors named together (a conjunct list of two or more) last before, in this sentence
        or the two before it, of the kind the head says; 'they': see `pronoun_antecedents`."""
        lex = self.lex
        if tok.lower_ in PLURAL_PRONOUNS:
            return self.pronoun_antecedents(tok)
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
        sents = [s for s in self.sentences if s.start <= here][-3:]
        self._in_anaphor = True  # the antecedent's own conjuncts are not resolved again
        try:
            return self._antecedent_group(tok, sents, kinds, number)
        finally:
            self._in_anaphor = False


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
        sents = [s for s in self.sentences if s.start <= tok.sent.start][-3:]
        mediators = self._mediators(sents, tok)
        self._in_pronoun = True
        try:
            for sent in reversed(sents):
                for t in reversed(sent):
                    if t.i >= tok.i or not self._plural_phrase(t):
                        continue
                    group = [e for e in self.group(t) if e.kind in ACTOR_KINDS | _LANDS]
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
        if tok.lower_ != "its" or tok.dep_ != "poss":
            return []
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            m = self.m.at(i)
            if m is None or i != m.start or m.kind not in ACTOR_KINDS - {"Official"} | _LANDS:
                continue
            root = self.doc[m.start:m.end].root
            role = root.head.dep_ if root.dep_ == "conj" else root.dep_
            if role in ("nsubj", "nsubjpass", "poss"):
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


    def behalf(self, tokens) -> list[Entity]:
        """The entities of 'on behalf of X' phrases among the tokens ('signed by A on behalf of X')."""
        return [e for t in tokens if t.lower_ == "of" and t.head.lower_ == "behalf"
                for e in self.group(self.child(t, "pobj"))]


    def clause_actors(self, noun: Token) -> list[Entity]:
        """Who the clause of a noun is about: the subjects of its verb, or the subjects of a
        passive verb ('A and B are sanctioned ... for support of X')."""
        head = noun.head
        for _ in range(6):
            if head.pos_ in ("VERB", "AUX") and head.dep_ != "prep" or head.dep_ == "ROOT":
                break
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return []
        return self.subjects(head) or self.passive_patients(head)


    def named(self, tok: Token) -> list[Entity]:
        """The entities named at the token and its conjuncts, not those a generic head stands for."""
        return list({id(m.entity): m.entity for t in [tok, *tok.conjuncts] if (m := self.m.at(t.i))}.values())


    def examples(self, tok: Token) -> list[Entity]:
        """'several Arab states, beginning with the UAE and Bahrain', 'armed groups, including A and
        B': the members a plural head is illustrated by."""
        if tok.tag_ not in ("NNS", "NNPS"):
            return []
        window = self.doc[tok.right_edge.i + 1:min(tok.right_edge.i + 5, tok.sent.end)]
        words = [t.lower_ for t in window]
        for marker in self.lex.example_markers:
            parts = marker.split()
            for k in range(len(words) - len(parts) + 1):
                if words[k:k + len(parts)] == parts and all(t.is_punct for t in window[:k]):
                    first = next((t for t in self.doc[window[k].i + len(parts):tok.sent.end] if not t.is_punct
                                  and t.lower_ not in ("the", "a")), None)
                    if first is not None and self.m.at(first.i) is not None:
                        return self.group(self.doc[self.m.at(first.i).end - 1])
        return []


    def sites(self, noun: Token) -> list[Entity]:
        """'several locations across P, including A and B' (the phrases on the noun or on its verb,
        wherever the parser hung 'including'): the places or states P and what A, B are."""
        out: list[Entity] = []
        heads = [noun, noun.head] if noun.dep_ in ("dobj", "nsubjpass", "pobj") else [noun]
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.i > noun.i and c.lower_ in ("across", "in", "throughout", "around"):
                    out += [e for e in self.group(self.child(c, "pobj")) if e.kind in _LANDS]
        for t in self.doc[noun.i + 1:noun.sent.end]:
            if t.lower_ in self.lex.example_markers and t.dep_ == "prep":
                out += self.group(self.child(t, "pobj"))
                break
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") or t.text == ";":
                break  # another clause
        return list({id(e): e for e in out}.values())


    def banner(self, noun: Token) -> list[Entity]:
        """'a coalition of armed groups under the banner of X', '... under the umbrella of X': X."""
        for t in noun.subtree:
            if t.lower_ in self.lex.banner_nouns and t.head.lower_ == "under" and t.i > noun.i:
                return self.group(self.pobj(t, "of"))
        return []


    def speaker(self, tok: Token) -> list[Entity]:
        """'I' or 'we' inside a quotation: the person or body the quotation is attributed to."""
        if tok.lower_ not in ("i", "we") or tok.i not in self.quoted:
            return []
        who = self.attributed.get(tok.sent.start)
        return [who] if who is not None else []


    def agreements_reached(self, tok: Token | None, depth: int = 0) -> list[Entity]:
        """The agreements a word is about: an agreement itself ('rejected the deal'), or through an
        event noun ('the signing / implementation / end of X', 'Ethiopia's decision to sign X'), a
        verb ('on signing X', 'refused to sign X', 'declined being signatory to X') or a party
        noun ('party to X'). A bare 'the signing' is the signing of the agreement in context."""
        if tok is None or depth > 3:
            return []
        lex = self.lex
        found = [e for e in self.group(tok) if e.kind == "Agreement"]
        if found or tok.pos_ == "PROPN" or self.m.at(tok.i) is not None:
            return found
        if tok.lower_ == "it" and tok.dep_ in ("dobj", "pobj"):  # 'A welcomed the deal, but B rejected it'
            return self.agreement_before(tok)
        low = tok.lemma_.lower()
        nextup = []
        if tok.pos_ == "NOUN" and (low in lex.event_nouns or low in lex.party_nouns):
            nextup = [self.child(c, "pobj") for c in tok.children
                      if c.dep_ == "prep" and c.lower_ in ("of", "to", "on", "for", "with")]
            nextup += [c for c in tok.children
                       if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lex.complement_verbs]
        elif tok.pos_ in ("VERB", "AUX") and low in lex.complement_verbs:
            nextup = [c for c in tok.children if c.dep_ in ("dobj", "attr", "acomp", "xcomp")]
            nextup += [self.child(c, "pobj") for c in tok.children
                       if c.dep_ == "prep" and c.lower_ in ("to", "on", "by", "with", "of")]
        for nxt in nextup:
            found += [e for e in self.agreements_reached(nxt, depth + 1) if e not in found]
        if not found and tok.pos_ == "NOUN" and low in lex.signing_nouns and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            found = self.context_agreement(tok.sent)
        return found


    def agreement_before(self, tok: Token) -> list[Entity]:
        """The agreement 'it' stands for: the last one named in its sentence or the one before."""
        index = next(k for k, s in enumerate(self.sentences) if s.start <= tok.i < s.end)
        start = self.sentences[max(0, index - 1)].start
        return [m.entity for t in reversed(self.doc[start:tok.i])
                if (m := self.m.at(t.i)) is not None and m.kind == "Agreement"][:1]


    def patient_agreements(self, verb: Token) -> list[Entity]:
        """The agreement a passive verb is about ('the accord was ratified by X'); 'it', 'this':
        the agreement in context ('It was signed ... and ratified by X')."""
        found = [e for e in self.passive_patients(verb) if e.kind == "Agreement"]
        subj = self.child(verb, "nsubjpass")
        if subj is None and verb.dep_ == "conj":
            subj = self.child(verb.head, "nsubjpass")
        if not found and subj is not None and subj.lower_ in ("it", "this") and self.m.at(subj.i) is None:
            return self.context_agreement(verb.sent)
        return found


    def owners(self, noun: Token) -> list[Entity]:
        """Whose a stance noun is: "Iran's support for X", 'A voiced support for X', or the
        speaker of the sentence ('"Congratulations on signing X," said A')."""
        own = self.group(self.child(noun, "poss"))
        if own:
            return own
        reported = noun.dep_ == "ROOT" or noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.attribution_verbs
        if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            own = self.subjects(noun.head)  # 'A voiced support for X'
        if not own and reported and (who := self.attributed.get(noun.sent.start)) is not None:
            own = [who]  # the quoted words themselves: '"Congratulations on signing X," said A'
        return own


    def paragraph_agreement(self, sent: Span) -> list[Entity]:
        """The agreement of the sentence or of its paragraph (before it, else after it), no further."""
        return self.context_agreement(sent, article=False)


    def context_agreement(self, sent: Span, article: bool = True) -> list[Entity]:
        """The agreement of the sentence; else the one named last before it in its paragraph,
        else the next one in its paragraph (a story of talks that ends with the signing), else
        the article's salient one."""
        here = [e for e in self.agreements_in(sent) if not self.called_for(e, sent)][:1]
        if here:
            return here
        start, end = self.paragraph(sent)
        before = self.last_agreement(sent.start)
        if before and self.pos(before[0], self.doc[start:sent.start]) is not None:
            return before
        after = [m.entity for t in self.doc[sent.end:end] if (m := self.m.at(t.i)) and m.kind == "Agreement"]
        return after[:1] or (self.salient_agreement() if article else [])


    def salient_agreement(self) -> list[Entity]:
        """The agreement the article is about (nlp.agreements decides it)."""
        return [self.m.salient_agreement] if self.m.salient_agreement is not None else []


    def called_for(self, e: Entity, sent: Span) -> bool:
        """The agreement is only called for, proposed or hoped for here ('called for a ceasefire')."""
        for t in sent:
            m = self.m.at(t.i)
            if m is not None and m.entity is e and t.i == m.end - 1 and t.dep_ in ("dobj", "pobj"):
                head = t.head.head if t.dep_ == "pobj" else t.head  # 'called for X', 'proposed X'
                if head.lemma_.lower() in self.lex.intent_verbs:
                    return True
        return False


    def paragraph(self, sent: Span) -> tuple[int, int]:
        """Token bounds of the paragraph (the text between line breaks) the sentence is in."""
        start, end = sent.start, sent.end
        while start > 0 and "\n" not in self.doc[start - 1].text:
            start -= 1
        while end < len(self.doc) and "\n" not in self.doc[end - 1].text:
            end += 1
        return start, end


    def place(self, tok: Token | None) -> list[Entity]:
        """The places a token names; 'it' / 'the region' as a subject: the place that was the
        subject last ('Sinjar is wedged between ... It fell under the control of X')."""
        if tok is None:
            return []
        places = [e for e in self.group(tok) if e.kind == "Place"]
        if places or self.m.at(tok.i) is not None:
            return places
        det = any(c.lower_ in ("the", "this", "that") for c in tok.children)
        pronoun = tok.lower_ in PLACE_PRONOUNS
        if not (pronoun or det and tok.lower_ in self.lex.place_nouns):
            return []
        here = tok.sent.start
        for sent in reversed([s for s in self.sentences if s.start <= here][-3:]):
            for t in reversed(sent):
                m = self.m.at(t.i)
                if t.i >= tok.i or m is None or t.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if m.kind == "Place":
                    return [m.entity]
                if pronoun:
                    return []  # 'it' is the last subject, and that is no place
        return []


    def titled_antecedent(self, tok: Token) -> list[Entity]:
        """'the President' (a bare title): the official named last with that very title before the
        name ('President Carter met ... the President mediated'; 'the Vice President' is Vice
        President Biden, not President Obama; a former or a qualified president is another one)."""
        lex = self.lex
        if tok.lower_ not in lex.title_head_words or not any(c.lower_ == "the" for c in tok.children):
            return []
        words = [c.lower_ for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod")
                 and c.lower_ in lex.title_modifiers] + [tok.lower_]
        k = len(words)
        for i in range(tok.i - 1, k, -1):
            m, before = self.m.at(i), self.doc[i - k - 1]
            if m is None or m.kind != "Official" or m.start != i or [t.lower_ for t in self.doc[i - k:i]] != words:
                continue
            qualified = (self.m.at(before.i) is not None or before.tag_ == "POS" or self.m.state_of(before) is not None
                         or before.lower_ in lex.title_modifiers | lex.former_markers)
            if not qualified:  # 'President Carter', not 'Egyptian President Sadat'
                return [m.entity]
        return []


    def pobjs_after(self, verb: Token, prep: str) -> list[Token]:
        """The objects of every `prep` phrase after the verb in its clause, wherever the parser
        hung them: 'signed in the Zambian capital by A, and by B', 'signed under the auspices of
        X between A and B'. The search stops at another verb (a clause of its own) and skips
        phrases on an event noun ('the anniversary of the invasion by X')."""
        lex, out = self.lex, []
        for t in self.doc[verb.i + 1:verb.sent.end]:
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") or t.text == ";":
                break
            head = t.head.lower_
            if t.lower_ == prep and t.dep_ in ("prep", "agent", "conj") and head not in lex.attack_nouns \
                    and head not in lex.oppose_nouns and not any(g.dep_ == "neg" for g in t.children) \
                    and (p := self.child(t, "pobj")) is not None:
                out.append(p)
        return out


_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
