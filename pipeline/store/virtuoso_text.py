"""Queries rewritten into equivalent ones that Virtuoso 7.2 evaluates correctly (measured on
07.20.3229; the README's "Serving from a SPARQL server" lists the quirks).

- `inline_data`: a VALUES block inside a group (`{ VALUES ... } UNION { ... }`, `OPTIONAL { VALUES
  ... }`) becomes a subquery over the same VALUES with one more row, of empty strings, which a
  FILTER on an extra variable removes again:
  `{ SELECT ?x ?y WHERE { VALUES (?x ?y ?t) { (a b UNDEF) ("" "" 0) } FILTER(!BOUND(?t)) } }`.
  Both forms have the same solutions (the subquery projects exactly the block's variables, and
  the SPARQL algebra joins inline data and a subquery alike). Sent as written, Virtuoso drops the
  rows of a VALUES block that is a UNION branch, and under ORDER BY it answers the IRIs of an
  `OPTIONAL { VALUES ... }` as strings; the subquery fixes the first, and the empty strings (a
  column that mixes IRIs and literals) the second. Rows with UNDEF go in a subquery of their own
  that leaves that variable out (a UNION of one subquery per set of bound variables): Virtuoso
  joins nothing with a variable that a subquery leaves unbound. The trailing VALUES of a query or
  a subquery is left as it is (Virtuoso evaluates it correctly), and so is a row of UNDEF only.
- `integral_decimals`: an xsd:decimal literal written without a fraction (`"5"^^xsd:decimal`) is
  sent with one (`"5.0"^^xsd:decimal`). Virtuoso keeps no lexical forms for numbers: the two are the
  same term there (sameTerm is true, STR gives "5" for both), but the first one comes back typed
  xsd:integer in SPARQL results.

Both work on the tokens of `sparql_text` (strings, IRIs and comments are single tokens, so nothing
inside a literal is ever taken for syntax); a query whose VALUES block does not read as one is sent
unchanged, for the server to refuse.
"""

from __future__ import annotations

import re

from .sparql_text import tokens

XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_BRACKETS = frozenset("(){}")
#: Name of the variable that marks the extra row (a suffix is added if the query uses it).
TAG = "geonews_values_row"

Token = tuple[str, str, int, int]


def inline_data(query: str) -> str:
    """`query` with every VALUES block inside a group written as an equivalent subquery."""
    toks = list(tokens(query))
    used = {text[1:] for kind, text, _, _ in toks if kind == "var"}
    tag = TAG
    while tag in used:
        tag += "_"
    out: list[str] = []
    last = 0
    frames: list[bool] = []  # open braces: whether each one opens a subquery ({ SELECT ...)
    i = 0
    while i < len(toks):
        kind, text, start, _ = toks[i]
        word = text.upper() if kind == "word" else ""
        if text == "{":
            frames.append(i + 1 < len(toks) and toks[i + 1][1].upper() == "SELECT" and toks[i + 1][0] == "word")
        elif text == "}":
            if frames:
                frames.pop()
        elif word == "VALUES" and frames and not frames[-1]:
            block = _block(toks, i + 1)
            if block is None:
                return query
            variables, rows, end = block
            text = _subquery(variables, rows, tag) if variables else None
            if text is not None:
                out.append(query[last:start])
                out.append(text)
                last = toks[end][3]
            i = end + 1
            continue
        i += 1
    out.append(query[last:])
    return "".join(out)


def _subquery(variables: list[str], rows: list[list[str]], tag: str) -> str | None:
    """The block as subqueries, one per set of bound variables (UNDEF columns are left out of
    it: Virtuoso joins no solution with a variable a subquery leaves unbound), in a UNION."""
    shapes: dict[tuple[int, ...], list[list[str]]] = {}
    for row in rows:
        shape = tuple(i for i, term in enumerate(row) if term.upper() != "UNDEF")
        shapes.setdefault(shape, []).append([row[i] for i in shape])
    if not shapes:
        shapes[tuple(range(len(variables)))] = []
    if () in shapes:
        return None  # a row of UNDEF only: sent as written
    parts = []
    for shape, data in shapes.items():
        names = " ".join(variables[i] for i in shape)
        values = " ".join("(" + " ".join(row) + " UNDEF)" for row in data)
        extra = "(" + " ".join('""' for _ in shape) + " 0)"
        parts.append(f"{{ SELECT {names} WHERE {{ VALUES ({names} ?{tag}) {{ {values} {extra} }} "
                     f"FILTER(!BOUND(?{tag})) }} }}")
    return parts[0] if len(parts) == 1 else "{ " + " UNION ".join(parts) + " }"


def _block(toks: list[Token], i: int) -> tuple[list[str], list[list[str]], int] | None:
    """The DataBlock starting at token `i`: (variables, rows of term texts, index of its `}`)."""
    if i >= len(toks):
        return None
    if toks[i][0] == "var":
        variables, i, single = [toks[i][1]], i + 1, True
    elif toks[i][1] == "(":
        variables, i, single = [], i + 1, False
        while i < len(toks) and toks[i][0] == "var":
            variables.append(toks[i][1])
            i += 1
        if i >= len(toks) or toks[i][1] != ")":
            return None
        i += 1
    else:
        return None
    if i >= len(toks) or toks[i][1] != "{":
        return None
    i += 1
    rows: list[list[str]] = []
    while i < len(toks) and toks[i][1] != "}":
        if single:
            term = _term(toks, i)
            if term is None:
                return None
            rows.append([term[0]])
            i = term[1]
            continue
        if toks[i][1] != "(":
            return None
        i += 1
        row: list[str] = []
        while i < len(toks) and toks[i][1] != ")":
            term = _term(toks, i)
            if term is None:
                return None
            row.append(term[0])
            i = term[1]
        if i >= len(toks) or len(row) != len(variables):
            return None
        rows.append(row)
        i += 1
    if i >= len(toks):
        return None
    return variables, rows, i


def _term(toks: list[Token], i: int) -> tuple[str, int] | None:
    """One DataBlockValue at token `i`, as text (no comments, no line breaks), and the next index."""
    kind, text, _, end = toks[i]
    if kind in ("iri", "pname"):
        return text, i + 1
    if kind == "word":
        return (text, i + 1) if text.upper() in ("UNDEF", "TRUE", "FALSE") else None
    if kind == "string":
        if i + 1 < len(toks) and toks[i + 1][0] == "lang":
            return text + toks[i + 1][1], i + 2
        if i + 2 < len(toks) and toks[i + 1][1] == "^" and toks[i + 2][1] == "^":
            if i + 3 < len(toks) and toks[i + 3][0] in ("iri", "pname"):
                return f"{text}^^{toks[i + 3][1]}", i + 4
            return None
        return text, i + 1
    if kind in ("other", "word"):  # a number: tokens with nothing between them, e.g. - 3 . 5 e2
        parts, j = [text], i + 1
        while j < len(toks) and toks[j][2] == end and toks[j][0] in ("other", "word") \
                and toks[j][1] not in _BRACKETS:
            parts.append(toks[j][1])
            end = toks[j][3]
            j += 1
        number = "".join(parts)
        return (number, j) if _NUMBER.match(number) else None
    return None


def integral_decimals(query: str) -> str:
    """`query` with each xsd:decimal literal that has no fraction (`"5"^^xsd:decimal`) written
    with one (`"5.0"^^xsd:decimal`); the same term on Virtuoso, which answers the first as an integer."""
    toks = list(tokens(query))
    prefixes = {"xsd": "http://www.w3.org/2001/XMLSchema#"}  # Virtuoso predefines xsd:
    out: list[str] = []
    last = 0
    for i, (kind, text, start, end) in enumerate(toks):
        if kind == "iri" and i >= 2 and toks[i - 1][0] == "pname" and toks[i - 2][1].upper() == "PREFIX":
            prefixes[toks[i - 1][1].rstrip(":")] = text[1:-1]
        if kind != "string" or i + 3 >= len(toks) or toks[i + 1][1] != "^" or toks[i + 2][1] != "^":
            continue
        quote = 3 if text[:3] in ('"""', "'''") else 1
        closed = len(text) >= 2 * quote and text.endswith(text[:quote])
        body = text[quote:-quote] if closed else ""  # an unterminated string is left alone
        if not _INTEGER.match(body) or _expand(toks[i + 3], prefixes) != XSD_DECIMAL:
            continue
        out.append(query[last:start])
        out.append(text[:quote] + body + ".0" + text[-quote:])
        last = end
    out.append(query[last:])
    return "".join(out)


def _expand(token: Token, prefixes: dict[str, str]) -> str | None:
    kind, text, _, _ = token
    if kind == "iri":
        return text[1:-1]
    if kind == "pname":
        prefix, _, local = text.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else None
    return None
