"""Which agreement mentions of one article are one agreement.

In order of evidence: what the text says ('X, also known as Y', 'X, officially Y', 'X (ACR)', 'X
were a set of five accords', 'a deal for a ceasefire'); names (the Taif Agreement and the Taif
Accord; 'the Peace Accords' of the Bicesse Peace Accords); descriptions that share their words
('the latest peace agreement' and 'a peace agreement'), a date ('signed on March 5') or a place
('signed ... in Doha' and 'the Doha agreement'); an indefinite mention of a kind the article
already has ('a ceasefire'). What is left ('the deal', 'this MOU', the title line's 'peace pact')
is the article's salient agreement of that kind: the one of the title and most mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .mentions import Mentions


@dataclass
class Record:
    """One agreement mention before the article's agreements are known."""

    start: int  # the tokens the mention covers
    end: int
    root: int  # the head word
    label: str  # its name, or its description without determiners, noise or quantifiers
    named: bool
    words: frozenset[str]  # distinctive words ('taif', 'maritime'): what two mentions must share
    kind: str  # 'ceasefire', 'memorandum', 'protocol', ... or 'general' (agreement, deal, accord)
    plural: bool
    definite: bool  # 'the', a possessive
    demonstrative: bool  # 'this', 'that'
    other: bool  # 'previous', 'another': not the article's agreement
    title: bool  # on the article's title line
    described: str = ""  # with the parties or scope the phrase gives: 'truce in Yemen'
    date: tuple[int | None, int | None, int | None] | None = None
    own_date: tuple[int | None, int | None, int | None] | None = None  # from its own clause only
    sentence: int = 0  # where its sentence starts
    sentence_date: tuple[int | None, int | None, int | None] | None = None  # its sentence's one date
    acronym: bool = False
    alias_line: bool = False  # the value of an infobox 'Long Name:' line
    places: frozenset[str] = frozenset()  # where the text says it was made: 'signed ... in Doha'
    about: frozenset[str] = frozenset()  # nouns of a clause on it: 'agreements that established normalization'
    links: list[int] = field(default_factory=list)  # records the text says are the same agreement
    extra: set[str] = field(default_factory=set)  # other aliases ('agreement for the surrender of X')
    placed: str = ""  # with the place the phrase gives: 'cease-fire accord in Luena' (an alias)

    @property
    def bare(self) -> bool:
        """'the agreement', 'this ceasefire': nothing but the kind."""
        return not self.named and not self.words and not self.described and not self.acronym




class Sets:
    """Union-find over record indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.groups = [[k] for k in range(n)]  # a root's members, in index order


    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = min(ra, rb), max(ra, rb)
            self.parent[high] = low
            self.groups[low] = sorted(self.groups[low] + self.groups[high])
            self.groups[high] = []

    def members(self, k: int) -> list[int]:
        """Every index in k's set, in index order."""
        return self.groups[self.find(k)]


def parties_apart(r: Record, n: Record) -> bool:
    """Two names that differ only in the parties they end with: 'the Agreement on Disengagement
    between Israel and Syria' and '... between Israel and Egypt' are two agreements."""
    mine, theirs = ({x for x in rec.extra if " between " in x} for rec in (r, n))
    return bool(mine and theirs) and not mine & theirs


def cluster(ms: Mentions, recs: list[Record]) -> tuple[list[list[int]], int | None]:
    """The agreements as lists of record indices (in text order), and which one is salient."""
    c = Clustering(ms, recs)
    return c.run()


class Clustering:
    """One article's records, the sets they form and the order they are decided in."""

    def __init__(self, ms: Mentions, recs: list[Record]):
        self.ms, self.recs, self.sets = ms, recs, Sets(len(recs))
        self.done: set[int] = set()
        self.by_tok = {i: k for k, r in enumerate(recs) for i in range(r.start, r.end)}
        self.by_tok.update({r.root: k for k, r in enumerate(recs)})

    def run(self) -> tuple[list[list[int]], int | None]:
        recs = self.recs
        anaphors = []
        for k, r in enumerate(recs):
            for j in r.links + self.explicit(k):
                self.sets.union(k, j)
                anaphors += [x for x in (k, j) if recs[x].bare and recs[x].definite and not recs[x].title]
                # 'The pact, known as X': the pact the text was about is X
        for r in recs:  # a sentence on one agreement dates it
            same = [j for j, x in enumerate(recs) if x.sentence == r.sentence]
            if r.date is None and len({self.sets.find(j) for j in same}) == 1:
                r.date = r.sentence_date
        later = []
        for k in [k for k, r in enumerate(recs) if r.named and not r.title and not r.alias_line] + \
                 [k for k, r in enumerate(recs) if r.named and r.title]:
            self.name(k)
        for k, r in enumerate(recs):
            if not r.named and not r.title and not r.alias_line and k not in self.done:
                if self.place(k):
                    self.done.add(k)
                else:
                    later.append(k)
        for k, r in enumerate(recs):
            if r.title and r.named and len(self.members(k)) == 1:
                self.title_name(k)
        for k, r in enumerate(recs):
            if r.title and not r.named:
                if self.title(k):
                    self.done.add(k)
                else:
                    later.append(k)
        for k in anaphors:
            self.antecedent(k)
        for k, r in enumerate(recs):
            if r.alias_line:
                self.to_salient(k, any_kind=True)
        for k in sorted(later):
            self.to_salient(k)
        groups: dict[int, list[int]] = {}
        for k in range(len(recs)):
            groups.setdefault(self.sets.find(k), []).append(k)
        ordered = sorted(groups.values(), key=min)
        ranked = [g for g in ordered if not all(recs[k].other for k in g)]
        best = max(ranked, key=lambda g: self.salience(g[0]), default=None)
        return ordered, (ordered.index(best) if best is not None else None)

    # -- what the text says ----------------------------------------------------------------

    def rec(self, tok: Token | None) -> int | None:
        return self.by_tok.get(tok.i) if tok is not None else None

    def explicit(self, k: int) -> list[int]:
        """Records the text equates with record k: an apposition, 'X is an agreement ...', 'X,
        also called Y', 'X, known as Y', 'X were a set of N accords', 'a deal for a ceasefire'."""
        lex, doc = self.ms.lex, self.ms.doc
        root = doc[self.recs[k].root]
        head = root.head
        out: list[int | None] = []
        if root.dep_ == "appos":
            out.append(self.rec(head))
        if root.dep_ in ("attr", "oprd") and head.lemma_ in lex.equating_verbs:
            out += [self.rec(subject(head)), self.rec(head.head) if head.dep_ in ("acl", "relcl", "advcl") else None]
        if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in lex.naming_verbs:
            verb = head.head
            found = [self.rec(t) for t in ([verb.head] if verb.dep_ in ("acl", "relcl", "advcl", "conj") else [])
                     + [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]]
            found = [j for j in found if j is not None]
            if not found:  # 'X (in Spanish: ...), or commonly known as Y': the agreement just before
                found = self.before(self.recs[k].start)
            out += found
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in lex.agreement_collections:
            coll = head.head  # 'X were a set of five accords', 'X is a pair of agreements'
            if coll.dep_ == "attr" and coll.head.lemma_ in lex.equating_verbs:
                out.append(self.rec(subject(coll.head)))
            elif coll.dep_ == "appos":
                out.append(self.rec(coll.head))
        if root.dep_ == "pobj" and head.lower_ in ("for", "on") and head.head.lower_ in lex.agreement_heads:
            out.append(self.rec(head.head))  # 'a deal for a ceasefire'
        if root.dep_ == "conj" and root.i > 1 and doc[root.i - 1].lower_ == "or" and doc[root.i - 2].text == "(":
            out.append(self.rec(head))  # 'five accords (or protocols)': another word for them
        if root.dep_ == "conj" and head.dep_ == "pobj" and head.head.lower_ == "as" \
                and head.head.head.lemma_ in lex.naming_verbs:
            out.append(self.rec(head))  # 'X, also known as the Algiers Accord and the Algiers Declaration'
        return [j for j in out if j is not None and j != k]

    def before(self, i: int, window: int = 25) -> list[int]:
        """The record closest before token i, within `window` words outside brackets."""
        doc, depth = self.ms.doc, 0
        while i > 0 and window > 0:
            i -= 1
            depth += (doc[i].text == ")") - (doc[i].text == "(")
            if depth > 0 or doc[i].text == "(":
                continue
            window -= 1
            if (j := self.by_tok.get(i)) is not None:
                return [j]
        return []

    # -- names -----------------------------------------------------------------------------

    def name(self, k: int) -> None:
        """A name joins the agreement with the same name, or the one whose name has all its
        words ('Peace Accords', 'Partial Agreement'); a title's name no body name matches joins
        the text's only name of that kind ('Lukasa Protocol' in a text on the Lusaka Protocol)."""
        r = self.recs[k]
        self.done.add(k)
        hosts = self.hosts(k, lambda n: n.named and same_head(r, n) and bool(r.words) and n.words == r.words
                           and not parties_apart(r, n))
        if not hosts:
            hosts = self.hosts(k, lambda n: n.named and same_head(r, n) and bool(r.words)
                               and (r.words < n.words or n.words < r.words) and not parties_apart(r, n))
            if len(hosts) > 1:
                hosts = []
        if not hosts and r.title and len(self.members(k)) == 1:
            lemma = self.ms.doc[r.root].lemma_
            hosts = self.hosts(k, lambda n: n.named and not n.title and self.ms.doc[n.root].lemma_ == lemma)
            if len(hosts) > 1:
                hosts = []
        for h in hosts:
            self.sets.union(k, h)

    def title_name(self, k: int) -> None:
        """A name only the title line gives ('Djibouti Agreement' over a text on 'an 11-point peace
        agreement' they signed) names the body's agreement when the body names none: the unnamed
        one of its kind (else of any kind) with the most mentions."""
        r = self.recs[k]
        if any(n.named and not n.title and not n.alias_line for n in self.recs):
            return
        hosts = self.hosts(k, lambda n: not n.named and not n.other and not n.title and fits(r, n))
        of_kind = [h for h in hosts if self.recs[h].kind == r.kind] or hosts
        if of_kind:
            self.sets.union(k, max(of_kind, key=lambda h: (len(self.members(h)), -h)))

    # -- descriptions ------------------------------------------------------------------------

    def place(self, k: int) -> bool:
        """Decide an unnamed mention; False leaves it to the salient agreement."""
        r = self.recs[k]
        if r.other:
            return True  # 'only one previous ceasefire': another agreement
        named = [h for h in self.hosts(k, lambda n: n.named and bool(r.words) and r.words <= n.words and fits(r, n))
                 if not self.dated_apart(k, h)]
        if len(named) > 1:  # the closest name, of the same head word: 'peace treaty' -> '... Peace Treaty'
            lemma = self.ms.doc[r.root].lemma_.lower()
            size = {h: min((len(n.words), self.ms.doc[n.root].lemma_.lower() != lemma)
                           for n in (self.recs[j] for j in self.members(h)) if n.named and r.words <= n.words)
                    for h in named}
            named = [h for h in named if size[h] == min(size.values())]
        if len(named) != 1 and r.places:
            named = [h for h in self.hosts(k, lambda n: n.named and r.places <= n.words and fits(r, n))
                     if not self.dated_apart(k, h)]  # 'on 18 May ... signed an initial cease-fire in Lomé
        if len(named) != 1 and r.words:  # 'a normalization deal' of 'accords that established normalization'
            named = [h for h in self.hosts(k, lambda n: n.named and fits(r, n))
                     if r.words <= frozenset().union(*(self.recs[j].about for j in self.members(h)))]
        if len(named) == 1:
            self.sets.union(k, named[0])
            return True
        if not r.definite and not r.demonstrative and r.extra and not r.title:
            return True  # 'The two signed an agreement defining a framework for ...': a new one, so described
        if r.definite and not r.words:
            return False  # 'the MoU signed between A and B': the article's MoU
        if r.definite and r.words:
            same = self.hosts(k, lambda n: not n.named and bool(n.words) and fits(r, n)
                              and (r.words <= n.words or n.words <= r.words))
            if same:
                self.sets.union(k, self.latest(same, r.start))
                return True
        dated = self.hosts(k, lambda n: not r.words and dates_fit(r.date, n.date) and fits(r, n))
        if dated:  # the one dated most precisely alike: '18 June 2000' is not the agreement of '2000'
            best = max(date_detail(r.date, self.recs[h].date) for h in dated)
            closest = [h for h in dated if date_detail(r.date, self.recs[h].date) == best]
            if len(closest) == 1:
                self.sets.union(k, closest[0])
            return True
        if not r.definite and r.kind != "general":
            kind = self.hosts(k, lambda n: n.kind == r.kind and not dates_clash(r.date, n.date))
            if kind:
                self.sets.union(k, self.latest(kind, r.start))
                return True
            return True  # 'a ceasefire' the article has not had yet
        return not (r.bare or r.demonstrative)

    def title(self, k: int) -> bool:
        """A title line's description joins the agreement whose words it shares."""
        r = self.recs[k]
        hosts = self.hosts(k, lambda n: bool(r.words) and bool(n.words) and fits(r, n)
                           and (r.words <= n.words or n.words <= r.words))
        if hosts:
            self.sets.union(k, max(hosts, key=self.salience))
        return bool(hosts)

    def antecedent(self, k: int) -> None:
        """'The pact, known as the MoU': the pact the text was about is the MoU."""
        r = self.recs[k]
        mine = self.sets.find(k)
        named_here = any(self.recs[j].named for j in self.members(k))
        hosts = [h for h in self.hosts(k, lambda n: n.start < r.start and not n.other)
                 if not (named_here and any(self.recs[j].named for j in self.members(h)))]
        if hosts and mine not in hosts:
            self.sets.union(k, max(hosts, key=lambda h: (self.salience(h), self.last_before(h, r.start))))

    def to_salient(self, k: int, any_kind: bool = False) -> None:
        """'the deal', 'this ceasefire': the most salient agreement of that kind, else of any kind."""
        r = self.recs[k]
        self.done.add(k)
        if any(j in self.done for j in self.members(k) if j != k):
            return  # the text already said which one it is ('a deal for a ceasefire')
        hosts = [h for h in self.hosts(k, lambda n: not n.other) if not self.dated_apart(k, h)]
        if r.plural and not r.definite:  # 'agreements signed by the PLO' are not the article's one accord
            hosts = [h for h in hosts if any(self.recs[j].plural for j in self.members(h))]
        if not any_kind and r.kind != "general":
            of_kind = [h for h in hosts if any(self.recs[j].kind == r.kind for j in self.members(h))]
            hosts = of_kind or hosts
        if hosts:
            self.sets.union(k, max(hosts, key=lambda h: (self.salience(h), self.last_before(h, r.start))))

    # -- helpers -------------------------------------------------------------------------

    def dated_apart(self, k: int, h: int) -> bool:
        """Record k introduces an agreement ('a preliminary peace agreement') dated in its own clause
        otherwise than set h ('initialed ... on December 31, 1991' and 'signed on January 16,
        1992'): two agreements, whatever words they share."""
        r = self.recs[k]
        if r.definite or r.own_date is None:
            return False  # 'the agreement' refers back, whatever the sentence dates
        return any(dates_clash(r.own_date, self.recs[j].own_date) for j in self.members(h))

    def members(self, k: int) -> list[int]:
        return self.sets.members(k)

    def hosts(self, k: int, test) -> list[int]:
        """The sets (by one decided member each) other than k's with a decided member passing `test`."""
        mine, out = self.sets.find(k), {}
        for j in sorted(self.done):
            root = self.sets.find(j)
            if root != mine and root not in out and test(self.recs[j]):
                out[root] = j
        return list(out.values())

    def salience(self, h: int) -> tuple[int, int]:
        """The title line counts three mentions, a name one more."""
        mine = [self.recs[j] for j in self.members(h)]
        score = sum(not r.title for r in mine) + 3 * any(r.title for r in mine) + any(r.named for r in mine)
        return score, -min(r.start for r in mine)

    def last_before(self, h: int, start: int) -> int:
        return max((self.recs[j].start for j in self.members(h) if self.recs[j].start < start), default=-1)

    def latest(self, hosts: list[int], start: int) -> int:
        return max(hosts, key=lambda h: self.last_before(h, start))


def subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it is conjoined with ('X, also called Y, is ...')."""
    while True:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ != "conj":
            return subj
        verb = verb.head


def same_head(a: Record, b: Record) -> bool:
    """'Taif Agreement' and 'Taif Accord' may be one name; 'Minsk Protocol' and 'Minsk agreements' not."""
    return a.kind == b.kind and a.plural == b.plural or a.kind == b.kind != "general"


def fits(r: Record, n: Record) -> bool:
    """A mention of a kind can be an agreement of that kind or of the general kind."""
    return r.kind == n.kind or "general" in (r.kind, n.kind)


def dates_clash(a: tuple | None, b: tuple | None) -> bool:
    """'in 2021' and 'in 2022' are two agreements."""
    return bool(a and b) and any(x is not None and y is not None and x != y for x, y in zip(a, b, strict=True))


def date_detail(a: tuple | None, b: tuple | None) -> int:
    """How many of year, month and day two dates both give (and share, when they fit)."""
    return sum(x is not None and y is not None for x, y in zip(a or (None,) * 3, b or (None,) * 3, strict=True))


def dates_fit(a: tuple | None, b: tuple | None) -> bool:
    """'March 5' and 'in March' may be one date; 'March' and 'November', or a year alone and a
    month alone, are not evidence."""
    if not a or not b:
        return False
    shared = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)
