"""Arguments that a pattern cannot read off its own tokens: anaphora (relations.anaphora), 'I' /
'we' in a quotation (its speaker), the agreement a stance or event word is about ('welcomed the
signing of X', 'decision to sign X', 'party to X'), the place a pronoun stands for ('It fell under
the control of X'), the members of 'several states, including A and B', of 'several locations
across P, including A' and of 'a coalition under the banner of X', and prepositional phrases the
parser hung on a noun of the clause ('signed in the capital of Y by A', 'on behalf of X')."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ACTOR_KINDS, Entity
from .anaphora import LAND_KINDS
from .passives import Passives

PLACE_PRONOUNS = ("it", "this")


class Context(Passives):
    """Mixin of `Arguments`: resolvers that look beyond the pattern's own tokens."""

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


    def fronted_split(self, noun: Token, any_noun: bool = False) -> tuple[list[Entity], list[Entity]] | None:
        """'Under the mediation of China, Saudi Arabia and Iran ... agreed': when the verb after a
        fronted broker phrase has no subject, the parser took the subjects into the broker list;
        the brokers are the names before the list's last comma, the subjects those after it
        ('of A, B and C, X and Y agreed': brokers A, B, C; subjects X, Y). `any_noun`: any fronted
        'of' phrase ('In the presence of X and Y, A and B signed')."""
        prep, of = noun.head, self.pobj(noun, "of")
        verb = prep.head
        if of is None or not any_noun and noun.lower_ not in self.lex.broker_nouns or prep.dep_ != "prep" \
                or verb.pos_ not in ("VERB", "AUX") or verb.i < noun.i or self.child(verb, "nsubj", "nsubjpass"):
            return None
        where = [(p, e) for e in self.group(of) if (p := self.pos(e, noun.sent)) is not None and p < verb.i]
        commas = [t.i for t in self.doc[min(where)[0]:max(where)[0]] if t.text == ","] if len(where) > 1 else []
        if not commas:
            return None
        return [e for p, e in where if p < commas[-1]], [e for p, e in where if p > commas[-1]]


    def fronted_subjects(self, verb: Token) -> list[Entity]:
        """The subjects a fronted phrase swallowed ('Under the auspices of X, A and B signed', 'in the
        presence of X and Y, A and B signed')."""
        for c in verb.children:
            if c.dep_ == "prep" and c.i < verb.i and (noun := self.child(c, "pobj")) is not None \
                    and (split := self.fronted_split(noun, any_noun=True)):
                return split[1]
        return []


    def title_name(self, tok: Token) -> list[Entity]:
        """The official named at the end of a title phrase: 'President of Somalia X', 'his
        Australian counterpart, Deputy Prime Minister and Minister of Defence X' (only title words,
        'of', 'and', the actors qualifying the title and punctuation may stand before the name)."""
        i, lex = tok.i + 1, self.lex
        while i < min(tok.sent.end, tok.i + 15):
            t, m = self.doc[i], self.m.at(i)
            if m is not None and m.kind == "Official":
                return [m.entity]
            if m is not None and m.kind in ACTOR_KINDS:
                i = m.end
                continue
            if not (t.lower_ in ("of", "for", "and", "the", ",") or t.is_title and t.pos_ in ("PROPN", "NOUN")
                    or t.lower_ in lex.titles or t.lower_ in lex.title_modifiers or t.lower_ in lex.title_head_words):
                return []
            i += 1
        return []


    def named(self, tok: Token) -> list[Entity]:
        """The entities named at the token and its conjuncts, not those a generic head stands for."""
        return list({id(m.entity): m.entity for t in [tok, *tok.conjuncts] if (m := self.m.at(t.i))}.values())


    def examples(self, tok: Token) -> list[Entity]:
        """'several Arab states, beginning with the UAE and Bahrain', 'armed groups, including A and
        B': the members a plural head is illustrated by."""
        if tok.tag_ not in ("NNS", "NNPS"):
            return []
        for c in tok.children:  # the parser hung the examples on the head: 'leaders of countries, including X'
            if c.dep_ == "prep" and c.lower_ in self.lex.example_markers and (p := self.child(c, "pobj")) is not None:
                return self.group(p)
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
        wherever the parser hung 'including'): the places or states P and what A, B are; 'Hamas
        targets in Gaza': Hamas and Gaza."""
        out = [m.entity for c in noun.children if c.dep_ in ("compound", "amod", "poss") and c.i < noun.i
               and (m := self.m.at(c.i)) is not None and m.kind in ACTOR_KINDS - {"Official"}]  # 'Hamas targets'
        heads = [noun, noun.head] if noun.dep_ in ("dobj", "nsubjpass", "pobj") else [noun]
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.i > noun.i and c.lower_ in ("across", "in", "throughout", "around"):
                    out += [e for e in self.group(self.child(c, "pobj")) if e.kind in LAND_KINDS]
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


    def colon_list(self, tok: Token) -> list[Entity]:
        """The names listed after the colon that closes a generic noun phrase ('three groups: B, C, and D',
        'the three countries that have backed him in the war: Angola, Namibia, and Zimbabwe')."""
        i = tok.right_edge.i + 1
        if i >= tok.sent.end or self.doc[i].text != ":":
            return []
        out: list[Entity] = []
        i += 1
        while i < tok.sent.end:
            t, m = self.doc[i], self.m.at(i)
            if m is not None and m.kind in ACTOR_KINDS - {"Official"}:
                out += [m.entity] if m.entity not in out else []
                i = m.end
            elif t.text == "," or t.lower_ in ("and", "the"):
                i += 1
            else:
                break
        return out

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
        if tok.pos_ == "NOUN" and low in lex.commitment_nouns:  # 'suspending its obligations under X'
            nextup = [self.child(c, "pobj") for c in tok.children if c.dep_ == "prep" and c.lower_ in ("under", "in")]
        for nxt in nextup:
            found += [e for e in self.agreements_reached(nxt, depth + 1) if e not in found]
        if not found and tok.pos_ == "NOUN" and low in lex.document_nouns and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
            return self.context_agreement(tok.sent)  # 'the Israeli Cabinet also approved the document'
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


    def post_holder(self, title: Token, actor: Entity) -> Entity | None:
        """The one official of the article whose post in `actor` has the title a plural title
        word names ('ministers' with its 'foreign'): 'the foreign ministers of A and B'."""
        words = {c.lower_ for c in title.children if c.dep_ in ("amod", "compound")}
        head = title.lemma_.lower()
        holders = {id(pf.official): pf.official for pf in self.posts if pf.post.post_in == actor
                   and (role := (pf.post.role_title or "").lower().split()) and role[-1] == head
                   and (words <= set(role) or len(role) == 1)}
        return next(iter(holders.values())) if len(holders) == 1 else None


    def possessing_person(self, poss: Token) -> Entity | None:
        """The official a possessive names: "Nkunda's", or 'his' for the sentence's subject."""
        m = self.m.at(poss.i)
        if m is not None:
            return m.entity if m.kind == "Official" else None
        return next(iter(self.person_subject(poss)), None) if poss.lower_ in ("his", "her") else None

    def led_group(self, official: Entity) -> Entity | None:
        """The one armed group or organisation the article says `official` leads, by a leader's
        title ('Hezbollah's leader, X') or 'led by X': whose 'X's forces' or 'his fighters' are."""
        kinds = ("ArmedGroup", "Organization")
        groups = {id(g): g for pf in self.posts if pf.official is official and not pf.member
                  and (g := pf.post.post_in) is not None and g.kind in kinds
                  and (pf.post.role_title or "").lower().split()[-1:] in ([w] for w in self.lex.leader_titles)}
        for tok in self.doc:  # 'a rebel group led by X'
            if tok.tag_ != "VBN" or tok.lemma_.lower() not in self.lex.lead_verbs:
                continue
            by = self.child(agent, "pobj") if (agent := self.child(tok, "agent")) is not None else None
            if by is not None and (m := self.m.at(by.i)) is not None and m.entity is official:
                groups |= {id(e): e for e in self.passive_patients(tok) if e.kind in kinds}
        return next(iter(groups.values())) if len(groups) == 1 else None

    def named_modifier(self, tok: Token, deps: tuple[str, ...], kinds: tuple[str, ...]) -> list[Entity]:
        """The last name among the modifiers before a head word, of the kinds given: 'the Khyber
        district', 'the banned X (TTP) group'."""
        named = [m.entity for c in tok.children if c.dep_ in deps and c.i < tok.i
                 and (m := self.m.at(c.i)) is not None and m.kind in kinds]
        return named[-1:]


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


    def place(self, tok: Token | None, city: bool = False) -> list[Entity]:
        """The places a token names; 'it' / 'the region' as a subject: the place that was the
        subject last ('Sinjar is wedged between ... It fell under the control of X')."""
        if tok is None:
            return []
        places = [e for e in self.group(tok) if e.kind == "Place"]
        own = self.m.at(tok.i)
        if city and not places and own is not None and own.source == "metonym":  # 'Kabul fell to X': the city
            name = self.doc[own.start:own.end].text
            places = [o.entity for o in self.m.all() if o.kind == "Place" and self.doc[o.start:o.end].text == name][:1]
        if places or own is not None:
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
        if tok.lower_ in self.lex.settlement_nouns:  # 'rebels entered Adre. ... X seized control of the town'
            for sent in reversed([s for s in self.sentences if s.start < here][-2:]):  # not 'Speaking in Dakar, ...'
                places = [m.entity for t in sent if (m := self.m.at(t.i)) is not None and m.kind == "Place"]
                if places:
                    return places[-1:]
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


    @staticmethod
    def reciprocal(tok: Token) -> bool:
        """'each other', 'one another'."""
        return tok.lower_ in ("other", "another") and tok.i > 0 and tok.nbor(-1).lower_ in ("each", "one")


    def led_by(self, tok: Token) -> list[Entity]:
        """The actor hyphened to 'led' before an unnamed noun: 'U.S.-led airstrikes', 'the
        Saudi-led coalition' stand for the leader."""
        for c in tok.children:
            if c.lower_ == "led" and c.dep_ == "amod" and 2 <= c.i < tok.i and self.doc[c.i - 1].text in ("-", "‑") \
                    and (m := self.m.at(c.i - 2)) is not None and m.kind in ACTOR_KINDS - {"Official"}:
                return [m.entity]
        return []
