"""Regression tests for the mechanisms developed on hold-out G (round 8 of tests/data/HOLDOUTS.md:
VOA reports and editorials, two Wikipedia articles). Sentences quoted from hold-out G are US
government works (public domain) or Wikipedia (CC BY-SA); the others are the project's own
sentences of the same construction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_title_with_a_remit_before_the_name(ex):
    # hold-out G 07 (VOA editorial)
    x = ex.run("Also participating were Assistant Secretary of State Robert Blake and U.S. Ambassador to Kyrgyzstan "
               "Tatiana Gfoeller.")
    assert ("holdsPost", "Tatiana Gfoeller", "United States") in ex.facts(x)


def test_a_counterparts_state_gives_the_title_its_actor(ex):
    # hold-out G 06 (VOA)
    x = ex.run("Secretary of State Colin Powell telephoned his Uzbek counterpart, Foreign Minister Sadyk Safayev, "
               "on Tuesday.")
    assert ("holdsPost", "Sadyk Safayev", "Uzbekistan") in ex.facts(x)


ZURICH = ("On 10 October 2009, the foreign ministers, Ahmet Davutoğlu for Turkey and Eduard Nalbandyan for Armenia, "
          "signed in Zurich the two protocols in a ceremony attended also by then U.S. Secretary of State Hillary "
          "Clinton, EU High Representative for Common Foreign and Security Policy Javier Solana, French Minister of "
          "Foreign Affairs Bernard Kouchner and Foreign Minister of Russia Sergey Lavrov.")


def test_titles_in_a_list_of_titled_names(ex):
    # hold-out G 12 (Wikipedia)
    x = ex.run(ZURICH)
    facts = ex.facts(x)
    assert ("holdsPost", "Ahmet Davutoğlu", "Turkey") in facts  # 'the foreign ministers, A for X and B for Y'
    assert ("holdsPost", "Eduard Nalbandyan", "Armenia") in facts
    assert ("holdsPost", "Javier Solana", "European Union") in facts  # not 'Policy Javier Solana'
    assert ("holdsPost", "Sergey Lavrov", "Russia") in facts  # not an organisation 'Russia Sergey Lavrov'
    assert not any(f.predicate == "holdsPost" and f.subject.label == "Hillary Clinton"
                   and f.object.post_in.label == "European Union" for f in x.facts)  # the next name's title
    roles = {f.object.role_title for f in x.facts if f.predicate == "holdsPost"}
    assert not any(r.startswith("On") for r in roles)  # the fronted date is no part of the title


def test_the_head_of_a_countrys_group_is_no_post_of_the_country(ex):
    # hold-out G 04 (VOA)
    x = ex.run("Burundi's President Pierre Buyoya and the head of the country's largest Hutu rebel group, Pierre "
               "Nkurunziza, signed the cease-fire deal.")
    facts = ex.facts(x)
    assert ("holdsPost", "Pierre Buyoya", "Burundi") in facts
    assert ("holdsPost", "Pierre Nkurunziza", "Burundi") not in facts


def test_a_purpose_participle_describes_the_agreement(ex):
    # hold-out G 04
    x = ex.run("U.S. welcomes Burundi truce\n\nThe United States has welcomed the signing of a cease-fire aimed at "
               "ending Burundi's nine-year-old civil conflict.")
    assert any(f.predicate == "endorses" and f.object.label.startswith("cease-fire aimed at ending")
               for f in x.facts)


def test_a_capital_before_government_is_the_states_government(ex):
    x = ex.run("The Tashkent government and the Khartoum regime protested. Rebels attacked Tbilisi.")
    governments = {e.label: e.aliases for e in x.entities if e.kind == "Government"}
    assert "Tashkent government" in governments["Government of Uzbekistan"]
    assert "Khartoum regime" in governments["Government of Sudan"]
    assert any(e.label == "Tbilisi" and e.kind == "Place" for e in x.entities)


def test_a_groups_stronghold_is_a_place_it_controls(ex):
    facts = ex.facts(ex.run("The army besieged al-Shabaab's stronghold of Jilib."))
    assert ("controls", "Al-Shabab", "Jilib") in facts
    assert ("controls", "Taliban", "Kandahar") in ex.facts(ex.run("Troops advanced on the Taliban's last stronghold, "
                                                                  "Kandahar."))


def test_the_taleban_spelling(ex):
    # hold-out G 01 (VOA spells it so)
    x = ex.run("Hamid Karzai is currently battling the Taleban for control of Kandahar.")
    assert ("opposes", "Hamid Karzai", "Taliban") in ex.facts(x)


def test_giving_the_use_of_an_air_base_supports(ex):
    # hold-out G 06
    x = ex.run("Uzbekistan gave U.S. forces the use of its main air base in the war in Afghanistan.")
    assert any(f.predicate == "supports" and f.subject.label == "Uzbekistan" for f in x.facts)


def test_a_possessive_states_army_chief_leads_its_army(ex):
    x = ex.run("Pakistan's army chief, General Asim Munir, met the president.")
    assert ("leads", "Asim Munir", "Pakistan's army") in ex.facts(x)


def test_a_signatory_line_names_persons(ex):
    # hold-out G 11 (Wikipedia infobox lines): the NER typed the first name a place
    x = ex.run("Kumanovo Agreement\n\n- Signatories: Nebojša Pavković, Mike Jackson\n"
               "- Location Signed: Kumanovo, Macedonia")
    facts = ex.facts(x)
    assert ("partyTo", "Nebojša Pavković", "Kumanovo Agreement") in facts
    assert ("partyTo", "Mike Jackson", "Kumanovo Agreement") in facts
    assert not any(e.label == "Kumanovo" and e.kind == "Official" for e in x.entities)


def test_a_persons_administration_keeps_its_possessive_wording(ex):
    # hold-out G 05 (VOA)
    x = ex.run("The United States has strongly supported Mr. Saakashvili's administration and Georgia's territorial "
               "integrity.")
    gov = next(e for e in x.entities if e.kind == "Government")
    assert gov.label == "Saakashvili administration" and "Mr. Saakashvili's administration" in gov.aliases
    assert ("supports", "United States", "Saakashvili administration") in ex.facts(x)


def test_the_governments_of_states_are_the_states_as_parties(ex):
    # hold-out G 11 (Wikipedia): the NER: ORG 'Governments of the Federal Republic of Yugoslavia'
    x = ex.run("The agreement was signed between the International Security Force (KFOR) and the Governments of the "
               "Federal Republic of Yugoslavia and the Republic of Serbia.")
    parties = {f.subject.label for f in x.facts if f.predicate == "partyTo"}
    assert {"Federal Republic of Yugoslavia", "Serbia"} <= parties
    assert not any(e.label.startswith("Governments") for e in x.entities)


def test_a_title_phrase_the_name_hangs_on(ex):
    # hold-out G 10 (VOA): the parser hung the name on 'chief' as its apposition
    x = ex.run("The chief of operations for the Philippine Southern Command, Colonel Roland Detabali, told VOA that "
               "the six captives are members of the sect.")
    assert ("holdsPost", "Roland Detabali", "Philippine Southern Command") in ex.facts(x)


def test_the_toppled_leader_holds_no_post(ex):
    # hold-out G 05 (VOA)
    x = ex.run("The Georgian president has vowed to reunify the country since leading the so-called rose revolution "
               "that toppled the country's long-time leader, Eduard Shevardnadze.")
    assert not any(f.predicate == "holdsPost" and f.subject.label == "Eduard Shevardnadze" for f in x.facts)


def test_peoples_by_plural_demonym_had_meetings(ex):
    # hold-out G 05 (VOA): 'Georgians' is in no demonym row; 'have had meetings' is talks held
    x = ex.run("The Georgians and the Russians have had meetings and discussions about it.")
    assert ("met", "Georgia", "Russia") in ex.facts(x) or ("met", "Russia", "Georgia") in ex.facts(x)
