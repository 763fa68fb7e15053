"""The mention pass for names listed before a plural group noun: 'the ex-Seleka and anti-Balaka
armed groups', 'the Mai-Mai and Raia Mutomboki militias': each listed name is an armed group."""

from __future__ import annotations

from ..model import Entity
from .mentions import Mentions


def listed_groups(ms: Mentions) -> None:
    """Names joined by 'and' or commas right before 'armed groups' / 'militias' ('rebel groups'),
    each written in capitals (a hyphenated prefix kept: 'ex-Seleka')."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        if tok.lower_ not in lex.listed_group_heads:
            continue
        i = tok.i - 1
        if i >= 0 and doc[i].lower_ in lex.listed_group_qualifiers:
            i -= 1
        names: list[tuple[int, int]] = []
        while i >= 0:
            end = i + 1
            if not (doc[i].is_title and doc[i].is_alpha) or ms.at(i) is not None and ms.at(i).kind != "ArmedGroup":
                break
            start = i
            if i >= 2 and doc[i - 1].text in ("-", "‑") and doc[i - 2].is_lower and doc[i - 2].is_alpha:
                start = i - 2  # 'ex-Seleka', 'anti-Balaka'
            names.append((start, end))
            i = start - 1
            if i < 0 or doc[i].lower_ not in ("and", ",", "or"):
                break
            i -= 1
        if len(names) < 2:
            continue  # one capitalised word before 'armed groups' may be a place ('Darfur armed groups')
        for start, end in names:
            ms.release(start, end)
            ms.add(start, end, Entity("ArmedGroup", doc[start:end].text), "listed group")
