"""Regression tests for the entity mechanisms of round 3 (holdout B: releases and readouts):
abbreviated titles before names, person names the NER cut on the left. Sentences quoted from
holdout B are US government works (public domain) or Wikipedia (CC BY-SA)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _entities(x) -> set[tuple[str, str]]:
    return {(e.kind, e.label) for e in x.entities if e.kind != "Post"}


# -- abbreviated titles --------------------------------------------------------------------------

def test_abbreviated_rank_neither_ends_the_sentence_nor_is_a_name(ex):
    # holdout B 05 (DoD readout): 'Brig.' was split off as a sentence and tagged as a person
    x = ex.run("Pentagon Press Secretary Brig. Gen. Pat Ryder provided the following readout:")
    assert ("holdsPost", "Pat Ryder", "Pentagon") in ex.facts(x)
    assert not any("Brig" in label for _, label in _entities(x))


def test_abbreviated_ranks_are_one_token(nlp):
    doc = nlp("The convoy was led by Lt. Col. Ahmed Musa of the army. It reached the border at dawn.")
    assert [s.text for s in doc.sents][0] == "The convoy was led by Lt. Col. Ahmed Musa of the army."
    assert "Ahmed Musa" in {e.text for e in doc.ents}



# -- person names cut on the left ----------------------------------------------------------------

def test_given_name_before_a_name_the_ner_began_late(ex):
    # holdout B 05: the NER tags 'J. Austin III' without 'Lloyd'
    x = ex.run("Readout of Secretary of Defense Lloyd J. Austin III's Meeting With Australian Minister of "
               "Defence Richard Marles\n\nPentagon Press Secretary Brig. Gen. Pat Ryder provided the following "
               "readout:\nSecretary of Defense Lloyd J. Austin III met with his Australian counterpart, Deputy "
               "Prime Minister and Minister of Defence Richard Marles, at the Pentagon today.")
    assert ("met", "Lloyd J. Austin III", "Richard Marles") in ex.facts(x)
    assert ("Official", "J. Austin III") not in _entities(x)


def test_two_given_names_after_a_title(ex):
    # holdout B 02: the NER tags 'Rahim al-Saraji'; 'General' is the title's, not the name's
    x = ex.run("The Department of State is today designating Kata’ib Sayyid al-Shuhada (KSS) and its Secretary "
               "General Hashim Finyan Rahim al-Saraji as Specially Designated Global Terrorists.")
    assert ("Official", "Hashim Finyan Rahim al-Saraji") in _entities(x)


def test_given_name_is_not_taken_from_a_title_or_an_organisation(ex):
    x = ex.run("Ukrainian Foreign Minister Dmytro Kuleba met NATO chief Jens Stoltenberg in Brussels.")
    officials = {label for kind, label in _entities(x) if kind == "Official"}
    assert officials == {"Dmytro Kuleba", "Jens Stoltenberg"}


# -- organisation names the NER cut --------------------------------------------------------------

def test_body_name_ending_in_of_runs_through_its_state(ex):
    # holdout B 09 (Wikipedia): the NER tags 'the Ministry of Foreign Affairs of' and 'China' apart
    x = ex.run("Wang Di, Director of the Department of Asian and African Affairs of the Ministry of Foreign Affairs "
               "of China, said in an interview with People's Daily that Xi Jinping personally worked with the leaders.")
    facts = ex.facts(x)
    assert ("partOf", "Ministry of Foreign Affairs of China", "China") in facts
    assert ("partOf", "Department of Asian and African Affairs", "Ministry of Foreign Affairs of China") in facts
    assert ("holdsPost", "Wang Di", "Department of Asian and African Affairs") in facts


def test_last_word_of_a_name_tagged_apart(ex):
    # holdout B 09: 'the Office of the Central Foreign Affairs' + 'Commission' (a gazetteer alias)
    x = ex.run("The meeting was held under the chairmanship and coordination of Wang Yi, the Director of the "
               "Office of the Central Foreign Affairs Commission.")
    assert ("holdsPost", "Wang Yi", "Office of the Central Foreign Affairs Commission") in ex.facts(x)
    assert ("Organization", "Affairs Commission") not in _entities(x)


# -- royal titles and forms of address -----------------------------------------------------------

def _names(x) -> dict[str, set[str]]:
    return {e.label: {e.label, *e.aliases} for e in x.entities if e.kind == "Official"}


def test_a_monarch_is_also_named_with_the_royal_title(ex):
    # holdout B 09 (Wikipedia)
    x = ex.run("During this period, he met with leaders of several Arab countries, including King Salman of "
               "Saudi Arabia.")
    assert "King Salman" in _names(x)["Salman"]
    assert ("holdsPost", "Salman", "Saudi Arabia") in ex.facts(x)


def test_form_of_address_is_no_name_and_the_royal_name_after_it_is(ex):
    # holdout B 06 (White House statement): the NER tags 'Majesty' as a person and misses the king
    x = ex.run("The President extends his personal thanks to His Majesty, King Abdullah II, for convening this "
               "historic gathering.")
    names = _names(x)
    assert "Majesty" not in names
    assert "King Abdullah II" in names["Abdullah II"]


def test_untagged_name_after_a_title_word(ex):
    # holdout B 07 (White House statement): the NER leaves 'Kufuor' untagged
    x = ex.run("The United States appreciates the efforts of ECOWAS Chair Kufuor, ECOWAS Executive Secretary "
               "Shambas, and the mediator of the talks, General Abubakar.")
    facts = ex.facts(x)
    assert ("holdsPost", "Kufuor", "Economic Community of West African States") in facts
    assert ("holdsPost", "Shambas", "Economic Community of West African States") in facts


# -- places the NER typed as persons -------------------------------------------------------------

def test_name_ending_in_a_division_word_is_a_place(ex):
    # holdout B 12 (Wikipedia mirror): the NER tags the zone and the states as persons
    x = ex.run("The Brotherhood Alliance successfully took control of the strategically important Kokang "
               "Self-Administered Zone following their decisive victory in the Battle of Laukkai. The offensive "
               "spread to Rakhine State and Chin State.")
    ents = _entities(x)
    assert ("Place", "Kokang Self-Administered Zone") in ents
    assert not any(kind == "Official" for kind, _ in ents)
    assert ("controls", "Brotherhood Alliance", "Kokang Self-Administered Zone") in ex.facts(x)


# -- descriptions in apposition to a name --------------------------------------------------------

OP1027 = ("Operation 1027 is an ongoing military offensive conducted by the Three Brotherhood Alliance, a military "
          "coalition composed of three ethnic armed organisations in Myanmar: the Arakan Army, Myanmar National "
          "Democratic Alliance Army, and Ta'ang National Liberation Army, allied with other rebel forces in the "
          "country, against the Tatmadaw, Myanmar's ruling military junta.")


def test_description_in_apposition_is_the_name(ex):
    # holdout B 12 (Wikipedia mirror): 'a military coalition' and 'Myanmar's ruling military junta' were
    # actors of their own, each taking the attacks and the opposition of the name
    x = ex.run(OP1027)
    labels = {label for _, label in _entities(x)}
    assert "military coalition" not in labels and "Government of Myanmar" not in labels
    assert ("ArmedGroup", "Tatmadaw") in _entities(x)  # the NER's person, described as a junta
    facts = ex.facts(x)
    assert ("opposes", "Three Brotherhood Alliance", "Tatmadaw") in facts
    assert ("partOf", "Tatmadaw", "Myanmar") in facts


def test_name_in_apposition_to_a_description(ex):
    # holdout B 12: 'its armed wing' is the National Unity Government's, not a 'Government of Myanmar'
    x = ex.run("The exiled civilian government of Myanmar, the National Unity Government, declared its support for "
               "the military offensive, and its armed wing, the People's Defense Force, has participated in "
               "military operations against regime forces.")
    assert ("partOf", "People's Defense Force", "National Unity Government") in ex.facts(x)


@pytest.mark.parametrize("text", [
    # devset2 03 construction (own words): an introductory phrase, then the subject
    "Of the ten posts in the interim government, the Democratic Alliance for Renewal (DAR), the former ruling "
    "party, was given four.",
    # devset2 08 construction (own words): a post of the government, not the government
    "Ahmed Rashid Salim, the interim military government's foreign minister, said the talks would go on.",
    "The Taliban, the Afghan government and NATO met in Doha.",
])
def test_no_apposition_merge(nlp, text):
    from geonews.pipeline.nlp.resolve import build_mentions

    assert not any(m.source == "apposition" for m in build_mentions(nlp(text)).all())


def test_state_name_cut_at_a_curly_apostrophe(ex):
    # holdout B 05: the NER tags 'the People’s' and 'Republic of China' (Taiwan's name) apart
    x = ex.run("They noted their joint determination to counter destabilizing military activities by the "
               "People’s Republic of China.")
    states = {label for kind, label in _entities(x) if kind == "State"}
    assert states == {"China"}


# -- agreement names ----------------------------------------------------------------------------

def test_agreement_name_stops_at_the_state_it_is_signed_for_and_the_next_title(ex):
    # holdout B 04 (State Department media note)
    x = ex.run("The United States of America and the Republic of the Marshall Islands Sign Memorandum of "
               "Understanding\n\nToday, the Government of the United States of America and the Government of the "
               "Republic of the Marshall Islands signed a Memorandum of Understanding.\n\nSpecial Presidential "
               "Envoy for Compact Negotiations Joseph Yun signed the Memorandum for the United States and Minister "
               "of Foreign Affairs and Trade Kitlang Kabua signed for the Republic of the Marshall Islands.")
    agreements = {label for kind, label in _entities(x) if kind == "Agreement"}
    assert agreements == {"Memorandum of Understanding"}
    assert ("partyTo", "Joseph Yun", "Memorandum of Understanding") in ex.facts(x)


# -- acronyms the tokenizer split at a dash -------------------------------------------------------

def test_dashed_acronym_defines_the_dashed_name(ex):
    # holdout B 10 (Wikipedia): the NER tags 'Islamic State' and 'Khorasan Province' apart
    x = ex.run("Four terrorists associated with Islamic State – Khorasan Province (IS–KP or ISIS-K) carried out "
               "a mass shooting. IS–KP later released a video.")
    ents = _entities(x)
    assert any(label == "Islamic State – Khorasan Province" for _, label in ents)
    assert ("Place", "Khorasan Province") not in ents


def test_group_named_after_a_group_noun_with_an_apostrophe_word(ex):
    # holdout B 02 (State Department statement): 'Kata’ib' is parsed as punctuation and the NER
    # tags 'Hizballah' alone, as a person
    x = ex.run("Concurrently, the Department of the Treasury is designating six individuals affiliated with "
               "Iran-aligned militia group Kata’ib Hizballah (KH).")
    ents = _entities(x)
    assert ("ArmedGroup", "Kata’ib Hizballah") in ents
    assert not any(kind == "Official" for kind, _ in ents)


# -- headlines ------------------------------------------------------------------------------------

def test_headline_verb_and_title_are_no_part_of_names(ex):
    # holdout B 06 (White House statement): 'National Security Advisor' tagged as an organisation,
    # 'Jake Sullivan Welcoming' as a person
    x = ex.run("Statement from National Security Advisor Jake Sullivan Welcoming the Aqaba Meeting and Communique"
               "\n\nWe welcome the meeting held today in Aqaba, Jordan. Jake Sullivan thanked the hosts.")
    ents = _entities(x)
    assert ("Official", "Jake Sullivan") in ents
    assert not any("Advisor" in label or "Welcoming" in label for _, label in ents)


def test_untagged_name_after_a_title_with_its_portfolio(ex):
    # holdout B 04 (State Department media note): the NER tags neither name; the minister's post is
    # not the United States' ('signed the Memorandum for the United States and Minister ...')
    x = ex.run("Special Presidential Envoy for Compact Negotiations Joseph Yun signed the Memorandum for the United "
               "States and Minister of Foreign Affairs and Trade Kitlang Kabua signed for the Republic of the "
               "Marshall Islands. Ambassador Gerald Zackios of the Republic of the Marshall Islands and Assistant "
               "Secretary of Insular and International Affairs Carmen G. Cantor, U.S. Department of the Interior "
               "attended the signing in Los Angeles.")
    officials = {label for kind, label in _entities(x) if kind == "Official"}
    assert {"Kitlang Kabua", "Carmen G. Cantor"} <= officials
    assert ("holdsPost", "Kitlang Kabua", "United States") not in ex.facts(x)


def test_name_and_a_gang_noun_is_the_group(ex):
    # holdout B 01 (Treasury release): the NER tags 'the Gran Grif' as a facility
    x = ex.run("OFAC is also designating Luckson Elan, the current leader of the Gran Grif gang, for his involvement "
               "in serious human rights abuse related to gang activity in Haiti’s Artibonite department.")
    ents = _entities(x)
    assert ("ArmedGroup", "Gran Grif gang") in ents
    assert ("Place", "Gran Grif") not in ents


def test_a_state_and_a_militia_noun_stays_the_state(ex):
    x = ex.run("Witnesses said a Sudan militia convoy crossed the border at dawn.")
    assert not any(kind == "ArmedGroup" for kind, _ in _entities(x))
