"""Round 19, developed on hold-out Q after its blind measurement (and on P's last sentences), and
round 20, developed on hold-out R after its blind measurement (the last four tests). Each
test is built from a hold-out sentence (VOA reports, public domain, or Wikipedia, CC BY-SA: see
tests/data/holdout-{p,q,r}/texts/SOURCES.md), fails on the
code before its fix, and has a guard that the fix must not break."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_shaking_hands_is_meeting(ex):
    # hold-out Q 02 (VOA): a caption, 'A, left, shakes hands with B'
    x = ex.run("U.S. Secretary of State John Kerry, left, shakes hands with Russian Foreign Minister Sergey Lavrov "
               "at a bilateral meeting to discuss the ongoing situation in Ukraine, April 17, 2014.")
    assert ("met", "John Kerry", "Sergey Lavrov") in ex.facts(x)
    # hold-out P 07 (VOA): 'A and B ... shook hands'; 'Mister' is an honorific, no part of the name
    x = ex.run("Ariel Sharon and Mahmoud Abbas met in Egypt. Mister Sharon and Mister Abbas smiled as they leaned "
               "across a table to shake hands at the meeting in Sharm el-Sheik.")
    assert ("met", "Ariel Sharon", "Mahmoud Abbas") in ex.facts(x)
    assert not [e for e in x.entities if e.label.startswith("Mister")]
    # shaking something else is no meeting
    x = ex.run("The earthquake shook Kabul and Islamabad.")
    assert not [f for f in ex.facts(x) if f[0] == "met"]


def test_signing_a_phase_of_an_agreement_is_signing_the_agreement(ex):
    # hold-out Q 07 (Wikipedia, San Andrés Accords)
    x = ex.run("On February 16, 1996, the Zapatista National Liberation Army (EZLN) created and signed the first "
               "phase of the San Andres Accords.")
    assert any(p == "partyTo" and o == "San Andres Accords" for p, s, o in ex.facts(x))
    # a phase of something else is no agreement
    x = ex.run("The EZLN signed the first phase of the disarmament plan.")
    assert not [f for f in ex.facts(x) if f[0] == "partyTo"]


def test_bare_plural_agreements_the_text_equates_or_gives_parties_are_agreements(ex):
    # hold-out Q 07 (Wikipedia): 'X are agreements reached between A and B' (round 18's bare-plural
    # rule dropped them: the fact Q lost in its blind measurement)
    x = ex.run("The San Andrés Accords are agreements reached between the Zapatista Army of National Liberation "
               "and the Mexican government, at that time headed by President Ernesto Zedillo.")
    assert {("partyTo", "Zapatista Army of National Liberation", "San Andrés Accords"),
            ("partyTo", "Government of Mexico", "San Andrés Accords")} <= ex.facts(x)
    # the vague bare plural stays no agreement
    x = ex.run("Information ministry adviser Atti notes that his government has already signed agreements with "
               "rebel groups in southern Sudan and Darfur.")
    assert not [e for e in x.entities if e.kind == "Agreement"]


def test_a_government_headed_by_an_official_in_a_clause_after_a_comma(ex):
    x = ex.run("The accords were reached with the Mexican government, headed by President Ernesto Zedillo.")
    assert ("leads", "Ernesto Zedillo", "Government of Mexico") in ex.facts(x)
    # the clause's own subject, not the actor before the comma, when the verb is another's
    x = ex.run("The talks, headed by Ernesto Zedillo, failed.")
    assert not [f for f in ex.facts(x) if f[0] == "leads"]


def test_pro_state_fighters_are_not_the_state(ex):
    # hold-out Q 02 (VOA): 'pro-Russian militants occupying buildings in eastern Ukraine' is no control by Russia
    x = ex.run("Kerry said the measures include disarming pro-Russian militants occupying buildings in eastern "
               "Ukraine.")
    assert not [f for f in ex.facts(x) if f[1] == "Russia"]
    # a state's own fighters still act for it
    assert ("controls", "Russia", "Simferopol") in ex.facts(ex.run("Russian militants occupied Simferopol."))


def test_a_sentence_opening_participle_is_no_part_of_the_name_after_it(ex):
    # hold-out R 04 (VOA): the NER's 'New Zealand' ran on back into 'Neighboring'
    x = ex.run("Neighboring New Zealand cut defense ties with the Fijian military Tuesday.")
    assert ("State", "New Zealand") in {(e.kind, e.label) for e in x.entities}
    assert "Q664" in {e.qid for e in x.entities}
    # a longer proper name that opens a sentence still runs on ('United Nations Security Council')
    x = ex.run("United Nations Security Council members met in New York.")
    assert "United Nations Security Council" in {e.label for e in x.entities}


def test_the_democratic_republic_of_congo_without_its_article_is_linked(ex):
    # hold-out R 02 (VOA): a spelling the gazetteer row lacks (data/aliases.csv adds it to Q974)
    x = ex.run("Troops took over operations in Bunia, in the northeast of the Democratic Republic of Congo.")
    assert "Q974" in {e.qid for e in x.entities}


def test_receiving_support_from_an_actor(ex):
    # hold-out R 08 (Wikipedia, 1976 Tripoli Agreement)
    x = ex.run("With the Moro National Liberation Front receiving support from Malaysia and Libya, Marcos offered "
               "Gaddafi an oil deal.")
    facts = ex.facts(x)
    assert {("supports", "Malaysia", "Moro National Liberation Front"),
            ("supports", "Libya", "Moro National Liberation Front")} <= facts
    # receiving a delegation is no support
    x = ex.run("Russia received a delegation from Turkey.")
    assert not [f for f in ex.facts(x) if f[0] == "supports"]


def test_an_x_backed_description_known_as_a_name(ex):
    # hold-out R 06 (VOA): 'the Iran-backed Shi'ite rebels known as the Houthis'
    x = ex.run("Gunbattles erupted in Sana'a as an alliance between the Iran-backed Shi'ite rebels known as the "
               "Houthis and former president Ali Abdullah Saleh appeared to have fallen apart.")
    assert ("supports", "Iran", "Houthis") in ex.facts(x)
    # an X-backed description of no one named backs no one
    x = ex.run("The Iran-backed rebels fired missiles at Riyadh.")
    assert not [f for f in ex.facts(x) if f[0] == "supports"]


def test_a_participle_with_its_own_object_after_a_root_noun_is_the_clause_verb(ex):
    # the parse of 'The Saudi-led coalition bombed Sanaa' (hold-out R 06's coalition): the noun is the
    # root and 'bombed' its participle; a participle with a direct object is active, the noun its subject
    x = ex.run("The Saudi-led coalition bombed Sanaa on Monday.")
    assert ("attacked", "Saudi-led coalition", "Sanaa") in ex.facts(x)
    # a passive participle (no object) says nothing of the noun's acts
    x = ex.run("The Saudi-led coalition, accused by rights groups, met in Riyadh.")
    assert not [f for f in ex.facts(x) if f[0] == "attacked"]


def test_the_mediators_of_an_agreement_included_these_actors(ex):
    # hold-out R 08 (Wikipedia, 1976 Tripoli Agreement): 'Facilitators of the agreement included X'
    x = ex.run("The 1976 Tripoli Agreement was signed in Tripoli. Facilitators of the agreement included members "
               "of the Quadripartite Ministerial Commission of the Organization of Islamic Conference, headed by "
               "Libyan diplomat Ali Treki.")
    assert any(p == "brokered" and s == "Quadripartite Ministerial Commission" for p, s, o in ex.facts(x))
    # critics of a deal broker nothing
    x = ex.run("The deal was signed in Doha. Critics of the deal included Qatar.")
    assert not [f for f in ex.facts(x) if f[0] == "brokered"]
