"""Checks on the raw SPARQL text, done before the engine ever parses it.

A small lexer (strings, IRIs, comments, prefixed names, variables; `pipeline.store.sparql_text`,
which the remote store shares) finds the bracket nesting depth
(the embedded engine aborts the process on very deep nesting), Update keywords (the endpoint is
read-only), SERVICE (it makes no outbound request) and the FROM / FROM NAMED graphs (which must be
graphs of the store). The lexer never builds a tree, so it cannot itself recurse too deep.
An unterminated string runs to the end of its line (or of the query): the parser stops there
anyway, and this keeps the lexer linear.

The engine's parser is a PEG grammar without a separate lexer: it reads a keyword wherever the
letters are, so `SERVICESILENT<x>` is SERVICE SILENT <x>, and `SERVICE:x` is SERVICE followed by
the prefixed name `:x`. The SERVICE check therefore refuses every bare word and every prefix name
that *starts* with "service", in any case. This check gives a clear 400; it is not what keeps the
endpoint from calling out: the query workers run in a network sandbox (`sandbox.py`) in which
no Internet socket can be opened, whatever the query says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from urllib.parse import urljoin

from geonews.pipeline.errors import GeonewsError
from geonews.pipeline.store.sparql_text import TOKEN, query_form

#: SPARQL Update operations and clauses: none is a keyword of the query language.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING"}
)
OPENERS = {"(": ")", "{": "}", "[": "]"}
CLOSERS = frozenset(OPENERS.values())

#: XML Schema datatypes: the only functions named by an IRI that SPARQL defines (casts).
XSD = "http://www.w3.org/2001/XMLSchema#"


_INTEGER = re.compile(r"\s*(\d+)")


class QueryRejected(GeonewsError):
    """The query is refused before evaluation; `status` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass
class QueryScan:
    """What the lexer saw: deepest nesting, bare keywords and the query's own dataset."""

    depth: int = 0
    keywords: set[str] = field(default_factory=set)
    #: Bare words and prefix names the engine may read as SERVICE (see the module docstring).
    service: list[str] = field(default_factory=list)
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    #: IRIs (or undeclared prefixed names) called as functions: `<f>(...)`, `ex:f(...)`.
    functions: list[str] = field(default_factory=list)
    form: str | None = None  # SELECT, ASK, CONSTRUCT, DESCRIBE; None if not a plain query
    #: The query's own top-level LIMIT (a SELECT answers at most this many rows), if any.
    limit: int | None = None

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named_graphs or self.unresolved)


def scan(query: str, base: str = "") -> QueryScan:
    """Lex `query` once; brackets inside strings, IRIs and comments do not count.

    Relative IRIs resolve against `base` (the endpoint's URL, as in the evaluation) or a BASE.
    """
    result = QueryScan(form=query_form(query))
    prefixes: dict[str, str] = {}
    depth = 0
    recent: list[tuple[str, str]] = []  # the last few significant tokens, for PREFIX/BASE/FROM
    expressions = False  # in GROUP BY, ORDER BY or HAVING: every `iri(` is a function call
    for match in TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind in ("ws", "comment"):
            continue
        if text == "(" and recent and recent[-1][0] in ("iri", "pname"):
            if expressions or len(recent) < 2 or not _ends_term(recent[-2]):
                result.functions.append(_expand(recent[-1], prefixes, base))
        word = text.upper() if kind == "word" else ""
        if word in ("BY", "HAVING") and (word == "HAVING" or recent[-1][1].upper() in ("GROUP", "ORDER")):
            expressions = True
        elif text in ("{", "}") or word in ("LIMIT", "OFFSET", "VALUES"):
            expressions = False
        if kind == "other" or kind == "quoted":
            if text in OPENERS or text == "<<":
                depth += 1
                result.depth = max(result.depth, depth)
            elif text in CLOSERS or text == ">>":
                depth = max(0, depth - 1)
        elif kind == "word":
            result.keywords.add(text.upper())
        if kind in ("word", "pname") and text.upper().startswith("SERVICE"):
            result.service.append(text)
        if kind == "word" and depth == 0 and text.upper() == "LIMIT":
            number = _INTEGER.match(query, match.end())
            result.limit = int(number.group(1)) if number else None
        recent = (recent + [(kind, text)])[-4:]
        _declaration(recent, prefixes, result, base)
        if (
            len(recent) >= 2
            and recent[-2][0] == "word"
            and recent[-2][1].upper() == "BASE"
            and kind == "iri"
        ):
            base = urljoin(base, text[1:-1])
    return result


def _join(base: str, ref: str) -> str:
    """`ref` resolved against `base`, keeping an empty fragment (`xsd:` is `...XMLSchema#`)."""
    joined = urljoin(base, ref)
    return joined + "#" if ref.endswith("#") and not joined.endswith("#") else joined


def _ends_term(token: tuple[str, str]) -> bool:
    """Whether `token` can end a subject or a predicate, so that an IRI after it is a predicate
    followed by a collection (`?s ex:p (1 2)`), not a function call."""
    kind, text = token
    return kind in ("var", "iri", "pname", "bnode", "string", "lang") or text in ("]", ")", ";")


def _expand(token: tuple[str, str], prefixes: dict[str, str], base: str) -> str:
    kind, text = token
    if kind == "iri":
        return urljoin(base, text[1:-1]) if base else text[1:-1]
    pfx, _, local = text.partition(":")
    return prefixes[pfx] + local if pfx in prefixes else text


def _declaration(
    recent: list[tuple[str, str]], prefixes: dict[str, str], result: QueryScan, base: str
) -> None:
    """Record PREFIX declarations and FROM [NAMED] targets as soon as their last token is seen."""
    kind, text = recent[-1]
    if kind not in ("iri", "pname"):
        return
    words = [t.upper() if k == "word" else None for k, t in recent[:-1]]
    if (
        kind == "iri"
        and len(recent) >= 3
        and words[-2:-1] == ["PREFIX"]
        and recent[-2][0] == "pname"
    ):
        prefixes[recent[-2][1].rstrip(":")] = _join(base, text[1:-1])
        return
    named = words[-1:] == ["NAMED"] and words[-2:-1] == ["FROM"]
    if not (named or words[-1:] == ["FROM"]):
        return
    if kind == "iri":
        iri = urljoin(base, text[1:-1]) if base else text[1:-1]
    else:
        pfx, _, local = text.rstrip(".").partition(":")
        if pfx not in prefixes:
            result.unresolved.append(text)
            return
        iri = prefixes[pfx] + re.sub(r"\\(.)", r"\1", local)
    (result.from_named_graphs if named else result.from_graphs).append(iri)


def check_query(
    query: str,
    max_length: int,
    max_depth: int,
    known_graphs: Callable[[], Collection[str] | None],
    base: str = "",
    strict: bool = False,
) -> QueryScan:
    """Raise QueryRejected unless `query` is short, shallow, read-only and local; else its scan.

    `known_graphs()` gives the store's named graphs, called only if the query has FROM clauses:
    FROM / FROM NAMED must name one of them (None skips the check when the store cannot be opened).
    `strict` (a remote SPARQL server evaluates the query) also refuses what the embedded engine
    would reject but a server may read as its own extensions: anything before the query form
    but PREFIX and BASE (Virtuoso's DEFINE pragmas can make it fetch URLs) and functions other
    than XSD casts (Virtuoso's bif:http_get fetches a URL, other bif: functions read files).
    """
    if len(query) > max_length:
        raise QueryRejected(
            f"query too long: {len(query)} characters, at most {max_length} are accepted"
        )
    result = scan(query, base)
    if result.depth > max_depth:
        raise QueryRejected(
            f"query nested too deep: {result.depth} levels of brackets, "
            f"at most {max_depth} are accepted"
        )
    update = sorted(result.keywords & UPDATE_KEYWORDS)
    if update:
        raise QueryRejected(
            f"SPARQL Update ({', '.join(update)}) is not accepted: this endpoint is read-only"
        )
    if result.service:
        glued = "" if result.service[0].upper() == "SERVICE" else (
            f" ({result.service[0]!r} is read as the keyword SERVICE by the query engine; "
            "a prefix whose name starts with 'service' has to be renamed)")
        raise QueryRejected(
            "SERVICE (federated query) is not accepted: this endpoint makes no outbound "
            f"requests{glued}"
        )
    if strict:
        _check_strict(result)
    glued_from = sorted(k for k in result.keywords if k.startswith("FROM") and k != "FROM")
    if glued_from:
        raise QueryRejected(
            f"{glued_from[0]} is not a SPARQL keyword: write FROM (and NAMED) as separate words"
        )
    if result.unresolved:
        raise QueryRejected(f"FROM {result.unresolved[0]}: undeclared prefix")
    named = result.from_graphs + result.from_named_graphs
    known = known_graphs() if named else None
    if known is not None:
        for iri in named:
            if iri not in known:
                raise QueryRejected(
                    f"FROM <{iri}> names a graph that is not in this store; "
                    "this endpoint never loads graphs from elsewhere"
                )
    return result


def _check_strict(result: QueryScan) -> None:
    if result.form is None:
        raise QueryRejected(
            "not a SPARQL query: after PREFIX and BASE declarations it must begin with SELECT, "
            "ASK, CONSTRUCT or DESCRIBE (server-specific pragmas such as DEFINE are not accepted)")
    for name in result.functions:
        if not name.startswith(XSD):
            raise QueryRejected(
                f"the function {name} is not accepted: this endpoint evaluates standard SPARQL "
                "functions and XSD casts only (a server's extension functions can make outbound "
                "requests or read files)")
