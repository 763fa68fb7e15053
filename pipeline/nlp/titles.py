"""Posts the dependency parse states away from the name: a relative clause ('X, who is chairman
of the African Union') and plural titles over a list of names ('the foreign ministers of the
three countries – A of Turkey, B of Finland, and C of Sweden'). Mixed into nlp.posts.Posts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Entity
from .mentions import Mention

QUALIFIER_KINDS = {"State", "Organization", "Government", "ArmedGroup"}
POSSESSIVE_PRONOUNS = {"its", "their"}
UNREAD_LABELS = ("", "WORK_OF_ART", "PRODUCT")  # NER labels no pass reads a name from


def is_title_word(tok: Token, lex) -> bool:
    low = re.sub(r"[\u2010-\u2015]", "-", tok.lower_)  # 'Under‑Secretary-General' with a non-breaking hyphen
    return low in lex.titles or low in lex.title_head_words or low.rstrip("s") in lex.title_head_words



@dataclass
class Title:
    """Title tokens [start, end) next to a name, and an actor the parse gives it from outside
    the span (the name's own 'of X', a possessive pronoun's referent)."""

    start: int
    end: int
    fallback: Mention | Entity | None = None


class ParsedTitles:
    """The parse-based post finders; Posts provides `m`, `doc`, `lex`, `_make` and `_post`."""

    # -- guards and actors of titles next to a name (used by nlp.posts) -----------------------

    def _counterpart_of(self, i: int) -> Entity | None:
        """'his Uzbek counterpart, Foreign Minister X': the state of the counterpart word before the
        comma that sets off the title."""
        doc = self.doc
        if i < 3 or doc[i - 1].text != "," or doc[i - 2].lower_ not in self.lex.counterpart_words:
            return None
        q = self.m.at(i - 3)
        return q.entity if q is not None and q.kind == "State" else None

    def _bracketed_acronym(self, tok: Token) -> bool:
        """A bracket around the acronym of the actor before it: '... Front (RUF) leader'."""
        doc, i = self.doc, tok.i
        if tok.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")":
            inner, before = self.m.at(i + 1), self.m.at(i - 1) if i > 0 else None
        elif tok.text == ")" and i >= 2 and doc[i - 2].text == "(":
            inner, before = self.m.at(i - 1), self.m.at(i - 3) if i >= 3 else None
        else:
            return False
        return inner is not None and before is not None and inner.entity is before.entity

    def _possesses_other(self, q: Mention) -> bool:
        """The actor is the possessor of a noun that is no title ("the country's ... group")."""
        doc = self.doc
        if q.end >= len(doc) or doc[q.end].text not in ("'s", "’s", "'", "’"):
            return False
        owned = doc[q.end - 1].head
        return owned.i > q.end and not is_title_word(owned, self.lex) and self.m.at(owned.i) is None \
            and owned.lower_ not in self.lex.title_modifiers

    # -- posts the parse states elsewhere ------------------------------------------------------

    def _hyphenated_modifier(self, q: Mention) -> bool:
        """'the leader of the IS-affiliated Abu Sayyaf group': IS qualifies the group, not the post."""
        doc = self.doc
        return q.end + 1 < len(doc) and doc[q.end].text in ("-", "‑") and not doc[q.end - 1].whitespace_ \
            and not doc[q.end].whitespace_ and doc[q.end + 1].tag_ == "VBN"

    def _in_hyphenated_modifier(self, tok: Token) -> bool:
        """The dash or the participle of '<actor>-affiliated', '<actor>-backed' (_hyphenated_modifier)."""
        i = tok.i - (tok.tag_ == "VBN")
        q = self.m.at(i - 1) if i > 0 and self.doc[i].text in ("-", "‑") else None
        return q is not None and q.end == i and self._hyphenated_modifier(q)

    def _conjoined(self, title: Title) -> list[tuple[Title, Entity]]:
        """'Senegalese President and Chairman of ECOWAS Macky Sall': two titles joined by 'and',
        each with its own actor, are two posts ('Prime Minister and Foreign Minister of Turkey X',
        whose first title has no actor of its own, stays one)."""
        for k in range(title.start + 1, title.end - 1):
            if self._between_titles(k):
                first, second = Title(title.start, k), Title(k + 1, title.end, title.fallback)
                posts = [self._post(first), self._post(second)]
                if None not in posts and posts[0].post_in is not posts[1].post_in:
                    return list(zip((first, second), posts, strict=True))
        return []

    def _between_titles(self, k: int) -> bool:
        """Token k is an 'and' joining two titles ('President and Chairman of ...')."""
        doc, lex = self.doc, self.lex
        return doc[k].lower_ == "and" and 0 < k < len(doc) - 1 and self.m.at(k - 1) is None \
            and is_title_word(doc[k - 1], lex) \
            and (is_title_word(doc[k + 1], lex) or doc[k + 1].lower_ in lex.title_modifiers)

    def _deposed(self, m: Mention) -> bool:
        """'President X was ousted', 'rebels toppled President X': the title names a post X lost."""
        root = self.doc[m.end - 1]
        return root.dep_ in ("nsubjpass", "dobj") and root.head.lemma_.lower() in self.lex.deposing_verbs

    def _epithet(self, tok: Token) -> bool:
        """An adjective before a title that is no part of it: "Rwanda's powerful Vice President X"."""
        return tok.pos_ == "ADJ" and tok.is_lower and tok.lower_ not in self.lex.title_modifiers \
            and tok.lower_ not in self.lex.former_markers and not is_title_word(tok, self.lex)

    def _relative_posts(self, m: Mention):
        """'Jakaya Kikwete, who is chairman of the African Union': (title token, post)."""
        root = self.doc[m.end - 1]
        for rel in root.children:
            if rel.dep_ != "relcl" or rel.lemma_ != "be":
                continue
            for attr in rel.children:
                if attr.dep_ == "attr" and is_title_word(attr, self.lex) and self.m.at(attr.i) is None:
                    actor = self._of(attr)
                    role = [t for t in attr.subtree if t.i <= attr.i and t.dep_ != "det" and self.m.at(t.i) is None]
                    if actor is not None:
                        post = self._make(role, actor.entity)
                        if post is not None:
                            yield attr.i, post

    def _predicated_posts(self, m: Mention):
        """'X is a senior al-Shabaab leader', 'X is the spokesman of Y', 'X, a spokesman with the
        rebel Y', 'X was sworn in as president of Y': a title the copula, an appointing verb or an
        apposition says of the name (and the titles conjoined
        with it), with its actor before it or after 'of' / 'with' / 'for': (title token, post,
        whether the title is indefinite: 'a leader' is one of the group's leaders, not its head).
        A lead noun's 'of Y' is left to the relation it states ('X is the leader of Y' leads)."""
        root = next((t for t in self.doc[m.start:m.end] if not m.start <= t.head.i < m.end), None)
        if root is None:
            return
        said = [c for c in root.children if c.dep_ == "appos" and c.left_edge.i == m.end + 1
                and self.doc[m.end].text == ","  # 'X, a spokesman with Y' (not after a ';' of a list),
                and not any((q := self.m.at(t.i)) is not None and q.kind == "Official"  # nor ', EU High
                            for t in c.subtree)]  # Representative Y': the title of the next name
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "would", "'ll", "to")
                     for c in root.head.children)
        if root.dep_ == "nsubj" and root.head.lemma_ in ("be", "become", "remain") and not future:
            said += [c for c in root.head.children if c.dep_ == "attr"]  # not 'X will become prime minister'
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in self.lex.appointment_verbs \
                and not future:
            verb = root.head  # 'X was sworn in as president of Y', 'X was named foreign minister'
            said += [c for c in verb.children if c.dep_ in ("oprd", "attr")]
            said += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for g in p.children
                     if g.dep_ == "pobj"]
        said += [c for t in said for c in t.children if c.dep_ == "conj"]
        lex = self.lex
        for tok in said:
            if not is_title_word(tok, lex) or self.m.at(tok.i) is not None or tok.tag_ in ("NNS", "NNPS"):
                continue
            left = list(self.doc[tok.left_edge.i:tok.i])
            if any(t.lower_ in lex.former_markers for t in left):
                continue  # 'a former al-Shabaab commander'
            actor = next((q for t in reversed(left) if (q := self.m.at(t.i)) is not None
                          and q.kind in QUALIFIER_KINDS and not self._hyphenated_modifier(q)), None)
            if actor is None:
                actor = self._of_with_for(tok)
            if actor is None:
                continue
            role = [tok]
            while role[0].i > tok.left_edge.i and self.m.at(role[0].i - 1) is None and (
                    is_title_word(prev := self.doc[role[0].i - 1], lex) or prev.lower_ in lex.title_modifiers):
                role.insert(0, prev)
            post = self._make(role, actor.entity)
            if post is not None:
                yield tok.i, post, any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)

    def _of_with_for(self, tok: Token) -> Mention | None:
        """The actor of a title's 'of Y' (not a lead noun's: that is 'leads'), 'with Y', or 'for Y'
        (a group it serves, not a remit: 'envoy for Yemen')."""
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "with", "for") \
                    or prep.lower_ == "of" and tok.lower_ in self.lex.lead_nouns:
                continue
            for obj in prep.children:
                q = self.m.at(obj.i)
                if obj.dep_ == "pobj" and q is not None and q.kind in QUALIFIER_KINDS \
                        and (prep.lower_ != "for" or q.kind in ("Organization", "ArmedGroup")):
                    return q
        return None

    def _of(self, tok: Token) -> Mention | None:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    q = self.m.at(obj.i)
                    if obj.dep_ == "pobj" and q is not None and q.kind in QUALIFIER_KINDS:
                        return q
        return None

    def _plural_titles(self):
        """'the foreign ministers of the three countries – A of Turkey, B of Finland, and C of
        Sweden': each name listed after a plural title holds it, for its own 'of X'; or, in
        order, for the title's own actors ('the defence ministers of A and B, X and Y',
        'the Turkish and Russian foreign ministers, X and Y')."""
        lex = self.lex
        for tok in self.doc:
            if tok.tag_ not in ("NNS", "NNPS") or not is_title_word(tok, lex) or self.m.at(tok.i) is not None:
                continue
            listed = self._listed_after(tok)
            if not listed:
                continue
            shared = self._of_list(tok) or self._modifier_actors(tok)
            first = tok.i  # the title's own words, not a phrase the parser hung on it ('On 10 October, the ...')
            while first > tok.left_edge.i and not self.doc[first - 1].is_punct and self.doc[first - 1].dep_ != "prep" \
                    and self.doc[first - 1].head.i >= first - 1:
                first -= 1
            role = [t for t in self.doc[first:tok.i + 1] if t.dep_ not in ("det", "poss", "case", "cc")
                    and self.m.at(t.i) is None and t.pos_ not in ("NUM", "DET", "PUNCT", "CCONJ")]
            if not role or any(t.lower_ in lex.former_markers for t in self.doc[first:tok.i]):
                continue
            title = " ".join([t.text for t in role[:-1]] + [role[-1].lemma_])
            for k, (person, own) in enumerate(listed):
                actor = own or (shared[k] if len(shared) == len(listed) else shared[0] if len(shared) == 1 else None)
                if actor is not None:
                    org = self.m.government_state.get(id(actor.entity), actor.entity)
                    yield person.entity, Entity("Post", f"{title} of {org.label}", role_title=title,
                                                post_in=org), tok.i

    def _listed_after(self, tok: Token) -> list[tuple[Mention, Mention | None]]:
        """The names listed after a plural title, each with its own 'of X' or '(X)': 'ministers of
        the three countries – A of X, B of Y, and C of Z', 'ministers of three countries: A (X), B
        (Y) and C (Z)', 'ministers of A and B, X and Y'. The parse often attaches such lists
        elsewhere, so the list is read off the tokens, from the end of the title's own phrase."""
        doc = self.doc
        i, end = tok.i + 1, tok.sent.end
        if i < end and doc[i].lower_ == "of":  # the title's own 'of the three countries'
            while i < end and doc[i].text not in (",", "–", "—", ":", "(", "-"):
                i += 1
        direct = i == tok.i + 1 and tok.is_title and i < end and self._person(doc[i]) is not None
        if not direct and (i >= end or doc[i].text not in (",", "–", "—", ":")):
            return []  # (or the names right after a capitalised title: 'Presidents A of X and B of Y')
        out = []
        i += not direct
        while i < end:
            person = self._person(doc[i])
            if person is None:
                break
            own, i = None, person.end
            if i + 1 < end and doc[i].lower_ in ("of", "for") and (q := self.m.at(i + 1)) is not None \
                    or i + 2 < end and doc[i].lower_ in ("of", "for") and doc[i + 1].lower_ == "the" \
                    and (q := self.m.at(i + 2)):  # 'A of X', 'A for X' (who speaks for X)
                if q.kind in QUALIFIER_KINDS:
                    own, i = q, q.end
            elif i + 2 < end and doc[i].text == "(" and (q := self.m.at(i + 1)) is not None and q.start == i + 1 \
                    and q.kind in QUALIFIER_KINDS and q.end < end and doc[q.end].text == ")":
                own, i = q, q.end + 1  # 'A (Netherlands), B (Luxembourg)'
            out.append((person, own))
            while i < end and doc[i].lower_ in (",", "and"):
                i += 1
        return out if len(out) >= 2 else []

    def _modifier_actors(self, tok: Token) -> list[Mention]:
        """'the Turkish and Russian foreign ministers': the actors before a plural title."""
        out: list[Mention] = []
        for t in self.doc[tok.left_edge.i:tok.i]:
            q = self.m.at(t.i)
            if q is not None and q.kind in QUALIFIER_KINDS and q not in out:
                out.append(q)
        return out

    def _person(self, tok: Token) -> Mention | None:
        """The official whose name starts at `tok` in a list under a title; a name the NER
        missed there ('– Mevlut Cavusoglu of Turkey, Pekka Haavisto of Finland') becomes one."""
        m = self.m.at(tok.i)
        if m is None and tok.pos_ == "PROPN" and tok.is_title and tok.ent_type_ in UNREAD_LABELS:
            last = tok.i  # ('Presidents Heidar Aliyev' tagged as a work of art)
            while last + 1 < tok.sent.end and self.doc[last + 1].pos_ == "PROPN" and self.doc[last + 1].is_title \
                    and self.m.at(last + 1) is None and self.doc[last + 1].ent_type_ in UNREAD_LABELS \
                    and last < tok.i + 2:
                last += 1
            if last > tok.i:
                label = self.doc[tok.i:last + 1].text
                m = self.m.add(tok.i, last + 1, Entity("Official", label), "title-list")
        return m if m is not None and m.kind == "Official" and m.start == tok.i else None

    def _of_list(self, tok: Token) -> list[Mention]:
        first = self._of(tok)
        if first is None:
            return []
        out = [first]
        for t in self.doc[first.start:first.start + 12]:
            q = self.m.at(t.i)
            if t.dep_ == "conj" and q is not None and q.kind in QUALIFIER_KINDS and q not in out:
                out.append(q)
        return out

