"""Posts from titles next to names: 'Russian Deputy Foreign Minister Mikhail Bogdanov',
'Hans Grundberg, UN Special Envoy for Yemen', 'the president of Artsakh, Samvel Shahramanyan';
and nominal references to a post holder ('the Turkish ambassador' -> Mehmet Samsar).

The title's extent and its actor come from the dependency parse where the small model's parse is
reliable: a title never runs across a conjunction that joins another person ('President A of X
and Prime Minister B of Y'); a title before a name takes the name's own 'of X'; a relative clause
gives a second post ('X, who is chairman of the African Union'); a plural title distributes over
the names in apposition to it ('the foreign ministers ... – A of X, B of Y, and C of Z'); a
possessive pronoun is the actor the clause is about ('It recalled its Ambassador, X')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Entity
from .delegations import represented
from .doc_cache import noun_chunks
from .lexicon import lexicon
from .mentions import Mention, Mentions
from .titles import POSSESSIVE_PRONOUNS, QUALIFIER_KINDS, ParsedTitles, Title, is_title_word


@dataclass
class PostFact:
    official: Entity
    post: Entity
    token: int  # where the title is, for the evidence sentence
    member: bool = False  # 'X is a senior leader of Y': one of its leaders (a post), not its head


class Posts(ParsedTitles):
    def __init__(self, mentions: Mentions):
        self.m, self.doc, self.lex = mentions, mentions.doc, lexicon()

    def find(self) -> list[PostFact]:
        """Every (official, post) the titles state; an official may hold several posts."""
        out: list[PostFact] = []
        seen: set[tuple[int, tuple]] = set()
        taken: set[int] = set()  # where the titles already given to a name start

        def keep(official: Entity, post: Entity | None, token: int, member: bool = False) -> None:
            if post is not None and (id(official), post.post_in.ident) not in seen:
                seen.add((id(official), post.post_in.ident))
                out.append(PostFact(official, post, token, member))

        for official, post, token in list(self._plural_titles()):  # first: they know whose title is whose
            keep(official, post, token)
        for m in self.m.all():
            if m.kind != "Official" or m.source == "anaphora":
                continue  # 'its leaders, he added': a pronoun has no title of its own
            held = None  # the title found; another only right before it ('ECOWAS chief negotiator, Foreign Minister X')
            for title in [] if self._deposed(m) else self._title_spans(m):
                if held is not None and not (title.end + 1 == held.start and self.doc[title.end].text == ","):
                    break
                post = None if title.start in taken else self._post(title)  # 'A, minister of X, B': A's
                if post is not None:
                    for part, part_post in self._conjoined(title) or [(title, post)]:
                        keep(m.entity, part_post, part.start)
                    taken.add(title.start)
                    held = title
            for token, post in self._relative_posts(m):
                keep(m.entity, post, token)
            for token, post, member in self._predicated_posts(m):
                keep(m.entity, post, token, member)
        return out

    # -- where the titles are ------------------------------------------------------------------

    def _title_spans(self, m: Mention) -> list[Title]:
        """Candidate titles: right before the name, apposition after, apposition before."""
        doc, spans = self.doc, []
        i = m.start
        while i > 0 and i > m.start - 18 and not doc[i].is_sent_start and (
                self._title_token(doc[i - 1]) or self._pronoun(doc[i - 1]) or self._remit_to(i - 1)
                or i < m.start and self._epithet(doc[i - 1]) and self._title_token(doc[i])) \
                and not self._joins_another(doc[i - 1], m) \
                and not self._joins_a_phrase(doc[i - 1]):  # never back into the sentence before
            i -= 1
        if i < m.start:
            spans.append(Title(i, m.start, self._of_the_name(m) or self._possessor(i, m.start)
                               or self._counterpart_of(i)))
        end = m.end
        nxt = [t.text for t in doc[end:end + 4]]
        if nxt[:1] + nxt[2:4] == ["(", ")", ","] or nxt[:1] == nxt[2:3] == [","] and len(nxt) > 2 \
                and doc[end + 1].lower_ in self.lex.caption_positions:
            end += 2 + (doc[end].text == "(")  # 'General X (Filipos), the Chief of ...', 'X, left, chief negotiator
        after = end + (end < len(doc) and doc[end].text == ",")
        after += after < len(doc) and doc[after].text == "(" and after + 1 < len(doc)  # 'X, (Prime Minister of Y)'
        if m.end < after < len(doc) and doc[after].lower_ not in ("and", "or"):
            j = after  # not ', and presidential guard commander Y': a conjunct, no apposition
            while j < len(doc) and j < after + 15 and not doc[j].is_sent_start and (self._title_token(doc[j]) or (
                    j > after and doc[j].pos_ in ("NOUN", "ADJ") and after <= doc[j].head.i < j)):
                j += 1  # 'X, minister of foreign affairs,': the portfolio's words hang inside the title
            nxt = self.m.at(j) if j < len(doc) else None
            if j > after and not (nxt is not None and nxt.kind == "Official"):  # not ', EU High Representative Y'
                spans.append(Title(after, j, self._possessor(after, j)))
        comma = m.start - 1
        ranks = self.lex.military_ranks | self.lex.honorifics | self.lex.title_abbreviations
        while comma > 0 and doc[comma].lower_ in ranks:
            comma -= 1  # 'Sudan deputy President, Gen. Mohamed Hamdan Dagolo'
        if doc[comma].text != "," and 1 <= i < m.start and doc[i - 1].text == ",":
            comma = i - 1  # 'ECOWAS chief negotiator, Burkina Faso's Foreign Minister X': a title before the title
        if comma >= 1 and doc[comma].text == ",":
            k = comma
            while k > 0 and k > comma - 15 and not doc[k].is_sent_start \
                    and (self._title_token(doc[k - 1]) or self._pronoun(doc[k - 1])
                         or self._series(k, comma) or self._remit_to(k - 1)):
                k -= 1
            if k < comma:
                spans.append(Title(k, comma, self._possessor(k, comma)))
            phrase = self._title_phrase_before(comma)
            if phrase is not None and phrase < k:
                spans.append(Title(phrase, comma, self._possessor(phrase, comma)))
        return spans

    def _remit_to(self, i: int) -> bool:
        """'to' between a title and its remit: 'Ambassador to Addis Abeba', 'the ambassador of Nauru to Taiwan'."""
        doc = self.doc
        the = i + 1 < len(doc) and doc[i + 1].lower_ == "the"  # 'Ambassador to the United Nations'
        if doc[i].lower_ != "to" or i < 1 or self.m.at(i + 1 + the) is None:
            return False
        if is_title_word(doc[i - 1], self.lex):
            return True
        own = self.m.at(i - 1)
        return own is not None and own.start >= 2 and doc[own.start - 1].lower_ in ("of", "from") \
            and is_title_word(doc[own.start - 2], self.lex)

    def _series(self, k: int, comma: int) -> bool:
        """'South Sudanese Chief Mediator, Presidential Adviser, Tut Gatluak': a comma between two titles."""
        doc = self.doc
        return doc[k - 1].text == "," and k >= 2 and is_title_word(doc[k - 2], self.lex) \
            and any(is_title_word(t, self.lex) for t in doc[k:comma]) \
            and not any(self.m.at(t.i) is not None for t in doc[k:comma])

    def _title_phrase_before(self, comma: int) -> int | None:
        """'UNITA's Secretary-General and chief negotiator at the Lusaka peace talks, X': a title
        whose phrase (by the parse) ends at the comma before the name; where that phrase begins."""
        tok = self.doc[comma - 1]
        for _ in range(6):
            if is_title_word(tok, self.lex) and tok.i < comma and self.m.at(tok.i) is None:
                top = tok
                while top.dep_ == "conj" and is_title_word(top.head, self.lex):
                    top = top.head  # 'Secretary-General and chief negotiator'
                if top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in self.lex.deposing_verbs:
                    return None  # 'toppled the country's long-time leader, X': no longer his post
                edge = max(t.i for t in top.subtree if t.i < comma)  # the name itself may hang on the title
                phrase = self.doc[top.left_edge.i:comma]  # ('The chief of ..., Colonel X'), but no list item before
                if edge == comma - 1 and top.left_edge.i >= tok.sent.start and not any(
                        t.text == ";" or (q := self.m.at(t.i)) is not None and q.kind == "Official" for t in phrase):
                    return top.left_edge.i
                return None
            if tok.head.i == tok.i or tok.head.i >= comma:
                return None
            tok = tok.head
        return None

    def _title_token(self, tok: Token) -> bool:
        if self._bracketed_acronym(tok):
            return True  # 'the Revolutionary United Front (RUF) leader, X'
        if self._in_hyphenated_modifier(tok):
            return True  # 'the leader of the IS-affiliated Abu Sayyaf group': the title goes on to the group
        mention = self.m.at(tok.i)
        if mention is not None:  # 'Ambassador to Addis Abeba': a place is a remit inside the title
            return mention.kind in QUALIFIER_KINDS or mention.kind == "Place" \
                and self.doc[mention.start - 1].lower_ in ("to", "in")
        joining = tok.lower_ in self.lex.title_joiners or tok.lower_ in self.lex.title_modifiers
        return (tok.is_title or joining or is_title_word(tok, self.lex) or self._compound_of_title(tok)) \
            and tok.pos_ not in ("VERB", "AUX") and tok.text not in (",", "(", ")", "“", "”", '"') \
            and (joining or tok.pos_ not in ("SCONJ", "ADV", "CCONJ", "DET", "PRON", "ADP"))  # not a first 'As', 'When'

    def _compound_of_title(self, tok: Token) -> bool:
        """'delegation' in 'Hezbollah delegation leader X': a noun compounded into a title."""
        head = tok.head
        return tok.dep_ == "compound" and tok.pos_ == "NOUN" and head.i > tok.i and is_title_word(head, self.lex)

    def _joins_a_phrase(self, tok: Token) -> bool:
        """'signed the Memorandum for the United States | and Minister of ... X': 'and' begins the title."""
        q = self.m.at(tok.i - 1) if tok.lower_ in ("and", "or") else None
        if q is None or q.start < 2:
            return False
        prep = q.start - 1 - (self.doc[q.start - 1].lower_ == "the")
        return self.doc[prep].lower_ in ("for", "with", "by", "to") and not self._title_token(self.doc[prep - 1])

    def _joins_another(self, tok: Token, m: Mention) -> bool:
        """'and' or ',' joining this name to an earlier person's: 'President A of X and Prime Minister B'."""
        if tok.dep_ not in ("cc", "punct") or tok.lower_ not in ("and", "or", ","):
            return False
        if self._between_titles(tok.i):
            return False  # 'Senegalese President and Chairman of ECOWAS X': two titles of one name
        head = tok.head
        for _ in range(4):
            other = self.m.at(head.i)
            if other is not None and other.kind == "Official":
                return other is not m and other.entity is not m.entity
            if head.head.i == head.i:
                break
            head = head.head
        return False

    def _pronoun(self, tok: Token) -> bool:
        return tok.lower_ in POSSESSIVE_PRONOUNS and tok.dep_ == "poss"

    def _of_the_name(self, m: Mention) -> Mention | None:
        """'President Recep Tayyip Erdogan of Turkey': the actor of the name's own 'of X'."""
        root = self.doc[m.end - 1]
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == m.end:
                for obj in prep.children:
                    q = self.m.at(obj.i)
                    if obj.dep_ == "pobj" and q is not None and q.kind in QUALIFIER_KINDS:
                        return q
        return None

    def _possessor(self, start: int, end: int) -> Entity | None:
        """'its Ambassador to Addis Abeba, X': whom 'its' stands for - the clause's subject, or the sentence
        before's when that is a pronoun ('It has recalled its ambassador'), else the last actor named."""
        pron = next((t for t in self.doc[start:end] if self._pronoun(t)), None)
        if pron is None:
            return None
        verb = pron.head
        while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and self.m.at(subject.i) is not None:
            found = self.m.at(subject.i)
            return found.entity if found.kind in QUALIFIER_KINDS else None
        if subject is not None and subject.lower_ in ("it", "they") and verb.sent.start > 0:
            before = self.doc[verb.sent.start - 1].sent
            main = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            found = self.m.at(main.i) if main is not None else None
            if found is not None and found.kind in QUALIFIER_KINDS:
                return found.entity
        return self.m.last(start, QUALIFIER_KINDS, 40)

    # -- posts from a title --------------------------------------------------------------------

    def _post(self, title: Title) -> Entity | None:
        doc, lex = self.doc, self.lex
        start, end = title.start, title.end
        while start < end and (doc[start].lower_ in lex.title_joiners | POSSESSIVE_PRONOUNS
                               or self._epithet(doc[start])):
            start += 1
        while end > start and doc[end - 1].lower_ in lex.title_joiners:
            end -= 1
        before = start - 1
        while before > 0 and doc[before].text in ("-", "‑"):
            before -= 1
        if before >= 0 and doc[before].lower_ in lex.former_markers or _then(doc, start):
            return None  # 'former US President X', 'then-president X': not a post held now
        toks = list(doc[start:end])
        heads = [t for t in toks if self.m.at(t.i) is None and is_title_word(t, lex)]
        if not heads or all(t.lower_ in lex.military_ranks for t in heads):
            return None
        if all(t.tag_ in ("NNS", "NNPS") for t in heads):
            return None  # 'the defence ministers of A and B': shared, distributed by _plural_titles
        qualifier = next((q for t in toks if (q := self.m.at(t.i)) is not None and q.kind in QUALIFIER_KINDS
                          and not self._hyphenated_modifier(q)), None)
        cut = qualifier.start if qualifier is not None else end
        if qualifier is not None and qualifier.end + 1 < end and doc[qualifier.end].tag_ == "POS" \
                and (owned := self.m.at(qualifier.end + 1)) and owned.start > start \
                and owned.kind in ("Organization", "ArmedGroup", "Government"):
            qualifier = owned  # "Secretary-General of Thailand's National Security Council": the council's
            # ("adviser to Sudan's ministry of information": the ministry's, no remit)
        elif qualifier is not None and qualifier.kind == "State" and (owned := self.m.at(qualifier.end)) \
                and owned.kind in ("Organization", "Government") and owned.end <= heads[0].i:
            qualifier, start = owned, owned.start  # 'Thai National Security Council Secretary General X': the council's
        if qualifier is not None and qualifier.start > start and doc[qualifier.start - 1].lower_ in ("for", "to") \
                and not self._remit_actor(qualifier, heads):
            qualifier = None  # 'Special Envoy for Yemen', 'Ambassador to Egypt': the remit
        if qualifier is not None and self._possesses_other(qualifier):
            return None  # 'the head of the country's largest rebel group, X': the group's head, not the country's
        if qualifier is None:
            return self._fallback_post(title, toks)
        if qualifier.start <= start:
            role_toks = [t for t in toks if t.i >= qualifier.end]
            while role_toks and (role_toks[0].lower_ in lex.title_joiners or self._bracketed_acronym(role_toks[0])
                                 or (q := self.m.at(role_toks[0].i)) is not None and q.entity is qualifier.entity):
                role_toks.pop(0)  # 'the Colombian government of President X'
        else:
            role_toks = [t for t in toks if t.i < min(cut, qualifier.start) and not self._in_hyphenated_modifier(t)
                         and not ((q := self.m.at(t.i)) is not None and self._hyphenated_modifier(q))]
            while role_toks and role_toks[-1].lower_ in lex.title_joiners:
                role_toks.pop()
        return self._make(role_toks, qualifier.entity)

    def _remit_actor(self, qualifier: Mention, heads: list[Token]) -> bool:
        """'spokesperson for the Permanent Strategic Framework': a group after 'for' is whom the
        title serves; a state or place is a remit ('Envoy for Yemen'), and so is a minister's or
        secretary's portfolio ('Minister for External Relations')."""
        return qualifier.kind in ("Organization", "ArmedGroup") and self.doc[qualifier.start - 1].lower_ == "for" \
            and not any(h.lower_ in self.lex.portfolio_titles for h in heads)

    def _fallback_post(self, title: Title, toks: list[Token]) -> Entity | None:
        """A title with no actor inside it, and the one the parse gives: 'President X of Turkey'."""
        fallback = title.fallback or represented(self.m, self.doc[title.start].sent)  # 'A was represented by'
        if fallback is None:
            return None
        role_toks = [t for t in toks if self.m.at(t.i) is None or self.m.at(t.i).kind == "Place"]
        return self._make(role_toks, fallback.entity if isinstance(fallback, Mention) else fallback)

    def _make(self, role_toks: list[Token], actor: Entity) -> Entity | None:
        doc, lex = self.doc, self.lex
        while role_toks and (role_toks[0].lower_ in lex.title_joiners | POSSESSIVE_PRONOUNS
                             or self._epithet(role_toks[0])):
            role_toks = role_toks[1:]  # 'and its leader, X', "Rwanda's powerful Vice President X"
        if not role_toks or not any(self.m.at(t.i) is None and is_title_word(t, lex) for t in role_toks):
            return None
        while len(role_toks) > 1 and role_toks[-1].is_title and not is_title_word(role_toks[-1], lex) \
                and role_toks[-2].lower_ not in lex.title_joiners and self.m.at(role_toks[-1].i) is None:
            role_toks.pop()  # 'Defence Minister Rustem (Umerov)': a given name the NER left out
        heads = [t for t in role_toks if is_title_word(t, lex)]
        if len(heads) > 1 and role_toks[-1].lower_ in lex.honorific_titles:
            role_toks.pop()  # 'Foreign Minister Prince (Faisal)': the honorific is not the post
        role = re.sub(r"[\u2010\u2011]", "-", doc[role_toks[0].i:role_toks[-1].i + 1].text.strip(" ,"))
        org = self.m.government_state.get(id(actor), actor)
        return Entity("Post", f"{role} of {org.label}", role_title=role, post_in=org)

    def resolve_nominal(self, facts: list[PostFact]) -> None:
        """'the Turkish ambassador' -> the official of this article holding that post; 'the Vice
        President' (a bare definite title) -> the one official the article gives that title."""
        for chunk in noun_chunks(self.doc):
            root = chunk.root
            if self.m.at(root.i) is not None or not is_title_word(root, self.lex):
                continue
            quals = [self.m.at(t.i) for t in chunk if t.i < root.i and self.m.at(t.i) is not None]
            if not quals:
                continue
            holders = [f.official for f in facts
                       if f.post.post_in is quals[0].entity and f.post.role_title.lower().split()[-1] == root.lower_]
            if len({id(h) for h in holders}) == 1:
                first = quals[0].start
                self.m.release(first, root.i + 1)
                self.m.add(first, root.i + 1, holders[0], "title", surface=None)
        titled = self._titled_officials(facts)
        for tok in self.doc:
            bounds = self._bare_title(tok)
            holders = titled.get(_title_key(self.doc[bounds[0]:bounds[1]]), {}) if bounds else {}
            if len(holders) == 1:  # by the title alone, not by recency: 'the President' of two is no one
                self.m.add(bounds[0], bounds[1], next(iter(holders.values())), "title", surface="")

    def _titled_officials(self, facts: list[PostFact]) -> dict[str, dict[int, Entity]]:
        """Title (normalised, 'former' kept) -> the officials the article gives it: the titles of
        the posts found, and the title right before a name ('Vice President Biden')."""
        out: dict[str, dict[int, Entity]] = {}
        for f in facts:
            out.setdefault(_title_key(f.post.role_title), {})[id(f.official)] = f.official
        for m in self.m.all():
            if m.kind != "Official" or m.source in ("anaphora", "title"):
                continue
            spans = [t for t in self._title_spans(m) if t.end == m.start]
            toks = list(self.doc[spans[0].start:m.start]) if spans else []
            while toks and (self.m.at(toks[0].i) is not None or not is_title_word(toks[0], self.lex)
                            and toks[0].lower_ not in self.lex.title_modifiers):
                toks.pop(0)  # 'UN Secretary-General X': the title after its actor
            if toks and is_title_word(toks[-1], self.lex) and not any(self.m.at(t.i) for t in toks):
                former = toks[0].i > 0 and self.doc[toks[0].i - 1].lower_ in self.lex.former_markers
                key = ("former " if former else "") + _title_key(toks)
                out.setdefault(key, {})[id(m.entity)] = m.entity
        return out

    def _bare_title(self, tok: Token) -> tuple[int, int] | None:
        """Bounds of a definite title standing alone for a person ('The Vice President also met',
        "the Vice President's meeting"): no name, actor or remit next to it."""
        doc, lex = self.doc, self.lex
        if self.m.at(tok.i) is not None or not is_title_word(tok, lex) or tok.tag_ in ("NNS", "NNPS") \
                or tok.dep_ in ("compound", "appos"):
            return None
        det = next((c for c in tok.lefts if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or any(c.dep_ not in ("det", "compound", "amod", "case")
                                                     and c.text not in ("-", "‑") for c in tok.lefts):
            return None
        first = det.i + 1
        if first > 0 and doc[first].lower_ in lex.former_markers:
            first += 1
        words = doc[first:tok.i + 1]
        if any(self.m.at(t.i) is not None or not (is_title_word(t, lex) or t.lower_ in lex.title_modifiers
                                                  or t.text in ("-", "‑") and t.i > first) for t in words):
            return None  # 'the Turkish ambassador' (above), 'the peace envoy'
        if any(c.dep_ in ("prep", "appos") and c.lower_ != "'s" for c in tok.rights):
            return None  # 'the president of the commission', 'the president, X'
        nxt = self.m.at(tok.i + 1) or (self.m.at(tok.i + 2) if tok.i + 1 < len(doc) and doc[tok.i + 1].text == ","
                                       else None)
        if nxt is not None and nxt.kind == "Official":
            return None
        return det.i + 1, tok.i + 1


def _title_key(toks) -> str:
    """A title for comparison: lower case, hyphens as spaces ('Secretary-General')."""
    text = toks if isinstance(toks, str) else " ".join(t.text for t in toks)
    return re.sub(r"[\s\u2010-\u2015-]+", " ", text.lower()).strip()

def _then(doc, start: int) -> bool:
    """'then US-president X': 'then' joined by a hyphen to the title it dates."""
    return any(t.lower_ == "then" and t.i + 1 < len(doc) and doc[t.i + 1].text in ("-", "‑")
               for t in doc[max(0, start - 3):start + 1])
