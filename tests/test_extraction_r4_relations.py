"""Regression tests for the relation mechanisms of round 3 (holdout B: US government releases and
readouts, news-like Wikipedia). Holdout B's texts are public domain (US government) or CC BY-SA
(Wikipedia) and are quoted as they are; where an article's own entity needs a fix outside the
relations, the same construction is tested on other names and the article is cited."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


# -- meetings: title phrases and misattached 'between' phrases -----------------------------------

def test_met_with_a_title_phrase_ending_in_the_name(ex):
    # holdout B 08 (State Department, public domain)
    text = ("On January 17, 2013, Secretary of State Hillary Rodham Clinton met with President of Somalia "
            "Hassan Sheikh Mohamud in Washington, D.C., and announced that the United States is recognizing "
            "the Government of Somalia for the first time since 1991.")
    assert ("met", "Hillary Rodham Clinton", "Hassan Sheikh Mohamud") in ex.facts(ex.run(text))


def test_met_with_a_counterpart_named_after_two_titles(ex):
    # holdout B 05 (DoD readout): 'met with his Australian counterpart, Deputy Prime Minister and
    # Minister of Defence Richard Marles'; the construction with other names
    text = ("Secretary of State John Kerry met with his Japanese counterpart, Deputy Prime Minister and "
            "Minister of Defence Taro Aso, in Tokyo today.")
    found = ex.facts(ex.run(text))
    assert ("met", "John Kerry", "Taro Aso") in found


def test_a_title_followed_by_a_verb_names_no_one(ex):
    text = "Secretary of State John Kerry met with the President yesterday. Vladimir Putin spoke later."
    assert not any(f[0] == "met" and "Putin" in f[2] for f in ex.facts(ex.run(text)))


def test_meeting_between_officials_of_a_list_hung_on_the_verb(ex):
    # holdout B 06 (White House statement): the parser hangs 'between' on 'welcome'
    text = ("We welcome the meeting held today in Aqaba, Jordan, between senior officials of Israel, the "
            "Palestinian Authority (PA), Jordan, Egypt, and the United States.")
    found = {frozenset((s, o)) for r, s, o in ex.facts(ex.run(text)) if r == "met"}
    for pair in (("Israel", "Jordan"), ("Israel", "Egypt"), ("Jordan", "Egypt"), ("Egypt", "United States"),
                 ("Israel", "United States")):
        assert frozenset(pair) in found, pair


# -- a list after a colon and a describing apposition are no peers of the name -------------------

OPERATION_1027 = (  # holdout B 12 (Wikipedia, CC BY-SA)
    "Operation 1027 is an ongoing military offensive conducted by the Three Brotherhood Alliance, a military "
    "coalition composed of three ethnic armed organisations in Myanmar: the Arakan Army, Myanmar National "
    "Democratic Alliance Army, and Ta'ang National Liberation Army, allied with other rebel forces in the "
    "country, against the Tatmadaw, Myanmar's ruling military junta.")


def test_members_listed_after_a_colon_do_not_conduct_the_offensive(ex):
    found = ex.facts(ex.run(OPERATION_1027))
    assert ("opposes", "Three Brotherhood Alliance", "Tatmadaw") in found
    members = ("Arakan Army", "Myanmar National Democratic Alliance Army", "Ta'ang National Liberation Army")
    assert not [f for f in found if f[0] in ("opposes", "attacked") and (f[1] in members or f[2] in members)]


def test_a_describing_apposition_is_not_a_second_actor(ex):
    found = ex.facts(ex.run(OPERATION_1027))
    assert not [f for f in found if "coalition" in f[1] or "coalition" in f[2]]


def test_a_list_of_names_in_apposition_still_counts(ex):
    text = "President Obama, President Hollande, and Prime Minister Cameron met in Paris."
    found = {frozenset((s, o)) for r, s, o in ex.facts(ex.run(text)) if r == "met"}
    assert len(found) >= 2


# -- composition: 'a coalition composed of B, C and D' ------------------------------------------

def test_a_coalition_composed_of_groups_listed_after_a_colon(ex):
    found = ex.facts(ex.run(OPERATION_1027))
    for member in ("Arakan Army", "Myanmar National Democratic Alliance Army", "Ta'ang National Liberation Army"):
        assert ("partOf", member, "Three Brotherhood Alliance") in found, member


def test_an_alliance_made_up_of_named_groups(ex):
    text = ("The Syrian Democratic Forces, an alliance made up of the People's Protection Units and the "
            "Syriac Military Council, captured Raqqa.")
    found = ex.facts(ex.run(text))
    assert ("partOf", "People's Protection Units", "Syrian Democratic Forces") in found
    assert ("partOf", "Syriac Military Council", "Syrian Democratic Forces") in found


def test_representatives_of_states_are_no_parts(ex):
    # devset 'the Trilateral Contact Group ..., which consisted of representatives from Ukraine, Russia, and
    # the OSCE': the representatives, not the OSCE, make up the group
    text = ("The agreement was drawn up by the Contact Group, which consisted of representatives from "
            "Ukraine, Russia, and the OSCE.")
    assert not [f for f in ex.facts(ex.run(text)) if f[0] == "partOf" and f[2] == "Contact Group"]


# -- a summit's infobox participants met one another ---------------------------------------------

def test_participants_of_a_summit_met(ex):
    # holdout B 09 (Wikipedia, CC BY-SA): '- Participants: CHN Wang Yi, SAU ..., IRN Ali Shamkhani' in the
    # infobox of '2023 Iran–Saudi Arabia summit'
    text = ("2023 Iran–Saudi Arabia summit\n\n- Date: 6–10 March 2023\n- Cities: Beijing\n"
            "- Participants: CHN Wang Yi, SAU Musaad bin Mohammed Al Aiban, IRN Ali Shamkhani\n\n"
            "The 2023 Iran–Saudi Arabia summit was a high-level meeting between Iran and Saudi Arabia held in "
            "Beijing from March 6 to 10, 2023.")
    found = ex.facts(ex.run(text))
    met = [{s, o} for r, s, o in found if r == "met"]
    assert any("Wang Yi" in pair and any("Shamkhani" in p for p in pair) for pair in met)  # the NER may keep 'IRN'
    assert not [f for f in found if f[0] == "partyTo"]


# -- 'the attacks by A on B' -------------------------------------------------------------------------

def test_attacks_by_a_group_on_a_place(ex):
    # holdout B 03 (State Department, public domain): the parser hangs 'on Karamga Island' on the agent
    text = ("We condemn the attacks by Boko Haram on Karamga Island in Lake Chad, which killed 48 Nigerien "
            "security forces and wounded another 37, with others still missing.")
    assert ("attacked", "Boko Haram", "Karamga Island") in ex.facts(ex.run(text))


def test_attacks_by_a_group_on_a_city(ex):
    found = ex.facts(ex.run("The European Union condemned the attacks by Al-Shabaab on Mogadishu."))
    assert any(r == "attacked" and o == "Mogadishu" for r, _, o in found)


# -- wings: 'A and its force known as X'; 'its' after 'the exiled government, the NUG' --------------

def test_its_force_known_as_x_is_part_of_the_group_just_named(ex):
    # holdout B 02 (State Department, public domain)
    text = ("Iran, through the Islamic Revolutionary Guard Corps and its external operations force known as the "
            "Qods Force, has supported KSS, KH, and other Iran-aligned militia groups with training, funding, "
            "and sophisticated weapons.")
    found = ex.facts(ex.run(text))
    assert ("partOf", "Qods Force", "Islamic Revolutionary Guard Corps") in found
    assert ("partOf", "Qods Force", "Iran") not in found


def test_its_after_a_description_named_in_apposition_is_the_name(ex):
    # holdout B 12 (Wikipedia, CC BY-SA)
    text = ("The exiled civilian government of Myanmar, the National Unity Government, declared its support for "
            "the military offensive, and its armed wing, the People's Defense Force, has participated in "
            "military operations against regime forces.")
    found = ex.facts(ex.run(text))
    assert ("partOf", "People's Defense Force", "National Unity Government") in found


# -- 'X-aligned group Y' ---------------------------------------------------------------------------

def test_an_iran_aligned_militia_group_supports_iran(ex):
    # holdout B 02 (State Department, public domain); as devset2 16 'pro-Iran militias'
    text = ("Concurrently, the Department of the Treasury is designating six individuals affiliated with "
            "Iran-aligned militia group Kata’ib Hizballah (KH).")
    found = ex.facts(ex.run(text))
    assert any(r == "supports" and "Hizballah" in s and o == "Iran" for r, s, o in found)


def test_an_aligned_group_named_in_apposition(ex):
    found = ex.facts(ex.run("Turkey shelled positions held by the Russia-aligned militia group Wagner Group."))
    assert ("supports", "Wagner Group", "Russia") in found


def test_aligned_groups_in_the_plural_name_no_one(ex):
    found = ex.facts(ex.run("Terrorist Designations of Iran-aligned Militia Groups\n\nThe United States acted today."))
    assert not [f for f in found if f[0] == "supports"]


def test_attacks_against_a_states_personnel(ex):
    # holdout B 02 (State Department, public domain): the personnel stand for their state
    text = ("KSS, working at times with other U.S.-designated organizations, including KH and Harakat al-Nujaba, "
            "has planned and supported attacks against U.S. personnel.")
    assert ("attacked", "KSS", "United States") in ex.facts(ex.run(text))


# -- a fronted broker phrase that swallowed the clause's subjects --------------------------------

def test_under_the_mediation_of_x_the_subjects_are_no_brokers(ex):
    # holdout B 09 (Wikipedia, CC BY-SA): the parser takes 'Saudi Arabia and Iran' into the 'of' list
    text = ("Under the mediation of China, Saudi Arabia and Iran, which are considered rivals in the Middle "
            "East, agreed to the Beijing Agreement.")
    found = ex.facts(ex.run(text))
    assert ("brokered", "China", "Beijing Agreement") in found
    assert ("brokered", "Iran", "Beijing Agreement") not in found
    assert ("partyTo", "Saudi Arabia", "Beijing Agreement") in found


def test_under_the_auspices_of_a_list_then_the_signatories(ex):
    text = ("Under the mediation of Qatar, Egypt and the United States, Israel and Hamas agreed to the Gaza "
            "Ceasefire Agreement.")
    found = ex.facts(ex.run(text))
    for broker in ("Qatar", "Egypt", "United States"):
        assert ("brokered", broker, "Gaza Ceasefire Agreement") in found, broker
    for party in ("Israel", "Hamas"):
        assert ("partyTo", party, "Gaza Ceasefire Agreement") in found, party
        assert ("brokered", party, "Gaza Ceasefire Agreement") not in found, party


# -- "his reception of X" ------------------------------------------------------------------------------

def test_his_reception_of_a_president_is_a_meeting(ex):
    # holdout B 09 (Wikipedia, CC BY-SA)
    text = ("In December 2022, Chinese leader Xi Jinping visited Saudi Arabia. "
            "Wang Di said in an interview with People's Daily that Xi Jinping personally worked with the leaders "
            "of the two countries during his state visit to Saudi Arabia in December 2022 and his reception of "
            "Iranian President Ebrahim Raisi in February 2023.")
    found = ex.facts(ex.run(text))
    assert ("met", "Xi Jinping", "Ebrahim Raisi") in found or ("met", "Ebrahim Raisi", "Xi Jinping") in found
    assert not [f for f in found if f[0] == "met" and "Saudi Arabia" in f[1:]]  # a visit to a state is no meeting


# -- 'P fell to A' -------------------------------------------------------------------------------------

def test_a_town_fell_to_a_groups_forces(ex):
    found = ex.facts(ex.run("The town of Kunduz fell to Taliban forces on 8 August."))
    assert ("controls", "Taliban", "Kunduz") in found


def test_a_capital_that_fell_is_the_city_not_its_state(ex):
    # holdout B 11 (Wikipedia, CC BY-SA): 'Kabul' as a subject is read as Afghanistan by the mentions
    text = ("Kabul fell to Taliban forces on 15 August 2021 in the culmination of a military offensive that "
            "began in May 2021 against the Afghan government. NATO forces still maintain a presence in Kabul.")
    found = ex.facts(ex.run(text))
    assert ("controls", "Taliban", "Kabul") in found
    assert not [f for f in found if f[0] == "attacked" and f[2] == "Kabul"]


def test_a_figure_that_fell_is_no_capture(ex):
    assert not ex.facts(ex.run("Support for the Taliban fell to a record low in Kabul."))


# -- "a Hezbollah military campaign ... against B" --------------------------------------------------

def test_a_campaign_named_by_its_actor_against_b_hung_on_the_verb(ex):
    # construction of devset2 15 (news, own words): the parser hangs 'against B' on 'followed'
    text = "It followed a Hezbollah military campaign this month against the ruling coalition."
    assert ("opposes", "Hezbollah", "ruling coalition") in ex.facts(ex.run(text))


def test_a_demonym_offensive_against_b(ex):
    found = ex.facts(ex.run("An Israeli offensive against Hamas began in October."))
    assert ("opposes", "Israel", "Hamas") in found


# -- statements: 'welcomes the signing of X in P by A'; 'the mediator of the talks, General X' -------

LIBERIA = (  # holdout B 07 (White House, public domain)
    "U.S. Welcomes Signing of Liberian Peace Agreement\n\n"
    "The United States welcomes the signing of the peace agreement today in Accra, Ghana by Liberia's "
    "Government, rebel groups, political parties, and leaders of Liberia's civil society. The United States "
    "appreciates the efforts of ECOWAS Chair Kufuor, ECOWAS Executive Secretary Shambas, and the mediator of "
    "the talks, General Abubakar.")


def _on_the_agreement(found, relation, subject):
    return [f for f in found if f[0] == relation and f[1] == subject and "agreement" in f[2].lower()]


def test_welcomes_the_signing_in_a_place_by_the_parties(ex):
    found = ex.facts(ex.run(LIBERIA))
    assert _on_the_agreement(found, "partyTo", "Government of Liberia")
    assert _on_the_agreement(found, "endorses", "United States")


def test_the_mediator_of_the_talks_named_in_apposition(ex):
    found = ex.facts(ex.run(LIBERIA))
    assert _on_the_agreement(found, "brokered", "Abubakar")


# -- wire constructions: 'Israeli airstrikes on Gaza', 'A and B have been fighting' -------------------

def test_demonym_airstrikes_on_a_place(ex):
    found = ex.facts(ex.run("Israeli airstrikes on Gaza killed 20 people."))
    assert any(r == "attacked" and s == "Israel" and "Gaza" in o for r, s, o in found)


def test_a_and_b_fighting_each_other(ex):
    text = "The Sudanese Armed Forces and the Rapid Support Forces clashed in Khartoum on Saturday."
    found = {frozenset(f[1:]) for f in ex.facts(ex.run(text)) if f[0] == "opposes"}
    assert frozenset(("Sudanese Armed Forces", "Rapid Support Forces")) in found


@pytest.mark.parametrize("text", ["Russia and Syria fought the rebels in Aleppo.",
                                  "France and Britain fought together in Libya."])
def test_a_and_b_fighting_together_or_a_third_party(ex, text):
    assert not [f for f in ex.facts(ex.run(text)) if f[0] == "opposes"]


# -- 'the foreign ministers of A and B met'; 'talks between Russian and Ukrainian delegations' ------

def test_the_ministers_of_two_states_met(ex):
    found = {frozenset(f[1:]) for f in ex.facts(ex.run("The foreign ministers of Armenia and Azerbaijan met in "
                                                        "Washington on Monday.")) if f[0] == "met"}
    assert frozenset(("Armenia", "Azerbaijan")) in found


def test_talks_between_two_demonym_delegations(ex):
    found = {frozenset(f[1:]) for f in ex.facts(ex.run("The talks between Russian and Ukrainian delegations took "
                                                        "place in Istanbul.")) if f[0] == "met"}
    assert frozenset(("Russia", "Ukraine")) in found


# -- strikes on infrastructure, missiles, 'fired rockets at X' ---------------------------------------

def test_attacks_on_a_states_infrastructure(ex):
    found = ex.facts(ex.run("The United States condemns Russia's attacks on Ukraine's energy infrastructure."))
    assert ("attacked", "Russia", "Ukraine") in found


def test_demonym_missiles_struck(ex):
    found = ex.facts(ex.run("Russian missiles struck Ukrainian energy infrastructure overnight."))
    assert ("attacked", "Russia", "Ukraine") in found


@pytest.mark.parametrize("text, attacker, target", [
    ("Hamas fired rockets at Tel Aviv.", "Hamas", "Tel Aviv"),
    ("Hezbollah launched dozens of drones at northern Israel.", "Hezbollah", "northern Israel"),  # a region
    ("Russia launched a missile at Odesa on Monday.", "Russia", "Odesa"),
])
def test_fired_rockets_at_a_place(ex, text, attacker, target):
    assert ("attacked", attacker, target) in ex.facts(ex.run(text))


def test_fired_warning_shots_names_no_target(ex):
    assert not [f for f in ex.facts(ex.run("Israel fired warning shots on Monday.")) if f[0] == "attacked"]


# -- intended relations are no facts; a threat to attack is opposition ------------------------------

@pytest.mark.parametrize("text", ["Russia plans to strike Kyiv.", "Hamas threatened to fire rockets at Tel Aviv.",
                                  "Israel and Hamas are expected to sign the Gaza Ceasefire Agreement next week."])
def test_an_intended_event_is_no_fact(ex, text):
    assert not [f for f in ex.facts(ex.run(text)) if f[0] in ("attacked", "partyTo")]


def test_a_threat_to_strike_a_state_opposes_it(ex):
    found = ex.facts(ex.run("The Houthis threatened to strike Saudi Arabia."))
    assert ("opposes", "Houthis", "Saudi Arabia") in found
    assert ("attacked", "Houthis", "Saudi Arabia") not in found


@pytest.mark.parametrize("text", ["Egypt and Qatar will host talks between Israel and Hamas next week.",
                                  "Israel and Hamas will meet in Cairo.",
                                  "The agreement will be signed by Armenia and Azerbaijan."])
def test_a_future_event_is_no_fact(ex, text):
    assert not [f for f in ex.facts(ex.run(text)) if f[0] in ("met", "partyTo")]


def test_continuing_support_is_still_support(ex):
    assert ("supports", "Russia", "Syria") in ex.facts(ex.run("Russia will continue to support Syria."))


# -- 'A signed X for the United States and B signed for Y' -------------------------------------------

def test_signed_the_memorandum_for_a_state(ex):
    # holdout B 04 (State Department, public domain)
    text = ("Today, the Government of the United States of America and the Government of the Republic of the "
            "Marshall Islands signed a Memorandum of Understanding affirming our close and continuing partnership.\n\n"
            "Special Presidential Envoy for Compact Negotiations Joseph Yun signed the Memorandum for the United "
            "States and Minister of Foreign Affairs and Trade Kitlang Kabua signed for the Republic of the Marshall "
            "Islands.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "United States", "Memorandum of Understanding") in found
    assert ("partyTo", "Marshall Islands", "Memorandum of Understanding") in found
    assert ("partyTo", "Kitlang Kabua", "Memorandum of Understanding") in found  # the parser lost the subject


def test_signed_for_a_cause_is_no_party(ex):
    text = "Norway signed the Oslo Accord for the reconstruction of Gaza."
    assert not [f for f in ex.facts(ex.run(text)) if f[0] == "partyTo" and f[1] == "Gaza"]


def test_met_with_leaders_of_countries_including_a_named_one(ex):
    # holdout B 09 (Wikipedia, CC BY-SA): 'including' hangs on 'countries'
    text = ("In December 2022, Chinese leader Xi Jinping visited Saudi Arabia. During this period, he met with "
            "leaders of several Arab countries, including King Salman of Saudi Arabia.")
    found = {frozenset(f[1:]) for f in ex.facts(ex.run(text)) if f[0] == "met"}
    assert any("Xi Jinping" in pair and any("Salman" in p for p in pair) for pair in found)


def test_its_regional_branch_when_the_parser_lost_the_subject(ex):
    # holdout B 10 (Wikipedia, CC BY-SA): 'IS' is parsed as an auxiliary of 'claimed'
    text = ("IS claimed responsibility for the attack in a statement through the IS-affiliated Amaq News Agency "
            "shortly after the attack, with its regional branch in the Afghanistan–Pakistan border region, "
            "Islamic State – Khorasan Province (IS–KP or ISIS-K), most likely being responsible.")
    found = ex.facts(ex.run(text))
    assert any(r == "partOf" and "Khorasan" in s for r, s, _ in found)


def test_x_the_current_leader_of_the_gang(ex):
    # holdout B 01 (Treasury, public domain)
    text = ("OFAC is also designating Luckson Elan, the current leader of the Gran Grif gang, for his involvement "
            "in serious human rights abuse related to gang activity in Haiti’s Artibonite department.")
    assert any(r == "leads" and s == "Luckson Elan" and "Gran Grif" in o for r, s, o in ex.facts(ex.run(text)))

