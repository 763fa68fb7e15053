"""Regression tests for the mechanisms developed on hold-out D (round 5 of tests/data/HOLDOUTS.md:
Treasury and State Department releases, VOA reports, two Wikipedia articles). Sentences quoted
from hold-out D are US government works (public domain) or Wikipedia (CC BY-SA); the others are
the project's own sentences of the same construction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


# -- an abbreviation before a hyphen is an actor of its own ---------------------------------------

def test_abbreviation_before_a_hyphenated_participle_is_the_broker(ex):
    # own sentence: 'U.S.-brokered' was one token, and the label took it in
    x = ex.run("Fighting resumed despite the U.S.-brokered ceasefire between Israel and Hezbollah.")
    facts = ex.facts(x)
    assert ("brokered", "United States", "ceasefire between Israel and Hezbollah") in facts
    assert ("partyTo", "Israel", "ceasefire between Israel and Hezbollah") in facts


def test_abbreviation_backed_group_is_supported(ex):
    x = ex.run("The U.S.-backed Syrian Democratic Forces advanced on the city.")
    assert ("supports", "United States", "Syrian Democratic Forces") in ex.facts(x)


def test_abbreviation_hyphen_tokenizes_apart(nlp):
    assert [t.text for t in nlp("the U.N.-brokered initiative")] == ["the", "U.N.", "-", "brokered", "initiative"]


# -- allies ----------------------------------------------------------------------------------------

def test_an_ally_of_in_a_coordinated_copula_supports(ex):
    # hold-out D 09 (VOA)
    x = ex.run("The TTP is an offshoot and a close ally of the Afghan Taliban.")
    assert ("supports", "TTP", "Taliban") in ex.facts(x)  # the Taliban (data/aliases.csv), so named too
    assert "Afghan Taliban" in next(e for e in x.entities if e.label == "Taliban").aliases


@pytest.mark.parametrize("sentence, ally, of", [
    ("Hezbollah, a close ally of Iran, fired rockets at Israel.", "Hezbollah", "Iran"),
    ("Syria is Russia's closest ally in the region.", "Syria", "Russia"),
    ("The Houthis are allied with Iran.", "Houthis", "Iran"),
    ("Hamas, which is allied with Iran, fired rockets.", "Hamas", "Iran"),
])
def test_an_ally_supports_the_one_it_is_allied_with(ex, sentence, ally, of):
    assert ("supports", ally, of) in ex.facts(ex.run(sentence))


def test_a_possessors_allies_each_support_it(ex):
    facts = ex.facts(ex.run("Iran's allies Hezbollah and the Houthis fired rockets."))
    assert {("supports", "Hezbollah", "Iran"), ("supports", "Houthis", "Iran")} <= facts


def test_no_alliance_when_negated(ex):
    x = ex.run("Turkey is not an ally of Syria.")
    assert not any(f.predicate == "supports" for f in x.facts)


# -- located in, and names the text calls a business -----------------------------------------------

def test_a_business_located_in_a_town_is_based_there_and_is_an_organisation(ex):
    # hold-out D 11 (Treasury)
    x = ex.run("Las Flores Cabanas is a cabin rental business located in Tapalpa, Jalisco.")
    assert ex.facts(x) == {("basedIn", "Las Flores Cabanas", "Tapalpa")}  # the town, not its state
    assert next(e for e in x.entities if e.label == "Las Flores Cabanas").kind == "Organization"


def test_companies_in_apposition_are_both_located_and_both_organisations(ex):
    # hold-out D 11 (Treasury)
    x = ex.run("J & P Advertising and JJGON, an advertising company and an agricultural company, respectively, "
               "are both located in Guadalajara.")
    assert {("basedIn", "J & P Advertising", "Guadalajara"), ("basedIn", "JJGON", "Guadalajara")} <= ex.facts(x)
    assert {e.kind for e in x.entities if e.label in ("J & P Advertising", "JJGON")} == {"Organization"}


# -- a state's formal name the ruler cut ------------------------------------------------------------

def test_formal_name_cut_before_the_gazetteer_name_is_the_state(ex):
    # hold-out D 12 (VOA editorial): the NER gave 'the Republic of' and the ruler 'Montenegro'
    x = ex.run("The U.S. has recognized the Republic of Montenegro as a sovereign and independent state.")
    assert ex.facts(x) == {("recognizedBy", "Montenegro", "United States")}
    assert not any(e.label.endswith(" of") for e in x.entities)


# -- mediators --------------------------------------------------------------------------------------

def test_a_role_in_mediating_an_agreement_is_brokering_it(ex):
    # hold-out D 05 (State Department)
    x = ex.run("The United States commends Egypt’s crucial role in mediating the ceasefire agreement, "
               "which will prevent the further loss of civilian lives.")
    assert ("brokered", "Egypt", "ceasefire agreement") in ex.facts(x)


def test_a_possessors_mediation_of_an_agreement_is_brokering_it(ex):
    x = ex.run("Egypt's mediation of the truce between Israel and Hamas was praised.")
    assert ("brokered", "Egypt", "truce between Israel and Hamas") in ex.facts(x)


def test_a_headline_verb_is_no_part_of_the_agreement_name(ex):
    # hold-out D 05 (State Department): the press statement's title
    x = ex.run("Welcoming Ceasefire Agreement in Israel and Gaza\n\n"
               "The United States welcomes the agreement today for a ceasefire to bring an end to the hostilities "
               "in Israel and Gaza.")
    assert ("endorses", "United States", "Ceasefire Agreement in Israel and Gaza") in ex.facts(x)


# -- 'the foreign ministers of A and B' are the ministers the article names --------------------------

GERD = ("The foreign ministers of Egypt, Ethiopia and Sudan met Wednesday in Washington with President Donald "
        "Trump and Treasury Secretary Steven Mnuchin to discuss the Grand Ethiopia Renaissance Dam (GERD) on "
        "Ethiopia's Blue Nile. In a joint statement issued after the meeting, the ministers — Sameh Hassan "
        "Shoukry of Egypt, Gedu Andargachew of Ethiopia and Asma Mohamed Abdalla of Sudan — noted the "
        "significance of the Nile to the development of the people of their countries.")


def test_ministers_of_states_are_the_ministers_named_after_them(ex):
    # hold-out D 04 (VOA)
    facts = ex.facts(ex.run(GERD))
    ministers = ("Sameh Hassan Shoukry", "Gedu Andargachew", "Asma Mohamed Abdalla")
    for minister in ministers:
        for host in ("Donald Trump", "Steven Mnuchin"):
            assert ("met", minister, host) in facts or ("met", host, minister) in facts
    assert not any(f[0] == "met" and {f[1], f[2]} & {"Egypt", "Ethiopia", "Sudan"} for f in facts)
    assert not any(f[0] == "met" and {f[1], f[2]} <= set(ministers) for f in facts)  # 'to discuss' is no meeting


def test_a_given_name_the_ner_took_for_a_place_is_part_of_the_name(ex):
    # hold-out D 04 (VOA): 'Asma' was a GPE of its own
    x = ex.run(GERD)
    assert ("holdsPost", "Asma Mohamed Abdalla", "Sudan") in ex.facts(x)
    assert not any(e.label == "Asma" for e in x.entities)


def test_ministers_of_states_no_article_names_are_the_states(ex):
    facts = ex.facts(ex.run("The foreign ministers of Egypt and Ethiopia met in Washington."))
    assert ("met", "Egypt", "Ethiopia") in facts or ("met", "Ethiopia", "Egypt") in facts


def test_ministers_named_earlier_with_their_titles(ex):
    facts = ex.facts(ex.run("Egyptian Foreign Minister Sameh Shoukry and Ethiopian Foreign Minister Gedu Andargachew "
                            "arrived on Monday. The foreign ministers of Egypt and Ethiopia met with President "
                            "Donald Trump to discuss the dam."))
    assert {("met", "Sameh Shoukry", "Donald Trump"), ("met", "Gedu Andargachew", "Donald Trump")} <= facts


# -- a state's military as an institution ----------------------------------------------------------

@pytest.mark.parametrize("sentence, military, state", [
    # hold-out D 10 (State Department)
    ("We salute the armed forces of Ukraine and all Ukrainian citizens who are defending their country.",
     "armed forces of Ukraine", "Ukraine"),
    # devset2-style, own sentences
    ("The Pakistan army said Indian troops fired across the border.", "Pakistan army", "Pakistan"),
    ("The Myanmar military overthrew the elected government.", "Myanmar military", "Myanmar"),
])
def test_a_states_military_is_an_armed_group_part_of_it(ex, sentence, military, state):
    x = ex.run(sentence)
    assert ("partOf", military, state) in ex.facts(x)
    assert next(e for e in x.entities if e.label == military).kind == "ArmedGroup"


def test_military_as_a_modifier_is_no_armed_group(ex):
    # seed: 'a week-long Turkish military operation' is Turkey's operation
    x = ex.run("The talks followed a week-long Turkish military operation in the region.")
    assert not any(e.kind == "ArmedGroup" for e in x.entities)


def test_bare_forces_of_a_state_stay_the_state(ex):
    assert ("attacked", "Russia", "Kharkiv") in ex.facts(ex.run("Russian forces attacked Kharkiv."))


# -- a press statement's byline ---------------------------------------------------------------------

def test_the_upper_case_byline_of_a_press_statement_names_an_official(ex):
    # hold-out D 10 (State Department)
    x = ex.run("PDA 4: $200 Million in New Security Assistance for Ukraine\n\nPRESS STATEMENT\n\n"
               "ANTONY J. BLINKEN, SECRETARY OF STATE\n\nMARCH 12, 2022\n\n"
               "The people of Ukraine are inspiring the world.")
    assert next(e for e in x.entities if e.label == "ANTONY J. BLINKEN").kind == "Official"


def test_an_upper_case_line_without_a_title_is_no_byline(ex):
    x = ex.run("SANCTIONS UPDATE\n\nNORTH KOREA, IRAN\n\nThe Treasury designated two firms.")
    assert not any(e.kind == "Official" for e in x.entities)


# -- claims of responsibility, calling off a truce, 'cease-fire' --------------------------------------

def test_claiming_responsibility_for_a_raid_in_a_district_is_attacking_it(ex):
    # hold-out D 09 (VOA): a hyphen-joined name, its 'group', and 'the Khyber district'
    x = ex.run("The banned Tehrik-i-Taliban Pakistan (TTP) group, also known as the Pakistani Taliban, claimed "
               "responsibility for the deadly nighttime raid in the Khyber district, bordering Afghanistan.")
    assert ("attacked", "Tehrik-i-Taliban Pakistan", "Khyber") in ex.facts(x)


def test_claiming_responsibility_for_an_attack_on_a_state(ex):
    assert ("attacked", "Hamas", "Israel") in ex.facts(ex.run("Hamas claimed responsibility for the attack on Israel."))
    assert not ex.run("Hamas did not claim responsibility for the attack on Israel.").facts


@pytest.mark.parametrize("name", ["Tehrik-i-Taliban Pakistan", "Lashkar-e-Taiba", "Hizb-ut-Tahrir"])
def test_a_hyphen_joined_name_is_one_organisation(ex, name):
    x = ex.run(f"India blamed {name} for the attack.")
    assert name in {e.label for e in x.entities}


def test_calling_off_a_cease_fire_rejects_it(ex):
    # hold-out D 09 (VOA), without its adjectives
    x = ex.run("In November, the TTP called off a cease-fire with the government.")
    assert ("rejects", "TTP", "cease-fire") in ex.facts(x)


def test_cease_fire_with_a_hyphen_is_an_agreement(ex):
    x = ex.run("Pakistan and India agreed to a cease-fire along the Line of Control.")
    deal = "cease-fire between Pakistan and India"  # the hyphen makes no content word: labelled by its parties
    assert {("partyTo", "Pakistan", deal), ("partyTo", "India", deal)} <= ex.facts(x)


def test_the_actor_of_a_hyphenated_modifier_is_not_the_post_of_a_leader(ex):
    # hold-out D 07 (Wikipedia): 'the leader of the IS-affiliated Abu Sayyaf group' leads no IS
    x = ex.run("Isnilon Hapilon, the leader of the IS-affiliated Abu Sayyaf group, was killed.")
    assert ("leads", "Isnilon Hapilon", "Islamic State") not in ex.facts(x)
    x = ex.run("Hassan Nasrallah, the leader of the Iran-backed Hezbollah, spoke.")
    assert {("leads", "Hassan Nasrallah", "Hezbollah"), ("supports", "Iran", "Hezbollah")} <= ex.facts(x)


# -- seats of government and capitals as actors; who does what an object is urged to ---------------

def test_a_seat_of_government_acting_is_its_state(ex):
    # hold-out D 10 (State Department): "the Kremlin's aggression" linked the Kremlin building
    x = ex.run("The United States stands with Ukraine in the face of the Kremlin’s aggression.")
    assert "Moscow Kremlin" not in {e.label for e in x.entities}
    assert "Russia" in {e.label for e in x.entities}


def test_a_seat_of_government_as_a_place_stays_a_place(ex):
    x = ex.run("The two presidents met in the Kremlin on Monday.")
    assert "Russia" not in {e.label for e in x.entities}


def test_talks_with_a_capital_are_talks_with_its_state(ex):
    # hold-out D 06 (Wikipedia): 'constructive talks with Washington'
    x = ex.run("Kim Jong Un said he wanted talks with Washington.")
    assert "United States" in {e.label for e in x.entities}
    assert "Washington, D.C." not in {e.label for e in x.entities}


def test_the_object_of_a_persuading_verb_does_what_it_was_persuaded_to(ex):
    facts = ex.facts(ex.run("Egypt persuaded Hamas to accept the ceasefire."))
    assert ("endorses", "Hamas", "ceasefire") in facts
    assert ("endorses", "Egypt", "ceasefire") not in facts


def test_a_name_the_text_calls_a_district_is_a_place(ex):
    # own sentences, the construction of devset2 16 (the NER typed 'Sinjar' as an organisation)
    x = ex.run("Sinjar is a district in Iraq. It fell under the control of the PKK in 2014.")
    assert next(e for e in x.entities if e.label == "Sinjar").kind == "Place"
    assert ("controls", "Kurdistan Workers' Party", "Sinjar") in ex.facts(x)


# -- names the NER cut or typed as no entity ----------------------------------------------------------

@pytest.mark.parametrize("sentence, name, kind", [
    # hold-out D 12 (VOA): the NER stopped before 'in Europe' (this spelling is now also a gazetteer alias, so
    # the entity is the linked OSCE; a name the gazetteer lacks: test_extraction_round14)
    ("The Organization for Security and Cooperation in Europe observed the vote.",
     "Organization for Security and Co-operation in Europe", "Organization"),
    # hold-out D 07 (Wikipedia): 'The Armed Forces of the' + 'Philippines'
    ("The Armed Forces of the Philippines attacked the militants.", "Armed Forces of the Philippines", "ArmedGroup"),
    # hold-out D 07: a building named after a saint or a person
    ("Militants occupied Saint Mary's Cathedral and the Ninoy Aquino School.", "Saint Mary's Cathedral", "Place"),
    ("Militants occupied Saint Mary's Cathedral and the Ninoy Aquino School.", "Ninoy Aquino School", "Place"),
    # hold-out D 07 and hold-out B 12 (Wikipedia): conflicts named by their first word
    ("The Siege of Marawi lasted five months.", "Siege of Marawi", "Conflict"),
    ("The rebels won the Battle of Laukkai in January.", "Battle of Laukkai", "Conflict"),
    ("Operation 1027 is an ongoing military offensive conducted by the Three Brotherhood Alliance.",
     "Operation 1027", "Conflict"),
])
def test_names_the_ner_cut_or_missed(ex, sentence, name, kind):
    x = ex.run(sentence)
    assert next((e.kind for e in x.entities if e.label == name), None) == kind


def test_an_organisation_in_a_city_is_not_part_of_its_name(ex):
    x = ex.run("The Atlantic Council in Washington published a report.")
    assert "Atlantic Council" in {e.label for e in x.entities}


def test_operation_as_a_common_noun_is_no_conflict(ex):
    assert not ex.run("Operation of the dam began in 2020.").entities


def test_a_statements_header_names_its_spokesperson_and_office(ex):
    # hold-out B 03 (State Department): the older header, a name above its title line
    x = ex.run("U.S. Condemns Boko Haram Attacks in Niger\n\nPress Statement\nJeff Rathke\n"
               "Acting Deputy Department Spokesperson, Office of the Spokesperson\nDepartment of State\n"
               "Washington, DC\nApril 28, 2015\n\nWe condemn the attacks by Boko Haram on Karamga Island.")
    kinds = {e.label: e.kind for e in x.entities}
    assert kinds.get("Jeff Rathke") == "Official"
    assert kinds.get("Department of State") == "Organization"


def test_a_header_line_that_is_no_name_is_no_official(ex):
    # hold-out B 07 (White House): 'For Immediate Release' above the office line
    x = ex.run("U.S. Welcomes Signing of Liberian Peace Agreement\n\nFor Immediate Release\n"
               "Office of the Press Secretary\nAugust 18, 2003\n\nThe United States welcomes the agreement.")
    assert not any(e.kind == "Official" for e in x.entities)
    assert "Office of the Press Secretary" in {e.label for e in x.entities}


def test_a_name_the_parse_compounds_runs_on_and_stops_at_a_possessive(ex):
    # hold-out D 03 (VOA): 'Aung San' + 'Suu Kyi'; then 'Suu Kyi’s NLD' tagged as one person
    x = ex.run("Military leaders have placed democratic leader Aung San Suu Kyi and the National League for "
               "Democracy party (NLD) under arrest. The military claims the November election won by Suu Kyi’s "
               "NLD was fraudulent.")
    people = {e.label for e in x.entities if e.kind == "Official"}
    assert people == {"Aung San Suu Kyi"}


def test_a_name_does_not_run_on_into_an_institution_named_after_it(ex):
    # devset 02 (Wikipedia): 'the Jimmy Carter Presidential Library' is no person
    x = ex.run("The documents are held at the Jimmy Carter Presidential Library in Atlanta.")
    assert not any(e.kind == "Official" and "Library" in e.label for e in x.entities)


def test_an_ambassador_from_a_state_to_another_holds_the_first_states_post_and_meets_by_credentials(ex):
    # hold-out C 08 (Wikipedia, Nauru–Taiwan relations); the gazetteer's label 'Naoero' is now 'Nauru'
    x = ex.run("Under Scotty, on 7 March 2007, the first ambassador from Nauru to Taiwan, Ludwig Keke, presented his "
               "credentials to President Chen Shui-bian.")
    facts = ex.facts(x)
    assert ("holdsPost", "Ludwig Keke", "Nauru") in facts
    assert ("met", "Ludwig Keke", "Chen Shui-bian") in facts
    assert ("holdsPost", "Ludwig Keke", "Taiwan") not in facts


@pytest.mark.parametrize("sentence, name", [
    # hold-out C 05 (State Department): the NER tagged 'Jr.' as a place
    ("Gilberto C. Teodoro, Jr., Secretary of National Defense, spoke.", "Gilberto C. Teodoro, Jr."),
    ("Martin Luther King, Jr. spoke in Washington.", "Martin Luther King, Jr."),
])
def test_a_generational_suffix_is_part_of_the_name_with_its_period(ex, sentence, name):
    x = ex.run(sentence)
    assert name in {e.label for e in x.entities if e.kind == "Official"}
    assert not any(e.label in ("Jr", "Jr.") for e in x.entities)
