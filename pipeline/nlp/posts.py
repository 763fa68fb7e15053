"""Posts from titles next to names: 'Russian Deputy Foreign Minister Mikhail Bogdanov',
'Hans Grundberg, UN Special Envoy for Yemen', 'the president of Artsakh, Samvel Shahramanyan';
and nominal references to a post holder ('the Turkish ambassador' -> Mehmet Samsar)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Entity
from .lexicon import lexicon
from .mentions import Mention, Mentions

QUALIFIER_KINDS = {"State", "Organization", "Government", "ArmedGroup"}


@dataclass
class PostFact:
    official: Entity
    post: Entity
    token: int  # where the title is, for the evidence sentence


def _is_title_word(tok: Token, lex) -> bool:
    low = tok.lower_
    return low in lex.titles or low in lex.title_head_words or low.rstrip("s") in lex.title_head_words


class Posts:
    def __init__(self, mentions: Mentions):
        self.m, self.doc, self.lex = mentions, mentions.doc, lexicon()

    def find(self) -> list[PostFact]:
        out: list[PostFact] = []
        for m in self.m.all():
            if m.kind != "Official":
                continue
            for span in self._title_spans(m):
                post = self._post(span)
                if post is not None:
                    out.append(PostFact(m.entity, post, span[0]))
                    break
        return out

    def _title_spans(self, m: Mention) -> list[tuple[int, int]]:
        """Candidate title token ranges: right before the name, apposition after, apposition before."""
        doc, spans = self.doc, []
        i = m.start
        while i > 0 and i > m.start - 14 and self._title_token(doc[i - 1]):
            i -= 1
        if i < m.start:
            spans.append((i, m.start))
        if m.end < len(doc) and doc[m.end].text == ",":
            j = m.end + 1
            while j < len(doc) and j < m.end + 16 and self._title_token(doc[j]):
                j += 1
            if j > m.end + 1:
                spans.append((m.end + 1, j))
        if m.start >= 2 and doc[m.start - 1].text == ",":
            k = m.start - 1
            while k > 0 and k > m.start - 16 and self._title_token(doc[k - 1]):
                k -= 1
            if k < m.start - 1:
                spans.append((k, m.start - 1))
        return spans

    def _title_token(self, tok: Token) -> bool:
        mention = self.m.at(tok.i)
        if mention is not None:
            return mention.kind in QUALIFIER_KINDS
        return (tok.is_title or tok.lower_ in self.lex.title_joiners or tok.lower_ in self.lex.title_modifiers
                or _is_title_word(tok, self.lex)) \
            and tok.pos_ not in ("VERB", "AUX") and tok.text not in (",", "(", ")", "“", "”", '"')

    def _post(self, span: tuple[int, int]) -> Entity | None:
        doc, lex = self.doc, self.lex
        start, end = span
        while start < end and doc[start].lower_ in lex.title_joiners:
            start += 1
        while end > start and doc[end - 1].lower_ in lex.title_joiners:
            end -= 1
        if start > 0 and doc[start - 1].lower_ in lex.former_markers:
            return None  # 'former US President X': not a post held now
        toks = list(doc[start:end])
        heads = [t for t in toks if self.m.at(t.i) is None and _is_title_word(t, lex)]
        if not heads or all(t.lower_ in lex.military_ranks for t in heads):
            return None
        qualifier = None
        for t in toks:
            mention = self.m.at(t.i)
            if mention is not None and mention.kind in QUALIFIER_KINDS:
                qualifier = mention
                break
        if qualifier is None:
            return None
        if qualifier.start <= start:
            role_toks = [t for t in toks if t.i >= qualifier.end]
            while role_toks and role_toks[0].lower_ in lex.title_joiners:
                role_toks.pop(0)  # 'the Colombian government of President X'
        else:
            role_toks = [t for t in toks if t.i < qualifier.start]
            while role_toks and role_toks[-1].lower_ in lex.title_joiners:
                role_toks.pop()
            if doc[qualifier.start - 1].lower_ == "for":  # 'Special Envoy for Yemen': Yemen is the remit
                return None
        if not role_toks or not any(self.m.at(t.i) is None and _is_title_word(t, lex) for t in role_toks):
            return None
        while len(role_toks) > 1 and role_toks[-1].is_title and not _is_title_word(role_toks[-1], lex) \
                and role_toks[-2].lower_ not in lex.title_joiners:
            role_toks.pop()  # 'Defence Minister Rustem (Umerov)': a given name the NER left out
        heads = [t for t in role_toks if _is_title_word(t, lex)]
        if len(heads) > 1 and role_toks[-1].lower_ in lex.honorific_titles:
            role_toks.pop()  # 'Foreign Minister Prince (Faisal)': the honorific is not the post
        role = doc[role_toks[0].i:role_toks[-1].i + 1].text.strip(" ,")
        org = self.m.government_state.get(id(qualifier.entity), qualifier.entity)
        return Entity("Post", f"{role} of {org.label}", role_title=role, post_in=org)

    def resolve_nominal(self, facts: list[PostFact]) -> None:
        """'the Turkish ambassador' -> the official of this article holding that post."""
        for chunk in self.doc.noun_chunks:
            root = chunk.root
            if self.m.at(root.i) is not None or not _is_title_word(root, self.lex):
                continue
            quals = [self.m.at(t.i) for t in chunk if t.i < root.i and self.m.at(t.i) is not None]
            if not quals:
                continue
            holders = [f.official for f in facts
                       if f.post.post_in is quals[0].entity and f.post.role_title.lower().split()[-1] == root.lower_]
            if len({id(h) for h in holders}) == 1:
                first = quals[0].start
                for i in range(first, root.i + 1):
                    self.m.by_token[i] = None
                self.m.add(first, root.i + 1, holders[0], "title", surface=None)
