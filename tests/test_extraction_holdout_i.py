"""Regression tests for the mechanisms developed on hold-out I (round 10 of tests/data/HOLDOUTS.md:
VOA reports, three Wikipedia articles). Sentences quoted from hold-out I are US government works
(public domain) or Wikipedia (CC BY-SA); the others are the project's own sentences of the same
construction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_two_word_demonym_the_ner_missed_qualifies_a_title(ex):
    # hold-out I 02 (VOA): after this title line the NER tags no 'Sri Lankan'
    x = ex.run("Sri Lanka Says Troops Capture Rebel Capital\n\nSri Lankan President Mahinda Rajapaksa says government "
               "troops have taken control of the Tamil Tigers' headquarters town, Kilinochchi.")
    assert ("holdsPost", "Mahinda Rajapaksa", "Sri Lanka") in ex.facts(x)


def test_a_capital_before_a_national_title_is_its_state(ex):
    # hold-out I 12 (VOA): 'Sao Tome' is also the capital's name
    x = ex.run("The coup took place early Wednesday as Sao Tome President Fradique de Menezes was in Nigeria attending "
               "an economic summit.")
    assert ("holdsPost", "Fradique de Menezes", "São Tomé and Príncipe") in ex.facts(x)
    x = ex.run("Moscow Mayor Sergei Sobyanin opened the station.")
    assert not any(p == "holdsPost" and o == "Russia" for p, _, o in ex.facts(x))  # a city's own post


def test_a_states_own_council_is_not_the_uns(ex):
    # hold-out I 08 (Wikipedia): 'Russian' + the gazetteer's short 'Security Council'
    x = ex.run("With mediation by OSCE representative Tim Guldimann, Russian Security Council secretary Alexander "
               "Lebed began mediating with Ichkerian chief of staff Aslan Maskhadov on ceasefire agreements.")
    facts = ex.facts(x)
    assert ("holdsPost", "Alexander Lebed", "Russian Security Council") in facts
    assert ("holdsPost", "Alexander Lebed", "Russia") not in facts
    x = ex.run("The UN Security Council met in New York.")
    assert any(e.label == "United Nations Security Council" for e in x.entities)


def test_a_title_in_a_states_body_is_the_bodys_post(ex):
    # hold-out I 07 (VOA photo caption)
    x = ex.run("Secretary-General of Thailand's National Security Council, Paradorn Pattanathabutr, center left, "
               "shakes hands with Hassan Taib in Kuala Lumpur.")
    facts = ex.facts(x)
    # the body is Thailand's own (round 18: a state body after a state's possessive is named with the state)
    assert ("holdsPost", "Paradorn Pattanathabutr", "National Security Council of Thailand") in facts
    assert ("holdsPost", "Paradorn Pattanathabutr", "Thailand") not in facts


def test_one_commander_of_a_group_holds_a_post_and_does_not_lead_it(ex):
    # hold-out I 05 (VOA): 'a commander of' is one of its posts, not its head (the guide's holdsPost)
    x = ex.run("General Boy Loaf, a commander of the main militant Movement for the Emancipation of the Niger Delta, "
               "or MEND, says the group rejects the amnesty.")
    assert not any(p == "leads" for p, *_ in ex.facts(x))
    x = ex.run("The leader of the Free Front, Jama Ali, spoke. Musa Bala, a leader of the Free Front, spoke.")
    facts = ex.facts(x)
    assert ("leads", "Jama Ali", "Free Front") in facts  # the definite title still leads
    assert ("leads", "Musa Bala", "Free Front") not in facts


def test_the_capture_of_a_place_by_an_actor(ex):
    # hold-out I 08 (Wikipedia)
    x = ex.run("By the time the Khasavyurt Accord was signed, Russia had suffered a significant defeat with the "
               "recapture of Grozny, the Chechen capital, by Chechen forces. Hamas's seizure of Gaza City split the "
               "Palestinians.")
    facts = ex.facts(x)
    assert any(p == "controls" and o == "Grozny" for p, _, o in facts)
    assert ("controls", "Hamas", "Gaza City") in facts


def test_the_forces_of_a_state_are_not_anothers_forces(ex):
    # hold-out I 10 (Wikipedia): 'the forces' alone would be the article's one 'Eritrean armed forces'
    x = ex.run("The Djiboutian–Eritrean border conflict was a border conflict between the forces of Djibouti and "
               "Eritrea that occurred in June 2008. Djibouti reported that Eritrean armed forces had penetrated into "
               "Djibouti.")
    facts = ex.facts(x)
    assert ("opposes", "Djibouti", "Eritrea") in facts or ("opposes", "Eritrea", "Djibouti") in facts
    assert not any(p == "opposes" and "Eritrean armed forces" in (s, o) for p, s, o in facts)


# -- precision fixes after hold-out J's blind measurement (which rounds 9 and 10 had cost 6 false facts)

def test_pro_government_forces_are_no_governments_armed_group(ex):
    # hold-out J 01 (VOA)
    x = ex.run("Pro-Somali government forces have been moving toward Kismayo for more than a month.")
    assert not any(e.kind == "ArmedGroup" and "government forces" in e.label for e in x.entities)
    assert not any(p == "supports" and o == "Somalia" for p, _, o in ex.facts(x))


def test_a_numbered_plan_is_an_agreement_a_multiyear_one_is_not(ex):
    x = ex.run("Russia and Georgia signed the six-point plan in Moscow. Israel adopted a three-year plan of action.")
    assert [e.label for e in x.entities if e.kind == "Agreement"] == ["six-point plan"]
