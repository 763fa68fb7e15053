"""Regression tests for round 11 of tests/data/HOLDOUTS.md: hostile intent, definite references
to an armed group, one entity per name whatever its letter case, 'the town' as the place named
before, 'were able to'. Sentences quoted from hold-outs E and J are US government works (VOA,
public domain); the others are the project's own sentences of the same construction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_seeking_or_vowing_to_fight_is_opposition(ex):
    # the guide: opposes when A 'threatens to attack' B; an aim to overthrow B is the same stance
    x = ex.run("Al-Shabab is seeking to overthrow Somalia's government.")
    assert ("opposes", "Al-Shabab", "Government of Somalia") in ex.facts(x)
    x = ex.run("Hamas threatened to attack Israel.")
    facts = ex.facts(x)
    assert ("opposes", "Hamas", "Israel") in facts
    assert ("attacked", "Hamas", "Israel") not in facts  # a threat is no attack
    x = ex.run("Russia is seeking to support Syria.")  # an intended support stays out (the guide: pledges, hopes)
    assert ("supports", "Russia", "Syria") not in ex.facts(x)


def test_a_campaign_to_topple_belongs_to_its_owner(ex):
    x = ex.run("Hamas's attempt to topple the Palestinian Authority failed.")
    assert any(p == "opposes" and s == "Hamas" for p, s, _ in ex.facts(x))
    # an effort to help is only intended: no supports for the country whose effort it is
    x = ex.run("The United States opposes efforts by any country to assist Russia through the Wagner Group.")
    assert ("supports", "United States", "Russia") not in ex.facts(x)


def test_the_militant_group_is_the_armed_group_the_article_names_most(ex):
    # hold-out J 01 (VOA): al-Qaida is named last, al-Shabab is the article's group
    x = ex.run("Somalia's militant group al-Shabab says it has withdrawn from Kismayo.\n\n"
               "Al-Shabab, which is allied with al-Qaida, has used Kismayo's seaport to raise money.\n\n"
               "The militant group is seeking to overthrow Somalia's government.")
    facts = ex.facts(x)
    assert ("opposes", "Al-Shabab", "Government of Somalia") in facts
    assert not any(p == "opposes" and s == "Al-Qaeda" for p, s, _ in facts)


def test_the_group_of_someone_is_no_reference(ex):
    x = ex.run("Hamas fired rockets. The group of Hamas leaders is seeking to overthrow the Palestinian Authority.")
    assert not any(p == "opposes" for p, *_ in ex.facts(x))


def test_a_state_force_is_not_the_militant_group(ex):
    x = ex.run("Kenyan forces attacked Kismayo. The militant group is seeking to overthrow Somalia's government.")
    assert not any(p == "opposes" for p, *_ in ex.facts(x))  # no non-state group was named


def test_one_entity_for_a_name_the_ner_read_as_a_person(ex):
    # hold-out J 01 (VOA): the later lower-case 'al-Shabab' is tagged PERSON by the small model
    x = ex.run("Somalia's militant group al-Shabab says it has withdrawn from Kismayo.\n\n"
               "Some residents reported that people were looting buildings formerly occupied by "
               "al-Shabab personnel.\n\n"
               "In an interview, Johnnie Carson said al-Shabab has been degraded.")
    kinds = {e.kind for e in x.entities if e.label.lower() == "al-shabab"}
    assert kinds == {"ArmedGroup"}


def test_the_town_is_the_place_named_before(ex):
    # hold-out E 03 (VOA)
    x = ex.run("Chadian Forces Clash With Rebels in Eastern Town of Adre\n\n"
               "Chadian armed forces clashed with rebels Thursday in the eastern border town of Adre.\n"
               "The latest round of fighting between rebel and government forces in Chad began in the early morning "
               "hours when rebels entered Adre.\nSpeaking in Dakar, Makaila Nguebla, a spokesman with the rebel "
               "Union of Forces for Democracy and Development, says the UFDD seized control of the town by midday.")
    facts = ex.facts(x)
    assert ("controls", "Union of Forces for Democracy and Development", "Adre") in facts
    assert ("controls", "Union of Forces for Democracy and Development", "Dakar") not in facts


def test_were_able_to_agree_is_agreement_and_its_negation_is_not(ex):
    text = ("The border conflict between Kyrgyzstan and Tajikistan continued for two days. "
            "The sides {} to a ceasefire on 16 September 2022.")
    facts = ex.facts(ex.run(text.format("were able to agree")))
    assert any(p == "partyTo" and s == "Kyrgyzstan" for p, s, _ in facts)
    for wording in ("were not able to agree", "were ready to agree"):
        facts = ex.facts(ex.run(text.format(wording)))
        assert not any(p == "partyTo" for p, *_ in facts), wording
