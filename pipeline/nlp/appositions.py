"""A description set off by a comma next to a name is that name, not another actor: 'the Three
Brotherhood Alliance, a military coalition composed of ...', 'the Tatmadaw, Myanmar's ruling
military junta', 'the exiled civilian government of Myanmar, the National Unity Government'. A
name the NER typed as a person that the text describes as a group or a government is one, and
one the text calls a company or a business ('X is a cabin rental business', 'A and B, an
advertising company and an agricultural company') is an organisation, and one it calls a town or
a district is a place."""

from __future__ import annotations

from ..model import Entity
from .agreements import line_of
from .gazetteer import norm
from .infobox import infobox_line
from .mentions import Mention, Mentions
from .spans import clean
from .titles import is_title_word

DESCRIBED = ("descriptive", "government")  # mentions built from a description, not a name
NAMED = ("ner", "ruler")
ACTOR_KINDS = ("Organization", "ArmedGroup", "Government", "Official")


def _next_mention(ms: Mentions, m: Mention) -> Mention | None:
    """The mention after `m` and one comma (and a determiner), if any."""
    doc, i = ms.doc, m.end
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].is_sent_start:
        return None
    i += 1
    if doc[i].lower_ in ("the", "a", "an") and ms.at(i) is None:
        i += 1
    nxt = ms.at(i)
    return nxt if nxt is not None and nxt.start == i else None


def _alone(ms: Mentions, first: Mention, second: Mention) -> bool:
    """The pair is no part of a list: no comma before the first, no 'and' or further mention
    after the second ('the Taliban, the Afghan government and NATO' lists three actors)."""
    doc = ms.doc
    if first.start > 0 and doc[first.start - 1].text == "," \
            or first.start > 1 and doc[first.start - 1].lower_ in ("the", "a") and doc[first.start - 2].text == ",":
        return False
    j = second.end
    if j >= len(doc) or doc[j].is_sent_start:
        return True
    if doc[j].lower_ in ("and", "or", "&"):
        return False
    if doc[j].text == "," and j + 1 < len(doc):
        k = j + 2 if doc[j + 1].lower_ in ("the", "a", "an") else j + 1
        return doc[j + 1].lower_ not in ("and", "or") and (k >= len(doc) or ms.at(k) is None)
    return True


def _subject(ms: Mentions, m: Mention) -> bool:
    """The mention is the subject of a verb: after an introductory phrase, not in apposition."""
    return any(t.dep_ in ("nsubj", "nsubjpass", "csubj") and not m.start <= t.head.i < m.end
               for t in ms.doc[m.start:m.end])


def _heads_its_phrase(ms: Mentions, m: Mention) -> bool:
    """The description is the phrase, not a modifier in it: not "the interim military
    government's | foreign minister" (a post) nor 'the Afghan government | forces'."""
    doc, last = ms.doc, ms.doc[m.end - 1]
    after = doc[m.end] if m.end < len(doc) else None
    return last.dep_ not in ("poss", "compound") and last.tag_ != "POS" \
        and (after is None or after.tag_ != "POS" and after.text not in ("'s", "’s"))


def described_names(ms: Mentions) -> None:
    """Point each description in apposition to a name at the name's entity (see the module)."""
    for first in sorted(ms.all(), key=lambda m: m.start):
        second = _next_mention(ms, first)
        if second is None or first.kind not in ACTOR_KINDS or second.kind not in ACTOR_KINDS:
            continue
        pair = {first.source in DESCRIBED, second.source in DESCRIBED}
        if pair != {True, False} or not _alone(ms, first, second) or _subject(ms, second):
            continue  # 'Of the posts in the transitional government, the MRND was given five'
        name, desc = (first, second) if second.source in DESCRIBED else (second, first)
        if desc is first and (second.end >= len(ms.doc) or ms.doc[second.end].text != ","):
            continue  # 'the government of X, the Y Government, declared': the name closed by a comma
        if name.source not in NAMED or name.kind == "Official" and desc.kind == "Official" \
                or not _heads_its_phrase(ms, desc) or name.kind == "Official" and _titled_next(ms, name):
            continue
        entity = _as_group(ms, name, desc) if name.kind == "Official" and not name.entity.qid else name.entity
        if name.kind == "Official" and entity is name.entity:
            continue
        state = ms.government_state.get(id(desc.entity))
        ms.release(desc.start, desc.end)
        m = ms.add(desc.start, desc.end, entity, "apposition", surface="")
        if m is not None and state is not None and entity.kind != "Government":
            m.owner = state  # 'the Tatmadaw, Myanmar's ruling military junta': Myanmar's


def described_kinds(ms: Mentions) -> None:
    """A name the NER typed as a person or an organisation that the text says is a company ('X
    is a cabin rental business', 'A and B, an advertising company and ...') is an Organization,
    and one it says is a town or a district ('Sinjar is a district in Iraq', 'X, a town near Y',
    'the town of X') is a Place, and one it says is an armed group ('the armed wing, the Jabha',
    'a militia called the Janjaweed') is an ArmedGroup; names the gazetteer links keep their kind."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        kind = _described_kind(lex, tok)
        if kind is None or tok.pos_ != "NOUN":
            continue
        named = [c for c in tok.children if c.dep_ == "appos" and c.i > tok.i]  # 'the armed wing, the Jabha'
        named += [c for v in tok.children if v.dep_ == "acl" and v.lemma_.lower() in lex.naming_verbs
                  for c in v.children if c.dep_ in ("oprd", "attr", "dobj")]  # 'a militia called the Janjaweed'
        if kind == "Place":  # 'the town of Adre'
            named += [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" and p.i == tok.i + 1
                      for c in p.children if c.dep_ == "pobj"]
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            named += [c for c in tok.head.children if c.dep_ == "nsubj"]
        elif tok.dep_ == "appos" and not (tok.conjuncts and not tok.head.conjuncts):  # 'A, the rebels, and others':
            # a list, no description of A (but 'A and B, an advertising company and a ...' describes both)
            named += [tok.head]
        retypable = {"Organization": ("Official",), "Place": ("Official", "Organization"),
                     "ArmedGroup": ("Official", "Organization", "Place")}[kind]
        for t in [n for h in named for n in (h, *h.conjuncts)]:
            m = ms.at(t.i)
            if m is not None and m.kind in retypable and m.source in NAMED and not m.entity.qid:
                _retype(ms, m, kind)
        later = [m for t in named if t.i > tok.i and (m := ms.at(t.i)) is not None and m.kind == kind]
        if len(later) == 1 and ms.at(tok.i) is None:  # 'armed a militia called X': the militia is X
            ms.add(tok.i, tok.i + 1, later[0].entity, "apposition", surface="")


def role_kinds(ms: Mentions) -> None:
    """A name the NER mistyped whose role in the clause says what it is: what is 'in control of'
    or 'under the control of' someone, or someone's stronghold, is a place ('remain in control of Voinjama', typed a
    person); what is 'X-backed' or occupies, seizes or captures something is an actor, not a
    place ('the Rwanda-backed M23 occupied ...', typed a place). Names the gazetteer links keep
    their kind. A place named with its kind after it ('the North Kivu province') has that name too;
    an organisation named with 'forces' or 'fighters' after it is an armed group ('Kurdish Peshmerga
    forces')."""
    doc, lex = ms.doc, ms.lex
    for tok in doc:
        m = ms.at(tok.i)
        if m is None or m.entity.qid or m.source not in NAMED or tok.i != m.end - 1:
            continue
        head = tok.head
        if m.kind == "Place" and tok.dep_ == "compound" and head.i == m.end and head.lower_ in lex.place_nouns:
            m.entity.aliases.add(doc[m.start:head.i + 1].text)  # 'the North Kivu province': a name of it
        if m.kind == "Organization" and tok.dep_ == "compound" and head.i == m.end and head.is_lower \
                and head.lower_ in lex.fighter_heads | lex.force_words:
            _retype(ms, m, "ArmedGroup").aliases.add(doc[m.start:head.i + 1].text)  # 'Kurdish Peshmerga forces'
            continue
        stronghold = tok.dep_ == "appos" and head.lower_ in lex.stronghold_nouns or tok.dep_ == "pobj" \
            and head.lower_ == "of" and head.head.lower_ in lex.stronghold_nouns  # "the militia's stronghold of X"
        if m.kind in ("Official", "Organization") and (stronghold or tok.dep_ == "pobj" and head.lower_ == "of"
                                                       and head.head.lower_ in lex.control_nouns
                                                       and head.head.head.lower_ in ("in", "under")):
            _retype(ms, m, "Place")
        elif m.kind == "Place" and m.end - m.start > 1 and _signatory_value(ms, m):
            _retype(ms, m, "Official")  # '- Signatories: Nebojša Pavković, Mike Jackson' (typed a place)
        elif m.kind == "Place" and (_backed(ms, m) or tok.dep_ == "nsubj" and head.pos_ == "VERB"
                                    and head.lemma_.lower() in lex.control_verbs - {"hold", "run", "have"}
                                    and any(c.dep_ == "dobj" for c in head.children)):
            _retype(ms, m, "ArmedGroup")


def body_aliases(ms: Mentions) -> None:
    """A state's body named with its state before it ('the U.S. Department of the Treasury') is
    also named without it ('the Department of the Treasury', as the text may say later)."""
    doc, lex = ms.doc, ms.lex
    for m in ms.all():
        if m.kind != "Organization" or m.end - m.start < 3:
            continue
        first = next((m.start + k for k in (3, 2, 1) if m.start + k < m.end
                      and (q := ms.qualifier(m.start + k)) is not None and q[0] <= m.start), None)
        if first is not None and doc[first].lower_ in lex.state_body_words and doc[first].is_title:
            m.entity.aliases.add(clean(doc[first:m.end].text))


def _signatory_value(ms: Mentions, m: Mention) -> bool:
    """The mention is a value of an infobox 'Signatories:' line, and no place the gazetteer or
    the place names know: a person."""
    found = infobox_line(ms, line_of(ms.doc, m.start))
    return found is not None and found[0] in ms.lex.infobox_signatory_labels and m.start >= found[1] \
        and norm(m.entity.label) not in ms.places.countries and ms.gaz.lookup(m.entity.label) is None


def _backed(ms: Mentions, m: Mention) -> bool:
    """'the Rwanda-backed M23': a support participle hyphened to an actor right before the name."""
    doc, i = ms.doc, m.start
    return i >= 3 and doc[i - 1].lower_ in ms.lex.support_participles and doc[i - 2].text in ("-", "‑") \
        and not doc[i - 2].whitespace_ and (q := ms.at(i - 3)) is not None and q.kind != "Place"


def _described_kind(lex, tok) -> str | None:
    """The kind a describing noun gives the name it describes: a company, a town, or an armed
    group ('a militia', 'the armed wing', 'a rebel group'; a bare 'group' or 'wing' says nothing)."""
    low = tok.lower_
    if low in lex.business_nouns:
        return "Organization"
    if low in lex.place_nouns:
        return "Place"
    if low in lex.armed_description_nouns and (low in lex.descriptive_group_heads | lex.fighter_nouns or any(
            c.dep_ in ("amod", "compound") and c.lower_ in lex.armed_modifiers for c in tok.children)):
        return "ArmedGroup"
    return None


def _titled_next(ms: Mentions, name: Mention) -> bool:
    """A title in apposition after the name ('..., the president of the federal government,
    Petar Gracanin, minister of the interior, ...'): the name is a person of a list, each with
    their own title, not the name of the description before it."""
    doc, i = ms.doc, name.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return False
    j = i + 2 if doc[i + 1].lower_ in ("the", "a", "an") else i + 1
    return j < len(doc) and ms.at(j) is None and is_title_word(doc[j], ms.lex)


def _as_group(ms: Mentions, name: Mention, desc: Mention) -> Entity:
    """The name the NER typed as a person, typed as what the description says it is."""
    words = {t.lower_ for t in ms.doc[desc.start:desc.end]}
    kind = "ArmedGroup" if words & (ms.lex.armed_group_words | {"military"}) else desc.kind
    return _retype(ms, name, kind)


def _retype(ms: Mentions, name: Mention, kind: str) -> Entity:
    """Every mention of the name's entity, moved to a new entity of `kind`."""
    old = name.entity
    new = ms.intern(Entity(kind, old.label, aliases=set(old.aliases)))
    for m in ms.all():
        if m.entity is old:
            m.entity = new
    ms.registry.pop(old.ident, None)
    return new


OPEN_QUOTES = ("‘", "“", "'", '"')


def quoted_names(ms: Mentions) -> None:
    """A descriptive name followed by the name it describes in quotes is that name: "Russian
    Private Military Company ‘Wagner’" is the Wagner Group (when the quoted name is an entity of
    its own, an armed group or an organisation the gazetteer or the NER knows)."""
    doc = ms.doc
    for m in ms.all():
        i = m.end
        if m.kind != "Organization" or m.entity.qid or i + 2 >= len(doc) or doc[i].text not in OPEN_QUOTES:
            continue
        q = ms.at(i + 1)
        if q is not None and q.entity is not m.entity and q.kind in ("ArmedGroup", "Organization") \
                and doc[q.end].text in ("’", "”", "'", '"'):
            ms.merge(m.entity, q.entity)
