"""Verb-anchored relation patterns: active and passive verbs with their conjuncts, relative
clauses, hyphenated participles ("Turkish-backed X", "UN-recognised X", "Tripoli-based X") and
signing ('A and B signed X', 'X was signed by A', 'X agreed between A and B')."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..model import ACTOR_KINDS, Candidate
from ..nlp.agreements import about
from .arguments import Arguments, emit, pairs


def hyphenated(a: Arguments, sent: Span) -> Iterator[Candidate]:
    """'Turkish-backed GNA', 'UN-recognised GNA', 'Tripoli-based GNA', 'EU-mediated talks'."""
    lex = a.lex
    for tok in sent:
        if tok.i < 2 or a.doc[tok.i - 1].text not in ("-", "‑", "–") or tok.tag_ not in ("VBN", "JJ", "VBD"):
            continue
        left = a.m.at(tok.i - 2)
        if left is None:
            continue
        head = tok.head
        if tok.lemma_.lower() in lex.lead_verbs and head.lemma_.lower() in lex.broker_nouns | lex.talks_nouns:
            deals = a.context_agreement(sent)  # 'the Qatari-led mediation', 'EU-led talks'
            yield from emit("brokered", [left.entity], deals, sent, "X-led mediation", 0.8, tok.i)
            continue
        if head.i > tok.i and head.pos_ in ("NOUN", "PROPN"):
            # 'Turkish-backed forces' names no one; 'Tripoli-based GNA seize bases' (mis-parse)
            target = a.ref(head) or a.next_actor(tok.i + 1, head.i) or next(  # 'Iran-backed militia group X'
                (a.ref(c) for c in head.children if c.dep_ == "appos" and c.i > head.i
                 and not any(t.is_punct for t in a.doc[head.i + 1:c.i]) and a.ref(c) is not None), None) or next(
                (a.ref(p) for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in lex.naming_verbs
                 for p in [a.pobj(c, "as")] if p is not None and a.ref(p) is not None), None)
            # ('the Iran-backed Shi'ite rebels known as the Houthis')
        else:  # the parse lost the noun phrase ('Turkish-backed the Free Syrian Army')
            target = a.next_actor(tok.i + 1, sent.end)
        if target is None or target is left.entity:
            continue
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if target.kind == "Agreement" and (lemma in lex.support_verbs or low in lex.support_participles):
            # 'a Gulf Cooperation Council-sponsored agreement' (its broker), 'a UN-backed peace deal' (endorsed)
            sponsor = low in lex.sponsor_participles
            yield Candidate("brokered" if sponsor else "endorses", left.entity, target, sent,
                            "X-sponsored Y" if sponsor else "X-backed deal", 0.8, tok.i)
        elif lemma in lex.support_verbs or low in lex.support_participles:
            yield Candidate("supports", left.entity, target, sent, "X-backed Y", 0.9, tok.i)
        elif low in lex.ally_participles and not (
                head.tag_ in ("NNS", "NNPS") and head.lower_ in lex.armed_group_words | {"groups"}):
            # 'Iran-aligned militia groups' names no one
            # 'Iran-aligned militia group X' stands with Iran (as 'pro-Iran X')
            yield Candidate("supports", target, left.entity, sent, "X-aligned Y", 0.85, tok.i)
        elif lemma in lex.recognize_verbs or low.startswith("recogni"):
            yield Candidate("recognizedBy", target, left.entity, sent, "X-recognised Y", 0.9, tok.i)
        elif low in lex.base_words:
            yield Candidate("basedIn", target, left.entity, sent, "X-based Y", 0.9, tok.i)
        elif low in lex.control_participles:
            yield Candidate("controls", left.entity, target, sent, "X-controlled Y", 0.85, tok.i)
        elif lemma in lex.broker_verbs or low in lex.broker_participles:
            yield Candidate("brokered", left.entity, target, sent, "X-brokered Y", 0.85, tok.i)



def verbal(a: Arguments, sent: Span, verb: Token) -> Iterator[Candidate]:
    lex, lemma = a.lex, verb.lemma_.lower()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "advcl") and a.child(verb, "agent") is not None)
    agents = a.passive_agents(verb) if passive else []
    if passive:
        patients = a.passive_patients(verb)
    else:
        subjects, objects = a.subjects(verb), a.objects(verb)
    if not passive and lemma in lex.support_verbs and not objects and (comp := a.child(verb, "ccomp", "xcomp")):
        objects = a.group(a.child(comp, "nsubj"))  # 'has been helping Mali's army fight terrorists'
    table = (
        (lex.support_verbs, "supports", False),
        (lex.attack_verbs, "attacked", False),
        (lex.broker_verbs, "brokered", False),
        (lex.recognize_verbs, "recognizedBy", True),
        (lex.control_verbs, "controls", False),
        (lex.oppose_verbs, "opposes", False),
    )
    if passive and lemma in lex.broker_verbs and not any(p.kind == "Agreement" for p in patients):
        patients = about(a.m, sent)  # 'talks ... mediated by X'
    if not passive and lemma in lex.oppose_verbs:  # 'A clashed with B', 'A fought against B'
        objects = objects + [e for e in a.group(a.pobj(verb, "with", "against")) if e not in objects]
        if not objects and not any(c.dep_ == "dobj" or c.lower_ in ("together", "alongside", "beside", "with",
                                                                     "against") for c in verb.children):
            # 'A and B have been fighting since April', 'A and B clashed in P': each other
            yield from pairs("opposes", a.subjects(verb), sent, "A and B fought", 0.75, verb.i)
    for words, pred, inverse in table:
        if lemma not in words:
            continue
        if passive:
            s, o = (patients, agents) if inverse else (agents, patients)
            yield from emit(pred, s, o, sent, f"passive {lemma}", 0.85, verb.i)
        else:
            s, o = (objects, subjects) if inverse else (subjects, objects)
            if pred == "recognizedBy" and (obj := a.child(verb, "dobj")) is not None and obj.pos_ == "NOUN" \
                    and a.m.at(obj.i) is None and obj.lemma_.lower() not in lex.recognition_objects:
                continue  # 'recognized Bahrain's contributions': a thing of the state, not the state
            yield from emit(pred, s, o, sent, f"active {lemma}", 0.8, verb.i)
    if not passive and lemma in lex.attack_verbs and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "threaten":
        # 'A threatened to attack B' is no attack (facts drop the intended one) but a threat: opposes
        yield from emit("opposes", subjects, objects, sent, "A threatened to attack B", 0.7, verb.head.i)
    if lemma in lex.sign_verbs:
        yield from signing(a, sent, verb, passive, agents if passive else a.subjects(verb))
    if lemma in lex.launch_verbs and not passive:
        # 'A launched an offensive / Operation X against B'
        targets = a.group(a.pobj(verb, "against"))
        obj = a.child(verb, "dobj")
        warlike = obj is not None and (obj.lower_ in lex.attack_nouns or obj.lower_ in lex.oppose_nouns
                                       or (m := a.m.at(obj.i)) is not None and m.kind == "Conflict")
        if targets and warlike:
            attackers = [e for e in a.subjects(verb) if e.kind in ACTOR_KINDS]
            yield from emit("opposes", attackers, targets, sent, "A launched X against B", 0.75, verb.i)
    if lemma in ("fire", "launch", "lob") and not passive:
        yield from fired_at(a, sent, verb)
    if lemma in lex.supply_verbs and not passive:  # 'Iran supplied drones to Russia'
        obj = a.child(verb, "dobj")
        # the recipient on the verb, or on the thing given ('providing military support to the rebels')
        to = [] if obj is None else (a.group(a.pobj(verb, "to")) or a.group(a.child(verb, "dative"))
                                     or a.group(a.pobj(obj, "to")))
        if obj is not None and obj.lemma_.lower() in lex.supply_nouns:
            yield from emit("supports", a.subjects(verb), to, sent, "X supplied arms to Y", 0.8, verb.i)
        elif obj is not None and any(t.lemma_.lower() in lex.support_nouns | lex.supply_nouns for t in obj.subtree):
            # 'provided $6 billion in assistance to Y'
            yield from emit("supports", a.subjects(verb), to, sent, "X provided aid to Y", 0.75, verb.i)
    if lemma in lex.receive_verbs and not passive and (obj := a.child(verb, "dobj")) is not None \
            and obj.lemma_.lower() in lex.support_nouns | lex.supply_nouns:  # 'the MNLF receiving support from A'
        backers = a.group(a.pobj(verb, "from")) or a.group(a.pobj(obj, "from"))
        yield from emit("supports", backers, a.subjects(verb), sent, "A received support from B", 0.75, verb.i)
    if lemma in lex.base_verbs and verb.tag_ == "VBN":  # 'X, based in Y'
        pobj = a.pobj(verb, "in")
        where = [e for e in a.group(pobj) if e.kind == "Place"]
        if pobj is not None and not pobj.conjuncts and any(c.dep_ == "appos" for c in pobj.children):
            where = where[:1]  # 'located in Tapalpa, Jalisco': the town, and the state it is in
        owners = a.passive_patients(verb) if verb.dep_ in ("acl", "relcl") or passive else []
        if not owners and verb.dep_ == "acl" and verb.head.dep_ == "attr":
            owners = a.subjects(verb.head.head)  # 'X is a rental business located in Y'
        yield from emit("basedIn", owners, where, sent, "X based in Y", 0.8, verb.i)
    if lemma in lex.host_verbs and not passive:  # 'Cairo hosted the Hamas delegation'
        guests = [e for e in a.objects(verb) if e.kind in ("Official", "State", "Government")]
        yield from emit("met", a.subjects(verb), guests, sent, "X hosted Y", 0.75, verb.i)
    if lemma in lex.meet_verbs and not passive:
        yield from meeting(a, sent, verb)
    if lemma in lex.solidarity_verbs and not passive:  # 'the United States stands with our Philippine allies'
        yield from emit("supports", subjects, a.group(a.pobj(verb, "with", "behind", "by")), sent,
                        "A stands with B", 0.75, verb.i)
    if lemma in lex.talk_verbs and not passive:
        obj = a.child(verb, "dobj")
        if obj is not None and obj.lemma_.lower() not in lex.talk_nouns:  # 'convened the A-B Dialogue',
            obj = a.child(obj, "appos") or obj  # the parser's head on a name inside it
        purpose = verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in lex.meet_verbs
        if (lemma == "discuss" or obj is not None and obj.lemma_.lower() in lex.talk_nouns) and not purpose:
            # not 'A met Y to discuss X': who met whom is the meeting verb's to say
            subs = a.subjects(verb)
            with_ = a.group(a.pobj(verb, "with"))
            yield from pairs("met", subs, sent, "X and Y held talks", 0.8, verb.i)
            yield from emit("met", subs, with_, sent, "X held talks with Y", 0.8, verb.i)
    if lemma in lex.lead_verbs and passive:
        groups = [e for e in patients if e.kind != "Official"]  # a person leads a group, not a person
        edge = verb.left_edge.i - 1  # 'with the Mexican government, (at that time) headed by X' (an advcl)
        if verb.dep_ == "advcl" and edge > 0 and a.doc[edge].text == "," and (m := a.m.at(edge - 1)) is not None \
                and m.kind in ("Government", "ArmedGroup", "Organization"):
            groups = [m.entity]
        yield from emit("leads", agents, groups, sent, "Y led by X", 0.75, verb.i)



def meeting(a: Arguments, sent: Span, verb: Token) -> Iterator[Candidate]:
    """'A met B', 'A met with B', 'A, B and C met' (each other), 'A and B met today at X with C'
    (each of them C, not each other), 'A met jointly with B and C' (B and C too), 'A met with B
    and a delegation that included C and D' (each member)."""
    with_ = a.pobj(verb, "with")
    if with_ is None:  # 'met today at the White House with B': the parser hung 'with' on the venue
        with_ = next((w for p in ("at", "in") if (v := a.pobj(verb, p)) is not None
                      and (w := a.pobj(v, "with")) is not None), None)
    others = a.objects(verb) + a.group(with_)
    others += [e for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"  # 'with A, and also with B'
               for e in a.group(a.child(p, "pobj")) if e not in others]
    if not others and a.child(verb, "dobj") is None:  # 'has met and shaken hands with B': the 'with' both share
        shared = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                       and a.child(c, "nsubj") is None), None)
        others = a.group(a.pobj(shared, "with")) if shared is not None else []
    others += [e for e in delegates(a, verb, with_) if e not in others]
    yield from emit("met", a.subjects(verb), others, sent, "X met Y", 0.85, verb.i)
    if not others and a.child(verb, "dobj") is None and with_ is None:
        yield from pairs("met", a.subjects(verb), sent, "A and B met", 0.8, verb.i)  # 'A, B and C met'
    if with_ is not None and any(c.lower_ in a.lex.joint_adverbs for c in verb.children if c.dep_ == "advmod"):
        yield from pairs("met", a.group(with_), sent, "A met jointly with B and C", 0.8, verb.i)


def delegates(a: Arguments, verb: Token, with_: Token | None) -> list:
    """The members named of a delegation met: 'with B and a delegation that included C, D' (the
    delegation a conjunct of B, or of the verb where the parser joined it there)."""
    nouns = [] if with_ is None else [with_, *with_.conjuncts]
    nouns += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    found = []
    for n in nouns:
        if n.lower_ not in a.lex.delegation_nouns:
            continue
        for c in n.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in a.lex.include_verbs:
                found += a.group(a.child(c, "dobj"))
            elif c.dep_ == "prep" and c.lower_ in a.lex.include_verbs:  # 'a delegation including C'
                found += a.group(a.child(c, "pobj"))
    return [e for e in found if e.kind == "Official"]


WEAPONS = ("rocket", "missile", "drone", "shell", "mortar", "projectile", "salvo", "barrage")
AT = ("at", "on", "into", "toward", "towards")


def fired_at(a: Arguments, sent: Span, verb: Token) -> Iterator[Candidate]:
    """'Hamas fired rockets at X', 'A launched dozens of drones at X', 'A fired a missile toward X'
    (the target phrase on the verb or on the weapon)."""
    obj = a.child(verb, "dobj")
    if obj is None:
        return
    weapon = obj if obj.lemma_.lower() in WEAPONS else a.pobj(obj, "of")
    if weapon is None or weapon.lemma_.lower() not in WEAPONS:
        return
    preps = [c for t in dict.fromkeys((verb, obj, weapon)) for c in t.children if c.dep_ == "prep" and c.lower_ in AT]
    targets = next((g for p in preps if (g := a.group(a.child(p, "pobj")))), [])  # not 'on Tuesday'
    yield from emit("attacked", a.subjects(verb), targets, sent, "A fired rockets at B", 0.75, verb.i)


def signing(a: Arguments, sent, verb, passive, signers) -> Iterator[Candidate]:
    """'A and B signed X', 'X was signed by A', 'X agreed between A and B', 'A signed X with B';
    the 'by' and 'between' phrases the parser hung on a noun of the clause too ('signed in the
    capital of Y by A, and by B', 'accords signed in Arusha ..., by A and B')."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in a.lex.intent_verbs or verb.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return  # 'pledging to join', 'seeking to sign', 'arrived in Lusaka to sign': not (yet) a party
    participle = not passive and verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl")
    before = a.m.at(verb.i - 1) if verb.i > sent.start else None
    if not passive and a.child(verb, "nsubj") is None and verb.dep_ in ("advcl", "conj") and before is not None \
            and before.kind == "Official" and before.end == verb.i:
        signers = [before.entity]  # '... and Minister X signed for Y': the parser lost X as the subject
    if passive or participle:
        signers = signers + [e for p in a.pobjs_after(verb, "by") for e in a.group(p) if e not in signers]
    signers = signers + a.behalf(p.head for p in a.pobjs_after(verb, "of"))  # 'signed by A on behalf of X'
    for_states = [] if passive or a.child(verb, "prt") is not None else [  # 'A signed X for the United States'
        e for t in (verb, a.child(verb, "dobj")) if t is not None for e in a.group(a.pobj(t, "for"))
        if e.kind in ("State", "Government") and e not in signers]
    signers = signers + for_states
    if passive:  # the parser may hang 'signed by' on the wrong noun: fall back to the sentence's agreement
        deals = [d for d in a.passive_patients(verb) if d.kind == "Agreement"] or a.agreements_in(sent)[:1]
        subj = a.child(verb, "nsubjpass")
        anaphor = subj is not None and (subj.lower_ in ("it", "this", "they") or subj.lower_ in a.lex.document_nouns
                                        and any(c.lower_ in ("the", "this") for c in subj.children))
        if not deals and anaphor:
            deals = a.last_agreement(sent.start)  # 'It was signed by A, B and C', 'The document was signed by A'
    else:
        preps = ("on", "to", "for") if a.child(verb, "prt") is not None else ("on", "to")  # 'signed up for X'
        deals = a.objects(verb) or [  # 'agreed on Wednesday to a ceasefire': every 'on'/'to'
            e for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
            for e in a.group(a.child(c, "pobj"))]
        if not deals and verb.dep_ in ("acl", "relcl"):  # 'a ceasefire agreed between A and B'
            deals = a.group(verb.head)
        if not deals and (what := a.child(verb, "dobj")) is not None and what.lemma_.lower() in a.lex.event_nouns:
            deals = a.agreements_reached(what)  # 'signed the first phase of the San Andres Accords'
        if not deals and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in a.lex.sign_verbs and not any(
                c.dep_ in ("dobj", "prep", "attr") for c in verb.children):
            deals = a.context_agreement(sent)  # 'Kazakhstan agreed to join': the agreement in context
        if not deals:  # 'agreed on Thursday to extend a bilateral ceasefire' (signing it is the xcomp's own)
            deals = [e for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() not in a.lex.sign_verbs
                     for e in a.agreements_reached(c)]
        if not deals and verb.lemma_.lower() in a.lex.signature_verbs and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp", "prt", "dative") or c.dep_ == "prep" and c.lower_ == "into"
                or c.dep_ == "prep" and c.lower_ in preps and (p := a.child(c, "pobj")) is not None
                and p.lower_ != "behalf" and not (c.lower_ == "for" and for_states)
                for c in verb.children):  # not 'signed X into law', 'signed up'; 'signed for Y' is on Y's behalf
            deals = a.context_agreement(sent)  # 'A signed on behalf of X': the agreement in context
    deals = [d for d in deals if d.kind == "Agreement"]
    between = a.group(a.pobj(verb, "between"))
    between += [e for p in a.pobjs_after(verb, "between") for e in a.group(p) if e not in between]
    obj = a.child(verb, "dobj")  # 'A signed X with B', 'A signed a peace treaty with B' (on the noun)
    along = next((c for c in verb.children if c.dep_ in ("prep", "advmod") and c.lower_ in a.lex.accompaniment_words),
                 None)
    partners = [] if passive else a.group(a.pobj(verb, "with")) or (
        a.group(a.pobj(obj, "with")) if obj is not None and (m := a.m.at(obj.i)) is not None
        and m.kind == "Agreement" else []) or a.group(a.pobj(along, "with") if along is not None else None)
    # ('A signed X along with B': B signed it too)
    actors = [a for a in signers + between + partners if a.kind in ACTOR_KINDS]
    pattern = f"{'passive' if passive or participle else 'active'} sign"
    yield from emit("partyTo", actors, deals, sent, pattern, 0.85, verb.i)



def in_force(a: Arguments, sent: Span, verb: Token) -> Iterator[Candidate]:
    """'a ceasefire agreement enters into force between A and B' (wherever 'between' hangs)."""
    if verb.lemma_.lower() not in a.lex.in_force_verbs:
        return
    deals = [e for e in a.group(a.child(verb, "nsubj")) if e.kind == "Agreement"]
    if deals:
        between = [e for p in a.pobjs_after(verb, "between") for e in a.group(p)]
        yield from emit("partyTo", between, deals, sent, "X enters into force between A and B", 0.8, verb.i)
