"""Who a passive verb is about and by whom (a mixin of `Arguments`, through `Context`): 'signed by
A and B', 'X, backed by Y', 'it was signed ... and ratified by X', 'the rebels are believed to be
backed by Iran', and the agreement a subject 'it' stands for."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Entity
from .anaphora import Anaphora


class Passives(Anaphora):
    """Mixin: the agents and patients of passive verbs."""

    def passive_agents(self, verb: Token) -> list[Entity]:
        """The 'by' phrase of a passive verb, or the one the parser hung on its 'as' complement
        ('recognised as independent states by A, B and C')."""
        agents = self.group(self.pobj(verb, "by"))
        for c in verb.children if not agents else ():
            if c.dep_ == "prep" and c.lower_ == "as" and (p := self.child(c, "pobj")) is not None:
                agents = self.group(self.pobj(p, "by"))
        if (close := self._set_off(verb)) is not None:  # 'A, supported by B, and C': not C
            agents = [e for e in agents if (i := self.pos(e, verb.sent)) is None or i < close]
        return agents

    def _set_off(self, verb: Token) -> int | None:
        """Where a participle phrase set off by commas after its noun ends ('A, supported by B, and
        C fought ...': at the second comma), or None."""
        doc = self.doc
        if verb.dep_ != "acl" or verb.i < 1 or doc[verb.i - 1].text != "," or verb.head.i > verb.i:
            return None
        return next((t.i for t in doc[verb.i + 1:verb.sent.end] if t.text == ","), None)

    def passive_patients(self, verb: Token) -> list[Entity]:
        subj = self.child(verb, "nsubjpass")
        if subj is not None and subj.tag_ in ("WDT", "WP") or subj is None and verb.dep_ in ("relcl", "acl"):
            antecedents = self.group(verb.head)
            if self._set_off(verb) is not None:  # 'A, supported by B, and C': A alone is supported
                antecedents = [e for e in antecedents if (i := self.pos(e, verb.sent)) is None or i < verb.i]
            if not antecedents and verb.head.dep_ == "appos" and self.m.at(verb.head.i) is None:
                antecedents = self.group(verb.head.head)  # 'X, a rebel group led by Y': X
            if subj is not None and subj.lower_ in ("which", "that"):
                # 'the forces loyal to Assad, which is backed by Russia': 'which' is not a person
                antecedents = [e for e in antecedents if e.kind != "Official"]
            return antecedents
        if subj is None and verb.dep_ == "conj" and verb.head.tag_ == "VBN":
            return self.passive_patients(verb.head)  # 'It was signed ... and ratified by X'
        if subj is None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.raising_verbs:
            head = verb.head
            raised = self.child(head, "nsubjpass") or self.child(head, "nsubj")
            while raised is None and head.dep_ == "conj":  # 'are allied with X and are believed to be backed'
                head = head.head
                raised = self.child(head, "nsubjpass") or self.child(head, "nsubj")
            return self.group(raised)  # 'the rebels are widely believed to be backed by Iran'
        if subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i:
            # 'X, backed by Y, captured ...': X is backed; 'Mediated by Y, it served as ...': the
            # agreement 'it' stands for, the one a sentence before was about
            return self.subjects(verb.head) or self.subject_agreement(self.child(verb.head, "nsubj"))
        return self.group(subj)

    def subject_agreement(self, tok: Token | None) -> list[Entity]:
        """'it' as a subject: the agreement that was the subject of one of the two sentences before."""
        if tok is None or tok.lower_ != "it":
            return []
        for sent in reversed([s for s in self.sentences if s.start < tok.sent.start][-2:]):
            found = [m.entity for t in sent if t.dep_ in ("nsubj", "nsubjpass")
                     and (m := self.m.at(t.i)) is not None and m.kind == "Agreement"]
            if found:
                return found[:1]
        return []
