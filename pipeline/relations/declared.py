"""Relation patterns declared as data: spaCy dependency patterns in data/relation_patterns.json,
each naming the relation, which pattern node gives the subject and which the object (or the
group whose members pair up, for 'met' and 'opposes'), and how each node becomes entities.

A node's attributes may name a word list of data/lexicon.json as "@list" (e.g. {"LEMMA": {"IN":
"@endorse_verbs"}}); the loader substitutes the list and fails on an unknown list, relation,
resolver or node, so a mistyped pattern is an error at load time."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Token
from spacy.vocab import Vocab

from geonews.ontology import signatures

from ..model import Candidate, Entity
from ..nlp.lexicon import lexicon
from .arguments import Arguments, emit, pairs
from .fast_matcher import FastDependencyMatcher as DependencyMatcher  # spaCy's, with a faster first step

#: How a matched token becomes entities (the methods of `Arguments` they call).
RESOLVERS: dict[str, Callable[[Arguments, Token], list[Entity]]] = {
    "group": lambda a, t: a.group(t),  # the token's entities and its conjuncts
    "named": lambda a, t: a.named(t),  # the names at the token and its conjuncts (no 'X's forces')
    "subjects": lambda a, t: a.subjects(t),  # a verb's subjects (antecedent, conjoined verb, speaker)
    "patients": lambda a, t: a.passive_patients(t),  # a passive verb's subjects
    "owner": lambda a, t: a.owners(t),  # a noun's possessor, the subject of its verb, or the speaker
    "agreement": lambda a, t: a.agreements_reached(t),  # the agreement a word is about
    "patient_agreement": lambda a, t: a.patient_agreements(t),  # the agreement a passive verb is about
    "context_agreement": lambda a, t: a.context_agreement(t.sent),  # the sentence's, paragraph's, article's
    "paragraph_agreement": lambda a, t: a.paragraph_agreement(t.sent),  # the sentence's or paragraph's
    "place": lambda a, t: a.place(t),  # places; 'it' / 'the region' -> the place named last
    "city": lambda a, t: a.place(t, city=True),  # as place, and a capital read as its state is the city
}
ROLE = re.compile(r"^(\w+)\((\w+)\)$")


class PatternError(ValueError):
    """data/relation_patterns.json has an error."""


@dataclass(frozen=True)
class Declared:
    """One declared pattern: relation, roles as (resolver, node), base confidence, spaCy pattern."""

    name: str
    relation: str
    subject: tuple[str, str] | None
    object: tuple[str, str] | None
    pairs: tuple[str, str] | None
    confidence: float
    nodes: tuple[str, ...]
    pattern: list[dict]


def parse_patterns(data: dict) -> list[Declared]:
    """The declared patterns of the JSON object, with lexicon lists substituted."""
    lex, relations = lexicon(), signatures()
    out = []
    for entry in data["patterns"]:
        name = entry.get("name", "?")
        if entry.get("relation") not in relations:
            raise PatternError(f"{name}: unknown relation {entry.get('relation')!r}")
        pattern = _substitute(entry["pattern"], lex, name)
        nodes = tuple(node["RIGHT_ID"] for node in pattern)
        roles = {k: _role(entry[k], nodes, name) if k in entry else None for k in ("subject", "object", "pairs")}
        if not (roles["pairs"] or roles["subject"] and roles["object"]):
            raise PatternError(f"{name}: needs 'subject' and 'object', or 'pairs'")
        out.append(Declared(name, entry["relation"], roles["subject"], roles["object"], roles["pairs"],
                            float(entry.get("confidence", 0.75)), nodes, pattern))
    return out


def _role(spec: str, nodes: tuple[str, ...], name: str) -> tuple[str, str]:
    m = ROLE.match(spec)
    if m is None or m.group(1) not in RESOLVERS or m.group(2) not in nodes:
        raise PatternError(f"{name}: bad role {spec!r} (resolver(node), resolvers: {sorted(RESOLVERS)})")
    return m.group(1), m.group(2)


def _substitute(value, lex, name: str):
    """Replace "@list" strings by the lexicon's sorted word list."""
    if isinstance(value, dict):
        return {k: _substitute(v, lex, name) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, lex, name) for v in value]
    if isinstance(value, str) and value.startswith("@"):
        words = getattr(lex, value[1:], None)
        if not isinstance(words, frozenset):
            raise PatternError(f"{name}: unknown word list {value!r}")
        return sorted(words)
    return value


@lru_cache(maxsize=1)
def declared_patterns() -> tuple[Declared, ...]:
    text = files("geonews.pipeline").joinpath("data", "relation_patterns.json").read_text(encoding="utf-8")
    return tuple(parse_patterns(json.loads(text)))


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    for k, d in enumerate(declared_patterns()):
        matcher.add(str(k), [d.pattern])
    return matcher


def declared(a: Arguments) -> Iterator[Candidate]:
    """The candidates of every declared pattern over the article."""
    pats = declared_patterns()
    for match_id, token_ids in _matcher(a.doc.vocab)(a.doc):
        d = pats[int(a.doc.vocab.strings[match_id])]
        toks = {node: a.doc[i] for node, i in zip(d.nodes, token_ids, strict=True)}
        anchor = toks[d.nodes[0]]
        if d.pairs is not None:
            yield from pairs(d.relation, _resolve(a, d.pairs, toks), anchor.sent, d.name, d.confidence, anchor.i)
        else:
            yield from emit(d.relation, _resolve(a, d.subject, toks), _resolve(a, d.object, toks), anchor.sent,
                            d.name, d.confidence, anchor.i)


def _resolve(a: Arguments, role: tuple[str, str], toks: dict[str, Token]) -> list[Entity]:
    resolver, node = role
    return RESOLVERS[resolver](a, toks[node])
