"""Who a sentence is attributed to: 'according to X', 'X said ...' (also over a quotation that
runs across several sentences)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import ACTOR_KINDS, Entity
from ..nlp.mentions import Mentions


def attributions(doc: Doc, mentions: Mentions) -> dict[int, Entity]:
    """Sentence start -> who the sentence is attributed to."""
    out: dict[int, Entity] = {}
    sents = list(doc.sents)
    quote_open: int | None = None
    for idx, sent in enumerate(sents):
        who = _according_to(doc, mentions, sent) or _speaker(mentions, sent)
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


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside quotation marks (a quotation may run over several sentences;
    a straight quote opens or closes by turns, and a paragraph break closes it)."""
    inside, out = False, set()
    for tok in doc:
        if tok.text in ("“", "‘‘") or tok.text == '"' and not inside:
            inside = True
        elif tok.text in ("”", "’’", '"'):
            inside = False
        elif "\n\n" in tok.text:
            inside = False
        elif inside:
            out.add(tok.i)
    return out


def _according_to(doc: Doc, mentions: Mentions, sent: Span) -> Entity | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            for t in doc[tok.i + 2:min(sent.end, tok.i + 10)]:
                m = mentions.at(t.i)
                if m is not None and m.kind in ACTOR_KINDS:
                    return m.entity
    return None


def _speaker(mentions: Mentions, sent: Span) -> Entity | None:
    for tok in sent:
        if tok.lemma_.lower() in mentions.lex.attribution_verbs and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            m = mentions.at(subj.i) if subj is not None else None
            if subj is None and tok.i > sent.start:  # the parser lost the subject: 'In a tweet US
                m = mentions.at(tok.i - 1)  # President X said ...': the name right before the verb
            if m is not None and m.kind in ACTOR_KINDS and _reports(tok):
                return m.entity
    return None


def _reports(verb: Token) -> bool:
    """The verb introduces reported content (a clause or a quotation), not e.g. 'said goodbye'."""
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or any(
        t.text in ('"', "“", "”") for t in verb.sent)
