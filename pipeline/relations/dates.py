"""Normalise date expressions to xsd:date / gYearMonth / gYear lexical forms.

Only what the text supports: 'March 5' needs a reference date (the article's published date or
dateline) for its year, otherwise it is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_M = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
      r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DMY = re.compile(rf"\b(\d{{1,2}})(?:\s*(?:and|to|-|–)\s*\d{{1,2}})?\s+{_M}\s*,?\s+(\d{{4}})\b", re.I)
_MDY = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:\s*(?:and|to|-|–)\s*(\d{{1,2}}))?\s*,\s*(\d{{4}})\b", re.I)
_MY = re.compile(rf"\b{_M}\s+(\d{{4}})\b", re.I)
_DM = re.compile(rf"\b(\d{{1,2}})\s+{_M}\b|\b{_M}\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", re.I)
_Y = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH_ONLY = re.compile(rf"\b{_M}\b", re.I)


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize(text: str, ref: date | None = None) -> str | None:
    """'5 September 2014' -> '2014-09-05'; 'September 2012' -> '2012-09'; '1994' -> '1994';
    'Tuesday' / 'March 5' / 'in November' only with a reference date."""
    t = text.strip()
    if m := _DMY.search(t):
        return _valid(int(m.group(3)), MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
    if m := _MDY.search(t):
        if m.group(3):  # 'September 5 to 17, 1978': a range within one month
            return f"{int(m.group(4)):04d}-{MONTHS[m.group(1).lower()[:3]]:02d}"
        return _valid(int(m.group(4)), MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
    if m := _MY.search(t):
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()[:3]]:02d}"
    if ref is not None:
        low = t.lower()
        if m := _DM.search(t):
            day = int(m.group(1) or m.group(4))
            month = MONTHS[(m.group(2) or m.group(3)).lower()[:3]]
            year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
            return _valid(year, month, day)
        if low in ("today", "this morning", "tonight", "this evening"):
            return ref.isoformat()
        if low == "yesterday":
            return (ref - timedelta(days=1)).isoformat()
        for name, wd in WEEKDAYS.items():
            if re.search(rf"\b{name}\b", low):
                return (ref - timedelta(days=(ref.weekday() - wd) % 7)).isoformat()
        if m := _MONTH_ONLY.search(t):
            month = MONTHS[m.group(1).lower()[:3]]
            year = ref.year if month <= ref.month else ref.year - 1
            return f"{year:04d}-{month:02d}"
    if m := _Y.search(t):
        return m.group(1)
    return None


_WORD = r"[A-Z][A-Za-z.'’\-]*"
#: 'WASHINGTON, 8 August 2025 (Reuters) –', 'ADDIS ABABA -', 'Amman, 13 April 2022 –', 'Kyiv —':
#: a place of one to four capitalised words, an optional ', date' or ', region', an optional
#: '(Agency)', then a spaced dash, at the start of a line.
_DATELINE = re.compile(
    rf"^(?P<place>{_WORD}(?: {_WORD}){{0,3}})(?:, (?P<extra>[^\n–—()]{{2,40}}?))?"
    r"(?: \((?P<agency>[A-Z][\w .&-]{1,30})\))?[ \t]+(?:—|–|-{1,2})[ \t]+(?=\S)", re.M)
DATELINE_LINES = 6  # a dateline opens the body: the first lines after the title


@dataclass(frozen=True)
class Dateline:
    """Character offsets of an article's dateline: its place [begin, place_end) and the end of
    the dash, where the first sentence of the body begins; its date when it gives one."""

    begin: int
    place_end: int
    end: int
    date: str | None
    upper: bool  # the place is written in capitals ('WASHINGTON'), the wire-service style


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening the article body, if any. The title line is never one, and a
    title-case place needs a date or a known place name to count (the caller checks the
    latter): 'Hamas - the group ...' is a sentence, not a dateline."""
    first_break = text.find("\n")
    body_start = first_break + 1 if first_break >= 0 else 0
    head_end = body_start
    for _ in range(DATELINE_LINES):
        nxt = text.find("\n", head_end + 1)
        head_end = len(text) if nxt < 0 else nxt
    for m in _DATELINE.finditer(text, body_start, head_end):
        extra = m.group("extra")
        when = normalize(extra) if extra else None
        if extra and when is None and not _DM.search(extra) and not all(w[:1].isupper() for w in extra.split()):
            continue  # 'Rebels, backed by Iran -': a clause, not a place or a date ('March 3' is one)
        return Dateline(m.start(), m.end("place"), m.end(), when, m.group("place").isupper())
    return None


def dateline(text: str) -> date | None:
    """The date of the article's dateline ('WASHINGTON, 8 August 2025 (Reuters) –'), else a full
    date near the top of the article ('2 Apr 2022' on a line of its own)."""
    line = find_dateline(text)
    if line is not None and line.date and len(line.date) == 10:
        return date.fromisoformat(line.date)
    head = "\n".join(text.splitlines()[:4])[:400]
    value = normalize(head)
    if value and len(value) == 10:
        return date.fromisoformat(value)
    return None
