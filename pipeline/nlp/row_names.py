"""The mention pass for persons listed in an infobox row the NER read only in part: '- Commander2:
Gerardo Gambala, Antonio Trillanes IV, Nicanor Faeldon' (the NER: the first two). A row whose
label lists persons (commanders, signatories) names a person in each item of two to four
capitalised proper nouns that no other pass has read and that is no organisation's or place's name."""

from __future__ import annotations

from ..model import Entity
from .infobox import infobox_line
from .lexicon import is_name_word
from .mentions import Mentions
from .persons import REGNAL
from .spans import lines

SEPARATORS = (",", ";", "and")


def row_persons(ms: Mentions) -> None:
    doc, lex = ms.doc, ms.lex
    labels = lex.infobox_commander_labels | lex.infobox_party_labels
    for line in lines(doc):
        found = infobox_line(ms, line)
        if found is None or found[0].rstrip("0123456789") not in labels:
            continue
        item: list = []
        for t in [*doc[found[1]:line.end], None]:
            if t is not None and t.lower_ not in SEPARATORS:
                item.append(t)
                continue
            if _untagged_name(ms, item):
                ms.add(item[0].i, item[-1].i + 1, Entity("Official", doc[item[0].i:item[-1].i + 1].text), "row name")
            item = []


def _untagged_name(ms: Mentions, item: list) -> bool:
    words = [t for t in item if not REGNAL.match(t.text)]
    return 2 <= len(words) <= 4 and all(
        t.is_title and t.is_alpha and t.pos_ == "PROPN" and not t.ent_type_ and ms.at(t.i) is None
        and not is_name_word(ms.lex, t.lower_) for t in words) and ms.gaz.lookup(" ".join(t.text for t in item)) is None
