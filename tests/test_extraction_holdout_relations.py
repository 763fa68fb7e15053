"""Regression tests for the relation mechanisms of round 2 of issue 8 (found on holdout A): plural
and pronoun arguments, recognition by lists, signing with the agreement elided, attacks and
conflicts stated through descriptions, and a second unnamed agreement kept apart from the named
one. Holdout A's texts are openly licensed (Wikipedia CC BY-SA, US government public domain) and
are quoted as they are; where the article's own entities need a fix outside the relations (a
breakaway state typed as a place, an unknown demonym), the same construction is tested on states
of the gazetteer, and the article is cited."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def agreements(x) -> set[str]:
    return {e.label for e in x.entities if e.kind == "Agreement"}


# -- plural and pronoun arguments ----------------------------------------------------------------

def test_they_as_a_subject_is_the_list_of_the_sentence_before(ex):
    # holdout A 07: 'Abkhazia and South Ossetia are disputed territories ... They are both partially
    # recognised ... by Russia, ...'
    text = ("Kosovo and Palestine are disputed territories. The government of Serbia considers the republics "
            "under occupation. They are both partially recognised by Russia, Venezuela and Syria.")
    found = ex.facts(ex.run(text))
    for state in ("Kosovo", "Palestine"):
        for by in ("Russia", "Venezuela", "Syria"):
            assert ("recognizedBy", state, by) in found, (state, by)


def test_they_stands_for_the_actors_named_by_representatives_of(ex):
    # holdout A 05: 'representatives of A and B participated in a peace conference ... The conference
    # ended with the announcement ... that they had signed an 11-point peace agreement'
    text = ("Between May 31 and June 9, 2008, representatives of the Government of Mali and the National Movement "
            "for the Liberation of Azawad participated in a peace conference in Algiers. The conference ended with "
            "the announcement on June 9, 2008 that they had signed an 11-point peace agreement.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Government of Mali", "11-point peace agreement") in found
    assert ("partyTo", "National Movement for the Liberation of Azawad", "11-point peace agreement") in found


def test_they_after_a_plural_subject_that_names_no_actors_is_nobody(ex):
    text = ("Russia and Iran sent advisers to Damascus. The talks were long and the advisers left. "
            "They had signed the Astana Agreement.")
    found = ex.facts(ex.run(text))
    assert not {f for f in found if f[0] == "partyTo"}


def test_they_is_the_last_plural_phrase_not_the_mediators(ex):
    text = ("Russia and Turkey backed the rebels in Idlib. They attacked the town of Saraqib on Monday. Qatar and "
            "Egypt mediated talks between Israel and Hamas. They signed a ceasefire on Friday.")
    found = ex.facts(ex.run(text))
    assert not {f for f in found if f[0] == "attacked"}  # the rebels attacked, whoever they are
    assert {f[1] for f in found if f[0] == "partyTo"} == {"Israel", "Hamas"}


def test_the_two_regions_recognise_each_other(ex):
    # holdout A 07: 'The two regions recognise each other'; a counted head ('the two regions') is an
    # anaphor, the reciprocal object is each of the subjects
    text = "Kosovo and Palestine are disputed territories. The two regions recognise each other."
    found = ex.facts(ex.run(text))
    assert ("recognizedBy", "Kosovo", "Palestine") in found
    assert ("recognizedBy", "Palestine", "Kosovo") in found


def test_a_pronoun_signer_adds_no_state_outside_the_named_parties(ex):
    # devset 02 (public domain): 'A, U.S. President B, and C clasp hands ... after they signed the peace
    # treaty between Egypt and Israel': the treaty's parties are named, the United States is none
    text = ("Egyptian President Anwar Sadat, U.S. President Jimmy Carter, and Israeli Prime Minister Menachem "
            "Begin clasp hands on the north lawn of the White House after they signed the peace treaty between "
            "Egypt and Israel, March 26, 1979.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Egypt", "peace treaty between Egypt and Israel") in found
    assert not {f for f in found if f[0] == "partyTo" and f[1] == "United States"}


# -- a second, unnamed agreement ------------------------------------------------------------------

CHAPULTEPEC = ("Chapultepec Peace Accords\n\nThe Chapultepec Peace Accords were a set of peace agreements signed "
               "on January 16, 1992, the day in which the Salvadoran Civil War ended. The peace talks were "
               "mediated by Álvaro de Soto, the special representative of the UN Secretary-General.\n\n"
               "On December 31, 1991, the government and the FMLN initialed a preliminary peace agreement under "
               "the auspices of UN Secretary-General Javier Pérez de Cuéllar. The final agreement was signed in "
               "Mexico City on January 16, 1992, at Chapultepec Castle.")


def test_a_preliminary_agreement_initialed_earlier_is_another_agreement(ex):
    # holdout A 03 (verbatim, abridged)
    x = ex.run(CHAPULTEPEC)
    found = ex.facts(x)
    assert {"Chapultepec Peace Accords", "preliminary peace agreement"} <= agreements(x)
    assert ("brokered", "Javier Pérez de Cuéllar", "preliminary peace agreement") in found
    assert ("brokered", "Javier Pérez de Cuéllar", "Chapultepec Peace Accords") not in found
    assert ("brokered", "Álvaro de Soto", "Chapultepec Peace Accords") in found
    assert "final agreement" not in agreements(x)  # 'the final agreement' is the named one


def test_an_agreement_dated_apart_in_its_own_clause_is_another_agreement(ex):
    text = ("Doha Peace Agreement\n\nThe Doha Peace Agreement was signed on 8 August 2022 by Chad's transitional "
            "military government and more than 40 rebel groups. On 5 March 2021, the government and the "
            "rebels signed a peace agreement in Rome under the auspices of the Community of Sant'Egidio.")
    x = ex.run(text)
    assert len(agreements(x)) == 2
    found = ex.facts(x)
    assert not {f for f in found if f[0] == "brokered" and f[2] == "Doha Peace Agreement"}


# -- recognition by lists -----------------------------------------------------------------------

def test_recognised_as_states_by_a_list_but_not_a_negated_member(ex):
    # holdout A 07: 'They are both partially recognised as independent states by Russia, Venezuela,
    # Nicaragua, Nauru and Syria, while Vanuatu recognises only Abkhazia but not South Ossetia.'
    text = ("Kosovo and Palestine are disputed territories. They are both partially recognised as independent "
            "states by Russia, Venezuela, Nicaragua and Syria, while Vanuatu recognises only Kosovo but not "
            "Palestine.")
    found = ex.facts(ex.run(text))
    for state in ("Kosovo", "Palestine"):
        for by in ("Russia", "Venezuela", "Nicaragua", "Syria"):
            assert ("recognizedBy", state, by) in found, (state, by)
    assert ("recognizedBy", "Kosovo", "Vanuatu") in found
    assert ("recognizedBy", "Palestine", "Vanuatu") not in found


def test_recognised_by_a_list_but_not_by_another(ex):
    text = "Kosovo is recognised by Russia, Serbia and Brazil, but not by Spain. Taiwan is recognized by Paraguay."
    found = ex.facts(ex.run(text))
    assert {("recognizedBy", "Kosovo", s) for s in ("Russia", "Serbia", "Brazil")} <= found
    assert ("recognizedBy", "Kosovo", "Spain") not in found
    assert ("recognizedBy", "Taiwan", "Paraguay") in found


def test_a_negated_by_phrase_is_no_agent_and_the_complements_is(ex):
    text = ("Kosovo is recognised as a sovereign state by the United States, France and Germany, but not by "
            "Serbia, Spain or Russia.")
    found = ex.facts(ex.run(text))
    assert {("recognizedBy", "Kosovo", s) for s in ("United States", "France", "Germany")} <= found
    assert not {f for f in found if f[2] in ("Serbia", "Spain", "Russia")}


def test_recognised_the_independence_of_both_territories(ex):
    # holdout A 07: 'In May 2018, Syria recognised the independence of both breakaway territories.'
    text = ("Kosovo and Palestine are disputed territories. In May 2018, Syria recognised the independence of both "
            "breakaway territories.")
    found = ex.facts(ex.run(text))
    assert ("recognizedBy", "Kosovo", "Syria") in found
    assert ("recognizedBy", "Palestine", "Syria") in found



def test_a_states_recognition_of_x_unless_withdrawn(ex):
    # holdout A 07: "Russia's initial recognition of the independence of Abkhazia and South Ossetia occurred
    # ..."; 'Tuvalu withdrew its recognition of both in 2014' (no fact)
    text = ("Russia's initial recognition of the independence of Kosovo and Palestine occurred in 2008. Tuvalu "
            "withdrew its recognition of Kosovo in 2014.")
    found = ex.facts(ex.run(text))
    assert ("recognizedBy", "Kosovo", "Russia") in found
    assert ("recognizedBy", "Palestine", "Russia") in found
    assert ("recognizedBy", "Kosovo", "Tuvalu") not in found


# -- signing with the agreement elided ----------------------------------------------------------

DRC_RWANDA = ("The United States Hosts Signing of Declaration of Principles Between the Government of the "
              "Democratic Republic of the Congo and the Government of Rwanda\n\nWashington, DC — Today, "
              "Secretary of State Marco Rubio convened the Signing of a Declaration of Principles between the "
              "Government of the Democratic Republic of the Congo (DRC) and the Government of the Republic of "
              "Rwanda.\n\nAmbassador Troy Fitrell also joined Secretary Rubio on this occasion. Foreign Minister "
              "Olivier Nduhungirehe signed on behalf of the Government of Rwanda.")


def test_signed_on_behalf_of_with_no_object_signs_the_agreement_in_context(ex):
    # holdout A 06 (US government; sentences left out and reordered)
    x = ex.run(DRC_RWANDA)
    found = ex.facts(x)
    assert "Declaration of Principles" in agreements(x)  # the NER's 'Signing of a Declaration ...' (LOC)
    assert ("partyTo", "Olivier Nduhungirehe", "Declaration of Principles") in found
    assert ("partyTo", "Government of Rwanda", "Declaration of Principles") in found


def test_the_signing_of_x_between_a_and_b_names_its_parties(ex):
    # holdout A 06: the list ends at the sentence, not at the title of the next paragraph's first name
    found = ex.facts(ex.run(DRC_RWANDA))
    assert ("partyTo", "Government of DR Congo", "Declaration of Principles") in found
    assert not {f for f in found if f[0] == "partyTo" and f[1] in ("Troy Fitrell", "Marco Rubio")}


def test_a_signing_verb_with_its_own_object_takes_no_agreement_from_context(ex):
    text = ("Ethiopia and Eritrea signed the Algiers Agreement in December 2000. Later, the president signed a "
            "decree on behalf of the government of Ethiopia.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Government of Ethiopia", "Algiers Agreement") not in found


def test_the_document_was_initialed_by_a_and_b(ex):
    text = ("Armenia and Azerbaijan initialed a peace treaty at the White House on Friday. The document was "
            "initialed by Foreign Minister Ararat Mirzoyan and Foreign Minister Jeyhun Bayramov.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Ararat Mirzoyan", "peace treaty") in found
    assert ("partyTo", "Jeyhun Bayramov", "peace treaty") in found


def test_agreed_to_extend_a_ceasefire_is_a_party_to_it(ex):
    text = ("The Colombian government and the National Liberation Army (ELN) agreed on Thursday to extend a "
            "bilateral ceasefire by six months.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Government of Colombia", "bilateral ceasefire") in found
    assert ("partyTo", "National Liberation Army", "bilateral ceasefire") in found


def test_the_treaty_established_peace_between_a_and_b(ex):
    # holdout A 03: 'The treaty established peace between the Salvadoran government and the Farabundo
    # Martí National Liberation Front (FMLN).'
    text = ("The Chapultepec Peace Accords were signed on January 16, 1992. The treaty established peace between "
            "the government of El Salvador and the Farabundo Martí National Liberation Front (FMLN).")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Government of El Salvador", "Chapultepec Peace Accords") in found
    assert ("partyTo", "Farabundo Martí National Liberation Front", "Chapultepec Peace Accords") in found


# -- attacks and conflicts stated through descriptions --------------------------------------------

def test_a_border_war_fought_by_the_two_countries(ex):
    # holdout A 04 (verbatim)
    text = ("The Algiers Agreement was a peace agreement between the governments of Eritrea and Ethiopia that was "
            "signed on 12 December 2000, at Algiers, Algeria, to formally end the Eritrean–Ethiopian War, a border "
            "war fought by the two countries from 1998 to 2000.")
    assert ("opposes", "Eritrea", "Ethiopia") in ex.facts(ex.run(text))


def test_its_war_with_y(ex):
    # holdout A 07: 'Abkhazia declared its independence after its war with Georgia in 1992–1993.'
    found = ex.facts(ex.run("Kosovo declared its independence after its war with Serbia in 1998–1999."))
    assert ("opposes", "Kosovo", "Serbia") in found


def test_its_is_the_last_subject_or_possessor(ex):
    found = ex.facts(ex.run("The US condemned Russia's invasion of Ukraine and its attacks on Kyiv."))
    assert ("attacked", "Russia", "Kyiv") in found
    assert ("attacked", "Ukraine", "Kyiv") not in found


def test_its_armed_wing_x_is_part_of_the_group(ex):
    # holdout A 01 (verbatim, with the group named before)
    text = ("The Moro Islamic Liberation Front (MILF) signed the agreement in Manila. The MILF agreed to decommission "
            "its armed wing, the Bangsamoro Islamic Armed Forces (BIAF).")
    found = ex.facts(ex.run(text))
    assert ("partOf", "Bangsamoro Islamic Armed Forces", "Moro Islamic Liberation Front") in found


def test_troops_protecting_x_support_it(ex):
    # holdout A 05 (verbatim but for the acronym written out)
    text = ("The peace agreement called for a 90-day ceasefire and set a withdrawal timetable for the Ethiopian "
            "troops protecting the Transitional Federal Government.")
    assert ("supports", "Ethiopia", "Transitional Federal Government") in ex.facts(ex.run(text))


BAMAKO = ("On 17 September 2024, gunmen from a cell of Jama'at Nasr al-Islam wal-Muslimin (JNIM) attacked several "
          "locations across Bamako, the capital of Mali, including Malian Army and Wagner Group bases and Modibo "
          "Keita International Airport.")


def test_gunmen_from_a_cell_of_x_attacked_several_locations_across_p_including_a(ex):
    # holdout A 08 (verbatim)
    found = ex.facts(ex.run(BAMAKO))
    targets = {o for p, s, o in found if p == "attacked" and ("JNIM" in s or "Nasr" in s)}
    assert {"Bamako", "Modibo Keita International Airport"} <= targets
    assert "Mali" not in targets  # 'the capital of Mali' places Bamako


def test_fighters_from_a_state_are_not_the_state(ex):
    text = "Militants from Syria attacked several villages across Hatay, including Reyhanli."
    found = ex.facts(ex.run(text))
    assert not {f for f in found if f[0] == "attacked" and f[1] == "Syria"}


def test_several_targets_across_p_including_the_towns_of_a_and_qualified_targets(ex):
    text = ("Israeli warplanes struck several targets across southern Lebanon, including the towns of Khiam and "
            "Marjayoun, the Israeli military said. Israel struck Hamas targets in Gaza.")
    found = ex.facts(ex.run(text))
    assert {("attacked", "Israel", o) for o in ("southern Lebanon", "Khiam", "Hamas")} <= found  # the region


def test_exchanged_fire_and_its_fighters(ex):
    text = ("Israel and Hezbollah exchanged fire on Tuesday. Hezbollah said its fighters had attacked the town "
            "of Metula.")
    found = ex.facts(ex.run(text))
    assert ("opposes", "Israel", "Hezbollah") in found or ("opposes", "Hezbollah", "Israel") in found
    assert ("attacked", "Hezbollah", "Metula") in found


def test_infobox_combatant_rows_oppose_each_other(ex):
    # holdout A 08: '- Combatant1: Mali, Wagner Group' / '- Combatant2: ...' / '- Commander1: ...'
    text = ("2022 Menaka offensive\n\n- Conflict: 2022 Menaka offensive\n- Combatant1: Mali, Wagner Group\n"
            "- Combatant2: Islamic State\n- Commander1: Assimi Goita\n\nThe offensive began in March 2022.")
    found = ex.facts(ex.run(text))
    assert ("opposes", "Mali", "Islamic State") in found
    assert ("opposes", "Wagner Group", "Islamic State") in found
    assert ("opposes", "Mali", "Wagner Group") not in found


# -- which agreement ------------------------------------------------------------------------------

DJIBOUTI = ("Djibouti Agreement\n\nBetween May 31 and June 9, 2008, representatives of Somalia's Transitional "
            "Federal Government and the ARS participated in a peace conference in Djibouti mediated by the United "
            "Nations Special Envoy to Somalia, Ahmedou Ould-Abdallah. The conference ended with the announcement on "
            "June 9, 2008 that they had signed an 11-point peace agreement paving the way for \"the cessation of all "
            "armed confrontation\" across Somalia.")


def test_a_name_only_the_title_gives_names_the_agreement_of_the_body(ex):
    # holdout A 05 (verbatim): the mediator of the conference brokered it; 'they' are the representatives
    x = ex.run(DJIBOUTI)
    found = ex.facts(x)
    assert agreements(x) == {"Djibouti Agreement"}
    assert ("brokered", "Ahmedou Ould-Abdallah", "Djibouti Agreement") in found
    assert ("partyTo", "Transitional Federal Government", "Djibouti Agreement") in found


def test_an_agreement_dated_to_the_day_is_not_the_one_dated_to_the_year(ex):
    # holdout A 04 (verbatim, abridged): the agreement 'signed on 18 June 2000' is the Agreement on Cessation
    # of Hostilities, not the Algiers Agreement (2000)
    text = ("Algiers Agreement (2000)\n\nThe Algiers Agreement was a peace agreement between the governments of "
            "Eritrea and Ethiopia that was signed on 12 December 2000, at Algiers, Algeria. In the agreement, the two "
            "parties reaffirmed the Agreement on Cessation of Hostilities, which had been signed on 18 June 2000.\n\n"
            "- Respect and implement fully the provisions of an agreement on cessation of hostilities signed on 18 "
            "June 2000.")
    assert {"Algiers Agreement", "Agreement on Cessation of Hostilities"} <= agreements(ex.run(text))


def test_a_bare_title_is_the_official_with_that_very_title(ex):
    # holdout A 10 (White House, verbatim): 'The Vice President' is Vice President Biden, not President Obama
    text = ("Yesterday, Vice President Biden met with President Bachelet to discuss a number of bilateral issues. "
            "The Vice President told President Bachelet that President Obama and he look to her as a key regional "
            "and global leader and a crucial partner.\n\nThe Vice President also met yesterday with former "
            "President Sebastián Piñera of Chile to discuss a full range of bilateral, regional, and global issues.")
    found = ex.facts(ex.run(text))
    assert ("met", "Biden", "Sebastián Piñera") in found
    assert not {f for f in found if f[0] == "met" and "Obama" in f[1]}
