"""The word lists the rules use, declared here and loaded once from data/lexicon.json.

The loader fails when the file has a list this class does not declare, or lacks one it does, so a
mistyped key is an error at load time, not a silently empty list at run time.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class Lexicon:
    """Frozen sets of lower-case words (lemmas for verbs), one per list of data/lexicon.json."""

    # relation triggers
    support_verbs: frozenset[str]
    support_nouns: frozenset[str]
    support_participles: frozenset[str]
    sponsor_participles: frozenset[str]  # 'a GCC-sponsored agreement': the agreement's broker
    solidarity_verbs: frozenset[str]  # 'A stands with B' (with / behind / by): A supports B
    ally_nouns: frozenset[str]  # 'A is a close ally of B', 'A, an ally of B', 'B's allies A and C'
    ally_participles: frozenset[str]  # 'A is allied with B', 'A, aligned with B'
    oppose_verbs: frozenset[str]
    oppose_nouns: frozenset[str]
    attempt_nouns: frozenset[str]  # 'a coup attempt against B': an attempt of an oppose noun
    war_nouns: frozenset[str]  # fighting between two sides: 'its war with Y', 'a war fought by A and B'
    exchange_nouns: frozenset[str]  # 'A and B exchanged fire', 'A exchanged strikes with B'
    attack_verbs: frozenset[str]
    attack_nouns: frozenset[str]
    assassination_nouns: frozenset[str]  # 'claimed responsibility for the assassination of B': B was attacked
    sign_verbs: frozenset[str]
    signature_verbs: frozenset[str]  # putting one's name to a text: 'A signed on behalf of X'
    broker_verbs: frozenset[str]
    broker_nouns: frozenset[str]
    under_broker_nouns: frozenset[str]  # brokering only after 'under': 'under the chairmanship of X'
    broker_participles: frozenset[str]
    mediator_nouns: frozenset[str]
    meet_verbs: frozenset[str]
    meet_nouns: frozenset[str]
    talk_verbs: frozenset[str]
    talk_nouns: frozenset[str]
    host_verbs: frozenset[str]
    control_verbs: frozenset[str]
    control_participles: frozenset[str]
    take_control_verbs: frozenset[str]
    recognize_verbs: frozenset[str]
    recognition_objects: frozenset[str]  # 'recognised the independence of X' (not 'recognised X's contributions')
    base_words: frozenset[str]
    base_verbs: frozenset[str]
    base_nouns: frozenset[str]
    lead_verbs: frozenset[str]
    lead_nouns: frozenset[str]
    wing_nouns: frozenset[str]  # a part of a group: 'its armed wing, X', 'X, the political wing of Y'
    launch_verbs: frozenset[str]
    supply_verbs: frozenset[str]
    supply_nouns: frozenset[str]
    receive_verbs: frozenset[str]  # 'A received support from B': B supports A
    # stance (endorses / rejects) and the words that lead to the agreement a stance is about
    endorse_verbs: frozenset[str]
    promise_verbs: frozenset[str]  # 'A will abide by X': a promise to keep it is an endorsement now
    hostile_intent_verbs: frozenset[str]  # 'A seeks to overthrow B', 'threatened to attack': opposition now
    reject_verbs: frozenset[str]
    endorse_nouns: frozenset[str]
    reject_nouns: frozenset[str]
    ending_nouns: frozenset[str]
    ending_verbs: frozenset[str]
    event_nouns: frozenset[str]
    signing_nouns: frozenset[str]
    praise_verbs: frozenset[str]  # 'A congratulated B on the signing of X': B signed it
    document_nouns: frozenset[str]  # 'The document was signed by A': the agreement in context
    party_nouns: frozenset[str]
    complement_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    signed_document_nouns: frozenset[str]
    named_act_nouns: frozenset[str]  # 'the Act of Montevideo' signed by two states (a name with 'of'; no law)
    mission_nouns: frozenset[str]
    response_nouns: frozenset[str]
    action_nouns: frozenset[str]
    guard_modifiers: frozenset[str]
    passing_modifiers: frozenset[str]
    predicate_lead_nouns: frozenset[str]
    designation_verbs: frozenset[str]  # 'designated A for being the leaders of B'
    listed_group_heads: frozenset[str]
    listed_group_qualifiers: frozenset[str]
    commitment_nouns: frozenset[str]
    fighter_nouns: frozenset[str]
    qualified_force_heads: frozenset[str]
    military_heads: frozenset[str]  # 'the Pakistan army': a state's military as an armed group of its own
    force_qualifiers: frozenset[str]
    in_force_verbs: frozenset[str]
    oversee_verbs: frozenset[str]
    talks_nouns: frozenset[str]
    control_nouns: frozenset[str]
    capture_nouns: frozenset[str]  # 'the capture of P by A': A holds P
    stronghold_nouns: frozenset[str]  # "the militia's last stronghold, Kandahar": the militia controls it
    # entity names and kinds
    agreement_heads: frozenset[str]
    agreement_generic_words: frozenset[str]
    agreement_noise: frozenset[str]
    named_only_agreement_heads: frozenset[str]
    plan_heads: frozenset[str]  # a plan put to the parties: an agreement when qualified ('the Annan plan')
    plan_modifiers: frozenset[str]  # what makes a plan one: 'peace plan', 'settlement plan'
    ceasefire_heads: frozenset[str]
    memorandum_heads: frozenset[str]
    agreement_quantifiers: frozenset[str]
    other_agreement_markers: frozenset[str]
    vague_plural_markers: frozenset[str]  # 'several agreements in the past': no one agreement
    agreement_collections: frozenset[str]
    infobox_party_labels: frozenset[str]
    infobox_signatory_labels: frozenset[str]  # '- Signatories: A, B': the values are persons
    infobox_broker_labels: frozenset[str]
    infobox_side_labels: frozenset[str]  # 'Combatant1: A, B' / 'Combatant2: C': the sides of a conflict
    infobox_commander_labels: frozenset[str]  # '- Commander2: A, B': each leads side 2 ('- Combatant2: X')
    infobox_alias_labels: frozenset[str]
    infobox_field_labels: frozenset[str]  # other infobox fields: a label that names nothing
    conflict_heads: frozenset[str]
    named_conflict_heads: frozenset[str]  # only in a name: 'the Iranian Revolution', 'the Arab Spring' (not 'the coup')
    conflict_openers: frozenset[str]  # 'Operation 1027', 'the Battle of Laukkai': a conflict's name by its first word
    conflict_noise: frozenset[str]
    armed_group_words: frozenset[str]
    armed_group_exclude: frozenset[str]
    government_words: frozenset[str]
    governing_nouns: frozenset[str]
    national_titles: frozenset[str]  # a capital before one names the state: 'Sao Tome President X'
    government_modifiers: frozenset[str]  # 'the Federal Government of Somalia': part of the government's name
    government_heads: frozenset[str]  # a described government: 'the junta in power in Mali'
    local_markers: frozenset[str]  # 'the local Serb authorities' are no state's government
    descriptive_group_heads: frozenset[str]  # a described group: 'the ruling coalition'
    actor_modifiers: frozenset[str]  # what describes an actor with no name: 'the interim military government'
    state_body_words: frozenset[str]
    org_name_heads: frozenset[str]
    business_nouns: frozenset[str]  # 'X is a cabin rental business': a name the NER took for a person is a company
    person_nouns: frozenset[str]  # 'Milan Milanović, a local politician': the NER's place is a person
    org_unit_heads: frozenset[str]
    facility_words: frozenset[str]
    institution_heads: frozenset[str]  # facility words that also name who acts: 'the Carter Center'
    venue_modifiers: frozenset[str]  # ... unless they name a venue: 'the Birendra International Convention Center'
    former_states: frozenset[str]  # states of the past no gazetteer row names: 'East Germany', 'the Soviet Union'
    geographic_words: frozenset[str]  # a name with one is a place: 'Lake Prespa', 'Mount Sinjar'
    division_words: frozenset[str]  # a state's parts: 'Shan State', 'Kokang Self-Administered Zone'
    region_modifiers: frozenset[str]  # with a continent, a region: 'Latin America', 'West Africa'
    direction_words: frozenset[str]  # before a state's name, its region: 'southern Lebanon'
    generic_names: frozenset[str]
    descriptive_modifiers: frozenset[str]  # not part of a name: 'the Marxist (FARC)', 'the rebel (SPLM-N)'
    breakaway_markers: frozenset[str]  # an unknown place they describe is a state: 'the breakaway X'
    statehood_words: frozenset[str]  # 'recognised as an independent state': recognition as a state
    equating_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    # people and posts
    titles: frozenset[str]
    title_head_words: frozenset[str]
    title_modifiers: frozenset[str]
    title_joiners: frozenset[str]
    military_ranks: frozenset[str]
    honorifics: frozenset[str]
    gang_nouns: frozenset[str]  # a group named by a name and this noun: 'the Gran Grif gang'
    royal_titles: frozenset[str]  # part of how a monarch is named: 'King Salman', 'King Abdullah II'
    forms_of_address: frozenset[str]  # 'His Majesty', 'His Excellency': no name
    title_abbreviations: frozenset[str]  # 'Brig. Gen. Pat Ryder': one token, never the end of a sentence
    name_particles: frozenset[str]  # inside a person's name: 'dos Santos', 'bin Khalifa'
    name_joining_particles: frozenset[str]  # 'Lashkar-e-Taiba', 'Tehrik-i-Taliban': a hyphen-joined name
    name_joiners: frozenset[str]  # inside an organisation's name: 'Front for Change and Concord in Chad'
    honorific_titles: frozenset[str]
    name_honorifics: frozenset[str]  # 'Sheikh Hasina': written as part of the name, and kept in it
    former_markers: frozenset[str]
    deposing_verbs: frozenset[str]  # 'toppled the country's leader, X': a post X no longer holds
    appointment_verbs: frozenset[str]  # 'X was sworn in as president of Y': X holds the post
    leader_titles: frozenset[str]
    portfolio_titles: frozenset[str]  # 'Minister for External Relations': 'for X' is the portfolio
    portfolio_words: frozenset[str]  # '... and Security Policy' + 'Javier Solana': a portfolio's last word, no name
    counterpart_words: frozenset[str]
    caption_positions: frozenset[str]  # 'X, left, chief negotiator of Y': a photo caption's place, no title
    kin_nouns: frozenset[str]  # 'the assassination of his brother X': X
    raising_verbs: frozenset[str]  # 'the rebels are believed to be backed by Iran': the rebels are backed
    object_control_verbs: frozenset[str]  # 'A urged B to sign X': B signs ('A invaded B to end X': A ends it)
    people_quantifiers: frozenset[str]  # 'some Lebanese backed X': people, not the state
    # arguments
    acting_heads: frozenset[str]
    representative_heads: frozenset[str]  # 'Chinese and Taiwanese representatives', 'negotiators for A': A
    delegation_nouns: frozenset[str]  # 'The Yugoslav delegation consisted of A, minister of ...'
    include_verbs: frozenset[str]  # 'met a delegation that included A, B': the members met
    joint_adverbs: frozenset[str]  # 'met jointly with A and B': A and B met each other too
    accompaniment_words: frozenset[str]  # 'A signed X along with B': B signed it too
    group_heads: frozenset[str]
    listing_heads: frozenset[str]  # 'rebel supporters Rwanda and Uganda signed': the names in apposition
    plural_anaphors: frozenset[str]
    counted_anaphors: frozenset[str]  # anaphors only with a number: 'the two regions'
    fighter_heads: frozenset[str]
    group_anaphors: frozenset[str]  # 'the group', 'the rebels': the armed group named last
    group_descriptors: frozenset[str]  # 'the militant group', 'the Islamist rebels'
    force_words: frozenset[str]  # 'Kurdish Peshmerga forces': a name before one is an armed group
    named_group_heads: frozenset[str]  # 'the X group claimed': the group named before the word
    example_markers: frozenset[str]
    banner_nouns: frozenset[str]
    place_nouns: frozenset[str]
    settlement_nouns: frozenset[str]  # 'the town': the place named last, in this sentence or the one before
    partitive_nouns: frozenset[str]  # 'occupied portions of X': the place is X
    partitive_quantifiers: frozenset[str]  # 'most of the roads in P': what follows 'of' is what it stands for
    name_possessives: frozenset[str]  # "the Sudan People's Liberation Movement": a possessive inside a name
    armed_description_nouns: frozenset[str]  # 'a militia called X', 'the armed wing, X': X is an armed group
    armed_modifiers: frozenset[str]  # what makes a 'group' or 'wing' armed: 'the armed wing', 'a rebel group'
    site_nouns: frozenset[str]  # 'several locations across P, including A and B'
    # modality, attribution and dates
    hedges: frozenset[str]
    negating_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    sign_off_verbs: frozenset[str]  # "VOA's X reports from Miami.": a dispatch's sign-off, no statement
    period_markers: frozenset[str]


class LexiconError(ValueError):
    """data/lexicon.json does not match the Lexicon class."""


def parse_lexicon(data: dict[str, object]) -> Lexicon:
    """A Lexicon from the JSON object; keys starting with '_' are comments."""
    lists = {k: v for k, v in data.items() if not k.startswith("_")}
    declared = {f.name for f in dataclasses.fields(Lexicon)}
    unknown, missing = sorted(lists.keys() - declared), sorted(declared - lists.keys())
    if unknown or missing:
        raise LexiconError("lexicon.json does not match nlp/lexicon.py: "
                           + "; ".join(filter(None, [unknown and f"unknown lists {unknown}",
                                                     missing and f"missing lists {missing}"])))
    bad = sorted(k for k, v in lists.items() if not isinstance(v, list)
                 or not all(isinstance(w, str) and w for w in v))
    if bad:
        raise LexiconError(f"lexicon.json: {bad} must be lists of non-empty strings")
    return Lexicon(**{k: frozenset(w.lower() for w in v) for k, v in lists.items()})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = files("geonews.pipeline").joinpath("data", "lexicon.json").read_text(encoding="utf-8")
    return parse_lexicon(json.loads(text))


def infobox_labels(lex: Lexicon) -> frozenset[str]:
    """Every label of an infobox row the lexicon knows (relational or not: 'mediators', 'type')."""
    return (lex.infobox_party_labels | lex.infobox_broker_labels | lex.infobox_side_labels
            | lex.infobox_field_labels)


def is_name_word(lex, low: str) -> bool:
    """A word of the lexicon's name heads: a name with it is an organisation's, not a person's."""
    return any(low in words for words in (
        lex.org_name_heads, lex.armed_group_words, lex.government_words, lex.state_body_words,
        lex.facility_words, lex.agreement_heads, lex.conflict_heads, lex.named_conflict_heads, lex.generic_names,
        lex.titles, lex.title_head_words, lex.descriptive_group_heads))


def names_a_venue(lex, words: list[str]) -> bool:
    """A name whose last word is a facility's: 'Wright-Patterson Air Force Base', 'the Birendra
    International Convention Center'; not an institution named like one ('the Carter Center')."""
    return bool(words) and words[-1] in lex.facility_words and (
        words[-1] not in lex.institution_heads or bool(set(words[:-1]) & lex.venue_modifiers))
