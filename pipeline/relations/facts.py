"""From candidates to facts: each candidate is checked against its relation's signature (read from
the ontology), dropped when negated, scored, dated and attributed; duplicates keep the best.

Confidence (docs/ARCHITECTURE.md) is the calibrated model of relations/confidence.py over the
fact's features: the pattern's base strength, hedging ('reportedly', 'analysts say', 'may'), the
distance between the arguments, how they were resolved, the relation.
"""

from __future__ import annotations

import math
from datetime import date

from spacy.tokens import Doc, Span, Token

from geonews.ontology import SYMMETRIC, signatures

from ..model import Article, Candidate, Fact, Offsets, Qualifier
from ..nlp.mentions import Mentions
from .attribution import attributions
from .confidence import REFERENCE_SOURCES, calibrated, logit
from .dates import dateline, normalize

DATED = {"partyTo", "brokered", "met", "attacked"}


def reference_date(article: Article) -> date | None:
    if article.published:
        return date.fromisoformat(article.published[:10])
    return dateline(article.text)


class FactChecker:
    """Turns one article's candidates into facts."""

    def __init__(self, doc: Doc, article: Article, mentions: Mentions):
        self.doc, self.article, self.mentions, self.lex = doc, article, mentions, mentions.lex
        self.signatures = signatures()
        self.ref = reference_date(article)
        self.attribution = attributions(doc, mentions)
        self.dates: dict[int, list[Span]] = {}  # sentence start -> its DATE entities
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self.dates.setdefault(ent.sent.start, []).append(ent)

    def facts(self, candidates: list[Candidate]) -> list[Fact]:
        """The checked facts, one per (relation, subject, object), the most confident kept."""
        facts: dict[tuple, Fact] = {}
        for c in candidates:
            f = self.fact(c)
            if f is None:
                continue
            key = (f.predicate, *sorted((f.subject.ident, f.object.ident))) if f.predicate in SYMMETRIC \
                else (f.predicate, f.subject.ident, f.object.ident)
            if key not in facts or facts[key].confidence < f.confidence:
                facts[key] = f
        return list(facts.values())

    def fact(self, c: Candidate) -> Fact | None:
        sig = self.signatures[c.predicate]
        if c.subject.kind not in sig.domain or c.object.kind not in sig.range or c.subject.ident == c.object.ident:
            return None
        promise = c.predicate == "endorses" and self.doc[c.anchor].lemma_.lower() in self.lex.promise_verbs
        if self._negated(c.anchor) and not self._presupposed(c) or self._intended(c.anchor) and not self._hostile(c) \
                or self._future(c.anchor) and not promise:
            return None  # 'refused to sign', 'threatened to withdraw from X', 'plans to strike X', 'will host'
        sent = c.sent
        hedged = self._hedged(sent)
        features = self._features(c, hedged)
        begin, end = _sentence_offsets(sent)
        return Fact(
            predicate=c.predicate, subject=c.subject, object=c.object,
            evidence=Offsets(begin, end), confidence=calibrated(features),
            pattern=c.pattern, date=self._date(c) if c.predicate in DATED else None,
            attributed_to=self.attribution.get(sent.start), hedged=hedged, features=features,
        )

    def _features(self, c: Candidate, hedged: bool) -> dict[str, float]:
        """What the calibrated confidence is computed from (relations/confidence.py)."""
        distance = self._distance(c)
        in_sentence = {id(m.entity): m for t in c.sent if (m := self.mentions.at(t.i)) is not None}
        args = [in_sentence.get(id(c.subject)), in_sentence.get(id(c.object))]
        obj = c.object.post_in if c.predicate == "holdsPost" and c.object.post_in else c.object
        return {
            "base_logit": logit(c.confidence),
            "hedged": float(hedged),
            "far": float(distance > 20),
            "log_distance": math.log1p(distance) / 3,
            "outside": float(None in args),
            "by_reference": float(any(m is not None and m.source in REFERENCE_SOURCES for m in args)),
            "unnamed_agreement": float(c.object.kind == "Agreement" and not c.object.named),
            "unlinked": float(not c.subject.qid and not obj.qid),
            "log_sentence": math.log(max(1, len(c.sent))) / 4,
            f"relation={c.predicate}": 1.0,
        }

    def _negated(self, anchor: int) -> bool:
        """'does not support', 'no longer backs', 'never signed', 'denied backing', 'refused to sign'."""
        tok = self.doc[anchor]
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "able" and tok.head.dep_ == "acomp":
            tok = tok.head.head  # 'A and B were not able to agree': the negation is on 'were'
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
            return True
        before = [t.lower_ for t in self.doc[max(tok.sent.start, anchor - 3):anchor]]
        if "longer" in before and "no" in before or "never" in before:
            return True
        if tok.dep_ in ("xcomp", "ccomp", "pcomp") or tok.pos_ == "NOUN" and tok.dep_ == "dobj":
            head = tok.head
            if head.lemma_.lower() in self.lex.negating_verbs or any(c.dep_ == "neg" for c in head.children):
                return True
        return False

    def _presupposed(self, c: Candidate) -> bool:
        """'the protocols did not mention the conflict between A and B': a definite noun phrase
        that states the relation between two of its own words is taken as given; negating the verb
        it is the object of does not negate it (unlike 'denied the attack on B', whose attacker is
        the verb's subject, outside the noun phrase)."""
        tok = self.doc[c.anchor]
        if tok.pos_ not in ("NOUN", "PROPN") or not any(
                ch.dep_ == "det" and ch.lower_ in ("the", "this", "that") or ch.dep_ == "poss" for ch in tok.children):
            return False
        inside = {id(m.entity) for t in tok.subtree if t.i != tok.i and (m := self.mentions.at(t.i)) is not None}
        return id(c.subject) in inside and id(c.object) in inside

    def _future(self, anchor: int) -> bool:
        """'A will host talks between B and C next week', 'X will be signed by A', 'said his forces
        would launch an assault on B': not yet a fact
        (the verb of the anchor, or of the noun it is the object of, has 'will' / 'shall')."""
        tok = self.doc[anchor]
        verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") else tok
        return any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "would") for c in verb.children)


    def _intended(self, anchor: int) -> bool:
        """'threatened to withdraw from X', 'plans to ratify X': the verb is the complement of an
        intent verb. (A rejection needs no such check: 'refused to sign X' is anchored on 'refused'.)"""
        tok = self.doc[anchor]
        infinitive = tok.dep_ == "xcomp" or tok.dep_ == "ccomp" and any(  # 'expects all parties to abide by X'
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        return infinitive and tok.head.lemma_.lower() in self.lex.intent_verbs \
            and tok.head.lemma_.lower() not in self.lex.negating_verbs

    def _hostile(self, c: Candidate) -> bool:
        """'A is seeking to overthrow B', 'A vowed to fight B', 'threatened to attack B': the intent to
        fight is itself opposition (the guide's 'threatens to attack'); an intended attack is no attack."""
        return c.predicate == "opposes" and self.doc[c.anchor].head.lemma_.lower() in self.lex.hostile_intent_verbs

    def _hedged(self, sent: Span) -> bool:
        known = self.__dict__.setdefault("_hedged_sents", {})  # several candidates share a sentence
        key = (sent.start, sent.end)
        if key not in known:
            known[key] = self._hedged_sentence(sent)
        return known[key]

    def _hedged_sentence(self, sent: Span) -> bool:
        # a hedge word as a word, not as a name or a date ('1 May 2023')
        words = [t.lower_ for t in sent if not t.ent_type_ and (t.tag_ == "MD" or t.pos_ != "AUX")]
        text = " ".join(t.lower_ for t in sent)
        return any(w in self.lex.hedges for w in words) or any(" " in h and h in text for h in self.lex.hedges)

    def _distance(self, c: Candidate) -> int:
        """Tokens between the closest mentions of subject and object in the evidence sentence."""
        where: dict[int, list[int]] = {}
        for t in c.sent:
            m = self.mentions.at(t.i)
            if m is not None and m.start == t.i:
                where.setdefault(id(m.entity), []).append(t.i)
        a, b = where.get(id(c.subject), []), where.get(id(c.object), [])
        return min((abs(i - j) for i in a for j in b), default=0)

    def _date(self, c: Candidate) -> str | None:
        best: tuple[int, str] | None = None
        for ent in self.dates.get(c.sent.start, []):
            if ent.label_ == "DATE":
                text = ent.text
                before = self.doc[ent.start - 1] if ent.start > c.sent.start else None
                if before is not None and before.lower_ in self.lex.period_markers:
                    continue  # 'frozen since 2022' bounds a period; it does not date the fact
                if before is not None and before.like_num and before.text.isdigit() and int(before.text) <= 31:
                    text = f"{before.text} {text}"  # the NER sometimes leaves the day out: '5 | September 2014'
                value = normalize(text, self.ref)
                if value and not _in_other_subclause(ent.root, self.doc[c.anchor]):
                    dist = min(abs(ent.start - c.anchor), abs(ent.end - c.anchor))
                    if best is None or dist < best[0]:
                        best = (dist, value)
        return best[1] if best else None


def agreement_dates(facts: list[Fact]) -> list[Qualifier]:
    """An agreement's date: the full date of the first signing fact that has one."""
    out, seen = [], set()
    for f in facts:
        if f.predicate == "partyTo" and f.date and len(f.date) == 10 and id(f.object) not in seen:
            seen.add(id(f.object))
            out.append(Qualifier(f.object, "date", f.date))
    return out


def _clause(tok: Token) -> Token:
    """The verb heading the clause a token is in ('signed ... on 5 September' -> signed)."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
        tok = tok.head
    return tok


def _in_other_subclause(date: Token, anchor: Token) -> bool:
    """The date belongs to a relative or adverbial clause that does not hold the fact
    ('..., which broke out in mid December 2013'), so it dates something else."""
    clause = _clause(date)
    if clause.dep_ not in ("relcl", "advcl", "acl", "ccomp") or clause.i == _clause(anchor).i:
        return False
    return anchor.i not in {t.i for t in clause.subtree}


def _sentence_offsets(sent: Span) -> tuple[int, int]:
    text = sent.text
    begin = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return begin, end
