"""SPARQL text without a parser: one lexer (shared with the endpoint's safety checks), the query
form, and variable substitution for servers that have no `substitutions` option.

The lexer never builds a tree, so it is linear and cannot recurse too deep; an unterminated string
runs to the end of its line (or of the query). Substitution follows pyoxigraph's `substitutions`
(the variable is bound to the term before evaluation, and stays in the results): in the projection
`?x` becomes `(<term> AS ?x)`, a GROUP BY or ORDER BY key `(<term>)`, elsewhere the term itself,
except where the grammar needs a variable (after AS, in a VALUES variable list). Unlike pyoxigraph,
an expression such as BIND(?x AS ?y) sees the term.
Terms are written by pyoxigraph (N-Triples syntax, which escapes every quote and line break), so
a value cannot change the query's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from ..errors import StoreError

_PN_CHARS = r"\w\u00B7-\uFFFF"
TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\\?$)|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\\?$)
                |"(?:[^"\\\n\r]|\\.)*(?:"|\\?$|(?=[\n\r]))|'(?:[^'\\\n\r]|\\.)*(?:'|\\?$|(?=[\n\r])))
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<quoted><<|>>)
    | (?P<var>[?$][PN]*)
    | (?P<bnode>_:[PN\-.]*)
    | (?P<lang>@[A-Za-z][A-Za-z0-9\-]*)
    | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][PN\-.]*)?:(?:[PN\-.:%]|\\.)*)
    | (?P<word>[A-Za-z_][PN]*)
    | (?P<other>.)
    """.replace("PN", _PN_CHARS),
    re.VERBOSE | re.DOTALL,
)

#: The four query forms; the first of them in a query is its form.
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def tokens(query: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, text, start, end) of every token but white space and comments."""
    for match in TOKEN.finditer(query):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            yield kind, match.group(), match.start(), match.end()


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE when the query starts with its prologue (BASE and PREFIX
    declarations) and then one of them; None for anything else (an update, a vendor's DEFINE)."""
    expect = None  # what a declaration still needs: "pname" then "iri" (PREFIX), "iri" (BASE)
    for kind, text, _, _ in tokens(query):
        if expect:
            if kind != expect[0]:
                return None
            expect = expect[1:]
            continue
        word = text.upper() if kind == "word" else ""
        if word == "PREFIX":
            expect = ("pname", "iri")
        elif word == "BASE":
            expect = ("iri",)
        else:
            return word if word in FORMS else None
    return None


def _term(value: ox.Term) -> str:
    if isinstance(value, ox.BlankNode) or not isinstance(value, (ox.NamedNode, ox.Literal)):
        raise StoreError(f"cannot substitute {value!r} into a query: only IRIs and literals")
    return str(value)


def substitute(query: str, bindings: Mapping[str, ox.Term]) -> str:
    """`query` with each variable of `bindings` bound to its term, as pyoxigraph's `substitutions`."""
    if not bindings:
        return query
    terms = {name: _term(value) for name, value in bindings.items()}
    out: list[str] = []
    last = 0
    mode = ""  # "select" (projection), "values" (variable list), "key" (GROUP/ORDER BY)
    depth = 0  # brackets opened since the mode began
    previous = ""
    for kind, text, start, end in tokens(query):
        word = text.upper() if kind == "word" else ""
        if word in ("SELECT", "VALUES") or (word == "BY" and previous in ("GROUP", "ORDER")):
            mode, depth = {"SELECT": "select", "VALUES": "values"}.get(word, "key"), 0
        elif text in ("(", "["):
            depth += 1
        elif text in (")", "]"):
            depth -= 1
        elif text == "{" or word in ("WHERE", "FROM", "LIMIT", "OFFSET", "HAVING"):
            mode = ""
        if kind == "var" and text[1:] in terms and previous != "AS":
            term = terms[text[1:]]
            if mode == "select" and depth == 0:
                replacement = f"({term} AS {text})"
            elif mode == "key" and depth == 0:
                replacement = f"({term})"  # a bracketed expression: a bare IRI is not a key
            elif mode == "values":
                replacement = None
            else:
                replacement = term
            if replacement is not None:
                out.append(query[last:start])
                out.append(replacement)
                last = end
        previous = word or text
    out.append(query[last:])
    return "".join(out)


#: IRIs that stand for blank nodes minted by BNODE() on a server that lacks it (see `mint_bnodes`).
BNODE_IRI = "urn:geonews:bnode:"


def mint_bnodes(query: str) -> str:
    """`BNODE()` written as `IRI(CONCAT("urn:geonews:bnode:", STRUUID()))`, a fresh IRI per call,
    for a server whose engine has no BNODE() (Virtuoso 7.2); the answer's reader turns those IRIs
    back into blank nodes. (Inside the query they are IRIs: isBLANK() of one is false.)"""
    out: list[str] = []
    last = 0
    recent: list[tuple[str, int, int]] = []
    for kind, text, start, end in tokens(query):
        recent = (recent + [(text.upper() if kind == "word" else text, start, end)])[-3:]
        if [t for t, _, _ in recent] == ["BNODE", "(", ")"]:
            out.append(query[last:recent[0][1]])
            out.append(f'IRI(CONCAT("{BNODE_IRI}", STRUUID()))')
            last = end
    out.append(query[last:])
    return "".join(out)
