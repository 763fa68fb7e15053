"""From a spaCy Doc to an Extraction: mentions -> posts -> relation patterns -> checked,
dated, attributed and scored facts.

Confidence (documented in docs/ARCHITECTURE.md): each pattern has a base strength (0.7-0.9);
hedging ('reportedly', 'analysts say', 'may') subtracts 0.25; arguments far apart in the
sentence (> 20 tokens) subtract 0.1; the result is clamped to [0.05, 0.99].
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from geonews.ontology import SYMMETRIC

from .dates import dateline, normalize
from .iris import digest
from .lexicon import lexicon
from .link import load_gazetteer
from .mentions import Mentions
from .model import ACTOR_KINDS, Article, Entity, Extraction, Fact, Qualifier
from .model import Span as Offsets
from .posts import Posts
from .relations import Candidate, Patterns

PLACE = {"Place"}
ORG_LIKE = {"Organization", "ArmedGroup", "Government"}
#: Domain and range of each relation (DESIGN.md section 4); candidates outside them are dropped.
SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    "supports": (ACTOR_KINDS, ACTOR_KINDS),
    "opposes": (ACTOR_KINDS, ACTOR_KINDS),
    "partyTo": (ACTOR_KINDS, {"Agreement"}),
    "brokered": (ACTOR_KINDS, {"Agreement"}),
    "holdsPost": ({"Official"}, {"Post"}),
    "leads": ({"Official"}, ACTOR_KINDS - {"Official"}),
    "met": (ACTOR_KINDS, ACTOR_KINDS),
    "attacked": (ACTOR_KINDS, ACTOR_KINDS | PLACE),
    "controls": (ACTOR_KINDS, PLACE),
    "basedIn": (ACTOR_KINDS, PLACE),
    "recognizedBy": (ACTOR_KINDS, ACTOR_KINDS),
    "partOf": (ORG_LIKE, ACTOR_KINDS),
}
DATED = {"partyTo", "brokered", "met", "attacked"}
#: A group's 'leader' or 'commander' leads it (geonews:leads) rather than holding a post in it.
LEADER_TITLES = {"leader", "commander", "supreme leader", "commander-in-chief"}


def reference_date(article: Article) -> date | None:
    if article.published:
        return date.fromisoformat(article.published[:10])
    return dateline(article.text)


class Extractor:
    def __init__(self, doc: Doc, article: Article):
        self.doc, self.article, self.lex = doc, article, lexicon()
        self.mentions = Mentions(doc, load_gazetteer()).build()
        self.ref = reference_date(article)
        self.attribution = self._attributions()
        self.dates: dict[int, list[Span]] = {}  # sentence start -> its DATE entities
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self.dates.setdefault(ent.sent.start, []).append(ent)

    def run(self) -> Extraction:
        posts = Posts(self.mentions)
        post_facts = posts.find()
        posts.resolve_nominal(post_facts)
        cands = list(Patterns(self.mentions).run())
        for rel, s, o, tok in self.mentions.implicit:
            cands.append(Candidate(rel, s, o, self.doc[tok].sent, "state-qualified body", 0.85, tok))
        for pf in post_facts:
            sent = self.doc[pf.token].sent
            if pf.post.role_title.lower() in LEADER_TITLES and pf.post.post_in.kind != "State":
                cands.append(Candidate("leads", pf.official, pf.post.post_in, sent, "group leader X", 0.85, pf.token))
            else:
                cands.append(Candidate("holdsPost", pf.official, pf.post, sent, "title", 0.9, pf.token))
        facts: dict[tuple, Fact] = {}
        for c in cands:
            f = self._fact(c)
            if f is None:
                continue
            key = (f.predicate, *sorted((f.subject.ident, f.object.ident))) if f.predicate in SYMMETRIC \
                else (f.predicate, f.subject.ident, f.object.ident)
            if key not in facts or facts[key].confidence < f.confidence:
                facts[key] = f
        x = Extraction(article=self.article, facts=list(facts.values()))
        # agreements without a party or broker are left out when the graph is built (validate.py)
        x.entities = self.mentions.entities() + [f.object for f in x.facts if f.predicate == "holdsPost"]
        scope = digest(self.article.id or self.article.url or self.article.text, length=8)
        for e in x.entities:
            if e.kind == "Agreement" and not e.named:
                e.scope = scope  # an unnamed 'ceasefire' is this article's, not every article's
        x.qualifiers = self._agreement_dates(x.facts)
        return x

    def _fact(self, c: Candidate) -> Fact | None:
        dom, rng = SIGNATURES[c.predicate]
        if c.subject.kind not in dom or c.object.kind not in rng or c.subject.ident == c.object.ident:
            return None
        if self._negated(c.anchor):
            return None
        sent = c.sent
        hedged = self._hedged(sent)
        conf = c.confidence - (0.25 if hedged else 0.0)
        if self._distance(c) > 20:
            conf -= 0.1
        begin, end = _sentence_offsets(sent)
        return Fact(
            predicate=c.predicate, subject=c.subject, object=c.object,
            evidence=Offsets(begin, end), confidence=round(min(0.99, max(0.05, conf)), 2),
            pattern=c.pattern, date=self._date(c) if c.predicate in DATED else None,
            attributed_to=self.attribution.get(sent.start), hedged=hedged,
        )

    def _negated(self, anchor: int) -> bool:
        """'does not support', 'no longer backs', 'never signed', 'denied backing', 'refused to sign'."""
        tok = self.doc[anchor]
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
            return True
        before = [t.lower_ for t in self.doc[max(tok.sent.start, anchor - 3):anchor]]
        if "longer" in before and "no" in before or "never" in before:
            return True
        if tok.dep_ in ("xcomp", "ccomp", "pcomp") or tok.pos_ == "NOUN" and tok.dep_ == "dobj":
            head = tok.head
            if head.lemma_.lower() in ("deny", "refuse", "reject", "decline") or any(
                    c.dep_ == "neg" for c in head.children):
                return True
        return False

    def _hedged(self, sent: Span) -> bool:
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
                if before is not None and before.lower_ in ("since", "until", "till", "before", "after", "by"):
                    continue  # 'frozen since 2022' bounds a period; it does not date the fact
                if before is not None and before.like_num and before.text.isdigit() and int(before.text) <= 31:
                    text = f"{before.text} {text}"  # the NER sometimes leaves the day out: '5 | September 2014'
                value = normalize(text, self.ref)
                if value and not _in_other_subclause(ent.root, self.doc[c.anchor]):
                    dist = min(abs(ent.start - c.anchor), abs(ent.end - c.anchor))
                    if best is None or dist < best[0]:
                        best = (dist, value)
        return best[1] if best else None

    def _agreement_dates(self, facts: list[Fact]) -> list[Qualifier]:
        out, seen = [], set()
        for f in facts:
            if f.predicate == "partyTo" and f.date and len(f.date) == 10 and id(f.object) not in seen:
                seen.add(id(f.object))
                out.append(Qualifier(f.object, "date", f.date))
        return out

    def _attributions(self) -> dict[int, Entity]:
        """Sentence start -> who the sentence is attributed to ('according to X', 'X said')."""
        out: dict[int, Entity] = {}
        sents = list(self.doc.sents)
        quote_open: int | None = None
        for idx, sent in enumerate(sents):
            who = self._according_to(sent) or self._speaker(sent)
            if who is not None:
                out[sent.start] = who
                if quote_open is not None:  # a quotation that started in an earlier sentence
                    for s in sents[quote_open:idx]:
                        out.setdefault(s.start, who)
            quotes = sum(1 for t in sent if t.text in ('"', "“", "”"))
            if quote_open is None and quotes % 2 == 1:
                quote_open = idx
            elif quote_open is not None and quotes % 2 == 1:
                quote_open = None
        return out

    def _according_to(self, sent: Span) -> Entity | None:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and self.doc[tok.i + 1].lower_ == "to":
                for t in self.doc[tok.i + 2:min(sent.end, tok.i + 10)]:
                    m = self.mentions.at(t.i)
                    if m is not None and m.kind in ACTOR_KINDS:
                        return m.entity
        return None

    def _speaker(self, sent: Span) -> Entity | None:
        for tok in sent:
            if tok.lemma_.lower() in self.lex.attribution_verbs and tok.pos_ == "VERB":
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                m = self.mentions.at(subj.i) if subj is not None else None
                if m is not None and m.kind in ACTOR_KINDS and _reports(tok):
                    return m.entity
        return None


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


def _reports(verb: Token) -> bool:
    """The verb introduces reported content (a clause or a quotation), not e.g. 'said goodbye'."""
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or any(
        t.text in ('"', "“", "”") for t in verb.sent)


def _sentence_offsets(sent: Span) -> tuple[int, int]:
    text = sent.text
    begin = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return begin, end


def extract(doc: Doc, article: Article) -> Extraction:
    """Everything the rules find in one article (spaCy Doc of article.text)."""
    return Extractor(doc, article).run()
