"""CSV/TSV cells that a spreadsheet would run as a formula are neutralised, as OWASP recommends.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `=cmd|...`). Such a cell gets a
leading apostrophe, which the spreadsheet shows as text and which a reader can see and strip. A
number (`-3`, `+1.5e3`) starts with a sign but is not a formula, so it is left alone. This
applies to every CSV and TSV the site serves (SPARQL results and fact tables); JSON and XML are
unchanged. In SPARQL TSV a literal is written with its quotes (`"=x"`), so the apostrophe goes
inside them (`"'=x"`).
"""

from __future__ import annotations

import csv
import io
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """`cell` as text a spreadsheet shows rather than evaluates."""
    if cell.startswith(TRIGGERS) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def neutralise_csv(body: bytes) -> bytes:
    """A CSV document (UTF-8) with every risky cell neutralised; unchanged if none is risky."""
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    if not any(c.startswith(TRIGGERS) and not NUMBER.fullmatch(c) for row in rows for c in row):
        return body
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([neutralise(c) for c in row] for row in rows)
    return out.getvalue().encode("utf-8")


def _tsv_cell(cell: str) -> str:
    if cell.startswith('"'):  # a literal in Turtle syntax: look at its first character
        return '"' + neutralise(cell[1:]) if cell[1:2] in TRIGGERS else cell
    return neutralise(cell)


def neutralise_tsv(body: bytes) -> bytes:
    """A SPARQL TSV document with every risky cell neutralised (tabs and line breaks inside
    literals are escaped by the serialiser, so cells split cleanly)."""
    text = body.decode("utf-8")
    lines = text.split("\n")
    fixed = [lines[0]] + ["\t".join(_tsv_cell(c) for c in line.split("\t")) for line in lines[1:]]
    out = "\n".join(fixed)
    return body if out == text else out.encode("utf-8")
