"""Regression tests for the mechanisms developed on hold-out E (round 6 of tests/data/HOLDOUTS.md:
State, Treasury and White House releases, VOA reports, two Wikipedia articles). Sentences quoted
from hold-out E are US government works (public domain) or Wikipedia (CC BY-SA); the others are
the project's own sentences of the same construction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def kinds(x) -> dict[str, str]:
    return {e.label: e.kind for e in x.entities}


# -- posts the copula or an apposition states ------------------------------------------------------

def test_an_indefinite_group_leader_holds_a_post_in_it(ex):
    # hold-out E 02 (State Department)
    x = ex.run("Mohamed Mire is a senior al-Shabaab leader responsible for the group's strategic decision-making.")
    facts = ex.facts(x)
    assert ("holdsPost", "Mohamed Mire", "Al-Shabab") in facts
    assert not any(f.predicate == "leads" for f in x.facts)  # one of its leaders, not its head


def test_a_conjoined_title_after_the_copula_leads_the_wing_in_apposition(ex):
    # hold-out E 02: the wing is named in apposition, and the NER typed 'Jabha' as a person
    x = ex.run("Yasir Jiis is an al-Shabaab leader and the commander of the armed wing, the Jabha, "
               "which conducts attack operations.")
    facts = ex.facts(x)
    assert ("holdsPost", "Yasir Jiis", "Al-Shabab") in facts
    assert ("leads", "Yasir Jiis", "Jabha") in facts
    assert kinds(x)["Jabha"] == "ArmedGroup"


def test_the_chief_of_a_wing_leads_it(ex):
    # hold-out E 02
    x = ex.run("Yusuf Ahmed Hajji Nurow, also known as Gees Ade, is the chief of al-Shabaab's intelligence wing, "
               "the Amniyat, which plays a key role in the execution of suicide attacks.")
    assert ("leads", "Yusuf Ahmed Hajji Nurow", "Amniyat") in ex.facts(x)


def test_an_indefinite_apposition_with_with_gives_the_post(ex):
    # hold-out E 03 (VOA)
    x = ex.run("Speaking in Dakar, Makaila Nguebla, a spokesman with the rebel Union of Forces for Democracy "
               "and Development, says the UFDD seized control of the town by midday.")
    assert ("holdsPost", "Makaila Nguebla", "Union of Forces for Democracy and Development") in ex.facts(x)


def test_an_apposition_after_a_semicolon_is_no_post_of_the_name_before(ex):
    # hold-out D 01 (Treasury): 'a Deputy of the National Assembly' belongs to the next name
    x = ex.run("OFAC designated the Vice President of the Nicaraguan Supreme Court of Justice, Marvin Ramiro "
               "Aguilar Garcia; a Deputy of the National Assembly, Walmaro Antonio Gutierrez Mercado.")
    assert ("holdsPost", "Marvin Ramiro Aguilar Garcia", "National Assembly") not in ex.facts(x)


def test_a_former_title_after_the_copula_is_no_post(ex):
    x = ex.run("Ahmed Diriye is a former al-Shabaab commander.")
    assert not any(f.predicate in ("holdsPost", "leads") for f in x.facts)


def test_an_ayn_apostrophe_is_part_of_the_name(ex):
    # hold-out E 02
    x = ex.run("Mustaf 'Ato is a senior Amniyat official responsible for coordinating attacks.")
    assert ("holdsPost", "Mustaf 'Ato", "Amniyat") in ex.facts(x)


# -- names the text describes, and names by their role ---------------------------------------------

def test_a_militia_called_x_is_an_armed_group_its_backer_armed(ex):
    # hold-out E 09 (White House); the object is shared by 'armed and unleashed'
    x = ex.run("To fight that rebellion, Sudan's regime armed and unleashed a horse-mounted militia called the "
               "Janjaweed, which targeted the rebels.")
    assert kinds(x)["Janjaweed"] == "ArmedGroup"
    assert ("supports", "Government of Sudan", "Janjaweed") in ex.facts(x)


def test_the_town_of_x_is_a_place(ex):
    x = ex.run("The rebels say they seized control of the town of Adre by midday.")
    assert kinds(x)["Adre"] == "Place"


def test_a_possessive_inside_a_name(ex):
    # hold-out E 06 (White House)
    x = ex.run("I congratulate the Government of Sudan and the Sudan People's Liberation Movement on the signing "
               "of a comprehensive peace agreement.")
    assert "Sudan People's Liberation Movement" in kinds(x)
    facts = ex.facts(x)
    assert ("partyTo", "Government of Sudan", "comprehensive peace agreement") in facts
    assert ("partyTo", "Sudan People's Liberation Movement", "comprehensive peace agreement") in facts


def test_the_fragment_of_a_rebuilt_name_is_no_entity(ex):
    # hold-out E 06: the NER's 'Sudan People' (cut at the possessive) must not stay behind for
    # 'the people of Darfur' to point at
    x = ex.run("I congratulate the Government of Sudan and the Sudan People's Liberation Movement on the signing of "
               "a comprehensive peace agreement. The United States will continue to assist the people of Darfur.")
    assert "Sudan People" not in kinds(x)
    assert not any(f.predicate == "supports" for f in x.facts)


def test_an_acronym_set_off_by_commas_defines_the_name_it_spells(ex):
    # hold-out E 05 (VOA): the NER found no name here at all
    x = ex.run("Rebels with the group, Liberians United for Reconciliation and Democracy, LURD, speaking from their "
               "positions in neighboring Guinea, said Friday they remain in control of Voinjama. LURD rejected talks.")
    k = kinds(x)
    assert "Liberians United for Reconciliation and Democracy" in k
    assert k["Voinjama"] == "Place"  # 'in control of X' (the NER: a person)


def test_a_list_with_an_acronym_defines_nothing(ex):
    x = ex.run("Talks involved Kenya, UK, and France.")
    assert {"Kenya", "United Kingdom", "France"} <= set(kinds(x))


def test_a_backed_name_is_an_actor_and_occupies_the_province(ex):
    # hold-out E 01 (Treasury): the NER typed M23 as a place
    x = ex.run("The current escalation of conflict began in November 2021, when the Rwanda-backed M23 (March 23 "
               "Movement) occupied portions of the North Kivu province of the DRC.")
    facts = ex.facts(x)
    assert ("supports", "Rwanda", "M23") in facts
    assert ("controls", "M23", "North Kivu") in facts
    north_kivu = next(e for e in x.entities if e.label == "North Kivu")
    assert "North Kivu province" in north_kivu.aliases


# -- persons the NER cut or mistyped ----------------------------------------------------------------

LOME = ("President Ahmad Tejan Kabbah signed with the Revolutionary United Front (RUF) leader, Foday Sankoh and "
        "granted Sankoh a position in the transitional government.")


def test_a_surname_typed_as_an_unknown_place_continues_the_name(ex):
    # hold-out E 11 (Wikipedia): the NER: PERSON 'Ahmad Tejan', GPE 'Kabbah', ORG 'Foday Sankoh'
    k = kinds(ex.run(LOME))
    assert k["Ahmad Tejan Kabbah"] == "Official"
    assert k["Foday Sankoh"] == "Official"


def test_a_leader_with_the_groups_bracketed_acronym_leads_it(ex):
    assert ("leads", "Foday Sankoh", "Revolutionary United Front") in ex.facts(ex.run(LOME))


def test_a_name_ends_before_its_of(ex):
    # hold-out E 09: the NER: PERSON 'Obasanjo of'
    x = ex.run("The President is particularly grateful for the leadership of President Obasanjo of Nigeria and "
               "President Sassou-Nguesso of the Republic of the Congo.")
    assert ("holdsPost", "Obasanjo", "Nigeria") in ex.facts(x)


def test_an_organisations_acronym_before_a_title(ex):
    # hold-out E 06: the NER: ORG 'USAID Administrator'
    x = ex.run("I thank the Special Humanitarian Coordinator for Sudan, USAID Administrator Andrew Natsios.")
    assert ("holdsPost", "Andrew Natsios", "USAID") in ex.facts(x)


# -- agreements -------------------------------------------------------------------------------------

def test_a_later_dated_cease_fire_signed_at_the_named_accords_place_is_another_agreement(ex):
    # hold-out E 11: 'in Lomé' must not join it to the Lomé Peace Accord of 7 July; the subjects
    # the parse put into the fronted 'in the presence of' phrase sign it
    x = ex.run("The Lomé Peace Accord was a peace agreement signed on 7 July 1999 between the warring parties. "
               + LOME + " On 18 May, in the presence of United States special envoy Jesse Jackson and Togolese "
               "president Gnassingbé Eyadéma, Kabbah and Sankoh signed an initial cease-fire in Lomé.")
    facts = ex.facts(x)
    assert ("partyTo", "Ahmad Tejan Kabbah", "initial cease-fire") in facts
    assert ("partyTo", "Foday Sankoh", "initial cease-fire") in facts
    assert ("partyTo", "Ahmad Tejan Kabbah", "Lomé Peace Accord") in facts
    assert ("partyTo", "Revolutionary United Front", "Lomé Peace Accord") in facts  # its leader signed
    assert not any(f.predicate == "partyTo" and f.subject.label in ("Jesse Jackson", "Gnassingbé Eyadéma")
                   for f in x.facts)


def test_a_relative_pronoun_object_is_its_antecedent(ex):
    # hold-out E 09
    x = ex.run("A 22-year civil war took more than 2 million lives before a peace agreement that the United States "
               "helped to broker was signed early last year.")
    assert ("brokered", "United States", "peace agreement") in ex.facts(x)


def test_sponsoring_the_talks_brokers_the_agreement(ex):
    x = ex.run("Kenya and Uganda signed the Nakuru Accord. The African Union, which sponsored the talks, "
               "welcomed it.")
    assert ("brokered", "African Union", "Nakuru Accord") in ex.facts(x)


# -- support and opposition -------------------------------------------------------------------------

def test_acting_in_support_of_supports(ex):
    # hold-out E 12 (AFRICOM); the government's formal name is an alias of the state's government
    x = ex.run("U.S. conducts airstrike in support of the Federal Government of Somalia.")
    assert ("supports", "United States", "Government of Somalia") in ex.facts(x)
    gov = next(e for e in x.entities if e.kind == "Government")
    assert "Federal Government of Somalia" in gov.aliases


def test_a_coup_attempt_against_opposes(ex):
    x = ex.run("The Revolutionary United Front (RUF) fought on. The conflict had been dragging on since a RUF coup "
               "attempt against President Ahmad Tejan Kabbah in 1997.")
    assert ("opposes", "Revolutionary United Front", "Ahmad Tejan Kabbah") in ex.facts(x)


def test_defeating_a_group_opposes_it(ex):
    # own sentence of the construction of hold-out E 03 (VOA)
    assert ("opposes", "Chad", "UFDD") in ex.facts(ex.run("Chadian troops defeated the UFDD forces near Adre."))


@pytest.mark.parametrize("sentence, backer, backed", [
    # hold-out E 07 (Defense Department readout)
    ("Secretary Austin reaffirmed the unwavering and ironclad U.S. commitment to the defense of Japan.",
     "United States", "Japan"),
    ("Britain's commitment to the security of Ukraine is unwavering.", "United Kingdom", "Ukraine"),
])
def test_a_commitment_to_the_defense_of_supports(ex, sentence, backer, backed):
    assert ("supports", backer, backed) in ex.facts(ex.run(sentence))


def test_the_host_of_the_meeting_brokers_the_articles_agreement(ex):
    # hold-out E 10 (Wikipedia)
    x = ex.run("The Tashkent Declaration was signed between India and Pakistan on 10 January 1966. The meeting was "
               "hosted by the Soviet Union in the city of Tashkent, Uzbekistan, from 4 to 10 January 1966.")
    assert ("brokered", "Soviet Union", "Tashkent Declaration") in ex.facts(x)
