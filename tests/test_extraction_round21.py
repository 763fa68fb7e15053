"""Round 21, developed on hold-out S after its blind measurement. Each test is built from a
hold-out sentence (VOA reports and US government releases, public domain, or Wikipedia, CC BY-SA:
see tests/data/holdout-s/texts/SOURCES.md; one from hold-out I and one from hold-out E, named),
fails on the code before round 21, and has a guard that the fix must not break."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

SULLIVAN = ("National Security Advisor Jake Sullivan, Special Presidential Advisor Christopher Dodd, Deputy National "
            "Security Advisor to the Vice President Dr. Rebecca Lissner, and National Security Council Senior "
            "Director for the Western Hemisphere Juan Gonzalez met today at the White House with Guatemalan "
            "President-elect Bernardo Arévalo.")


def test_coordinated_subjects_meeting_a_guest_at_a_venue_each_meet_the_guest(ex):
    # hold-out S 05 (White House): the parser hung 'with E' on 'the White House', and the subjects were
    # paired with each other instead
    facts = ex.facts(ex.run(SULLIVAN))
    assert {("met", "Jake Sullivan", "Bernardo Arévalo"), ("met", "Christopher Dodd", "Bernardo Arévalo"),
            ("met", "Rebecca Lissner", "Bernardo Arévalo")} <= facts
    assert not {f for f in facts if f[0] == "met" and "Bernardo Arévalo" not in f}
    # with no guest, coordinated subjects still meet one another
    facts = ex.facts(ex.run("Vladimir Putin and Recep Tayyip Erdogan met today at the Kremlin."))
    assert [f for f in facts if f[0] == "met" and "Vladimir Putin" in f]


def test_meeting_jointly_with_two_is_a_meeting_of_the_two(ex):
    # hold-out S 06 (State Department)
    facts = ex.facts(ex.run("Secretary of State Antony J. Blinken met jointly with Azerbaijani President Ilham "
                            "Aliyev and Armenian Prime Minister Nikol Pashinyan today in Munich."))
    assert ("met", "Ilham Aliyev", "Nikol Pashinyan") in facts
    # separately, they did not meet each other
    facts = ex.facts(ex.run("Secretary of State Antony J. Blinken met separately with Azerbaijani President Ilham "
                            "Aliyev and Armenian Prime Minister Nikol Pashinyan today in Munich."))
    assert ("met", "Ilham Aliyev", "Nikol Pashinyan") not in facts


def test_the_named_members_of_a_delegation_met(ex):
    # hold-out S 07 (State Department): 'with A and an interagency delegation that included B, C, and D'
    x = ex.run("Deputy Secretary of State Wendy Sherman met today in Tashkent with Uzbekistan Foreign Minister "
               "Abdulaziz Kamilov and an interagency delegation that included National Security Advisor Viktor "
               "Makhmudov, Minister of Justice Ruslanbek Davlatov, and Special Representative of the President of "
               "Uzbekistan for Afghanistan Ismatullah Irgashev.")
    facts = ex.facts(x)
    assert {("met", "Wendy Sherman", who) for who in ("Abdulaziz Kamilov", "Viktor Makhmudov", "Ruslanbek Davlatov",
                                                        "Ismatullah Irgashev")} <= facts
    # a delegation no one met is only a delegation
    x = ex.run("Abdulaziz Kamilov led a delegation that included Viktor Makhmudov.")
    assert not [f for f in ex.facts(x) if f[0] == "met"]


def test_a_title_after_a_body_ends_the_body_name(ex):
    # hold-out S 05: 'National Security Council Senior Director ... Juan Gonzalez' was one organisation
    x = ex.run("National Security Council Senior Director Juan Gonzalez met Bernardo Arévalo.")
    assert ("holdsPost", "Juan Gonzalez", "National Security Council") in ex.facts(x)
    assert not [e for e in x.entities if "Director" in e.label and e.kind != "Post"]
    x = ex.run(SULLIVAN)
    assert ("Organization", "National Security Council") in ex.kinds(x)
    assert not [e for e in x.entities if "Juan Gonzalez" in e.label and e.kind == "Organization"]
    # a body's name running on through its own words is still one name
    x = ex.run("The United Nations Mission in South Sudan said the town was calm.")
    assert "United Nations Mission in South Sudan" in {e.label for e in x.entities}


def test_title_words_the_ner_took_for_an_organisation(ex):
    # hold-out S 05: 'National Security' + 'Advisor Sullivan', 'Deputy National Security Advisor' + 'to the Vice
    # President Dr. Rebecca Lissner'
    x = ex.run("National Security Advisor Sullivan and Special Presidential Advisor Dodd expressed the U.S. "
               "Government's support for President-elect Arévalo.")
    assert not [e for e in x.entities if e.kind == "Organization" and "Security" in e.label]
    x = ex.run("Deputy National Security Advisor to the Vice President Dr. Rebecca Lissner met Bernardo Arévalo.")
    assert not [e for e in x.entities if e.kind == "Organization"]
    assert ("met", "Rebecca Lissner", "Bernardo Arévalo") in ex.facts(x)
    # a body's name is still a body
    x = ex.run("The National Security Council met on Tuesday.")
    assert ("Organization", "National Security Council") in ex.kinds(x)


def test_a_one_word_demonym_tagged_as_an_organisation_is_its_state(ex):
    # hold-out S 05: 'Guatemalan President-elect Bernardo Arévalo' (the NER: ORG 'Guatemalan')
    x = ex.run(SULLIVAN)
    assert ("State", "Guatemala") in ex.kinds(x)
    assert not [e for e in x.entities if e.label == "Guatemalan"]
    # an organisation's one-word name that is no demonym stays an organisation
    x = ex.run("Hamas said the truce held.")
    assert "Hamas" in {e.label for e in x.entities}


def test_a_surname_after_a_title_tagged_as_a_place(ex):
    # hold-out S 03 (White House): the NER's GPE 'Vučić' after 'President'; each title takes its own 'of X'
    x = ex.run("It has taken tremendous bravery by President Vučić of Serbia and Prime Minister Hoti of Kosovo to "
               "embark on these talks.")
    facts = ex.facts(x)
    assert {("holdsPost", "Vučić", "Serbia"), ("holdsPost", "Hoti", "Kosovo")} <= facts
    assert ("holdsPost", "Hoti", "Serbia") not in facts
    # hold-out E 07 (Defense): a body's one-word name after a title is no person
    x = ex.run("Deputy Pentagon Press Secretary Ms. Sabrina Singh provided the following readout:")
    assert not [e for e in x.entities if e.label == "Pentagon" and e.kind == "Official"]


def test_a_states_body_before_a_title_is_whose_post_it_is(ex):
    # hold-out I 07 (VOA): 'Thai National Security Council Secretary General X' (the NER: ORG 'Thai National'
    # and ORG 'Security Council')
    x = ex.run("The talks were agreed to in Kuala Lumpur by Thai National Security Council Secretary General "
               "Paradon Pattanathabutr and Hassan Taib.")
    assert ("holdsPost", "Paradon Pattanathabutr", "National Security Council") in ex.facts(x)
    assert "Thai National" not in {e.label for e in x.entities}
    # a state's ministry, named with the demonym, keeps its own name
    x = ex.run("Russian Foreign Ministry spokeswoman Maria Zakharova said the talks would resume.")
    assert ("holdsPost", "Maria Zakharova", "Russian Foreign Ministry") in ex.facts(x)


def test_an_institution_named_like_a_venue_acts(ex):
    # hold-out S 01 (VOA): 'the director of the Henry Dunant Centre, Martin Griffiths' ('Centre' read as a building)
    x = ex.run("Just after the documents were signed, the director of the Henry Dunant Centre, Martin Griffiths, "
               "congratulated the two sides.")
    assert ("holdsPost", "Martin Griffiths", "Henry Dunant Centre") in ex.facts(x)
    assert ("Organization", "Henry Dunant Centre") in ex.kinds(x)
    # a convention centre is a venue
    x = ex.run("The leaders met at the Birendra International Convention Center in Kathmandu.")
    assert ("Place", "Birendra International Convention Center") in ex.kinds(x)


def test_the_movement_is_the_articles_one_movement(ex):
    # hold-out S 01 (VOA): "the Movement's Prime Minister Malik Mahmood"
    x = ex.run("The rebel Free Aceh Movement signed the accord in Geneva. But the Movement's Prime Minister Malik "
               "Mahmood said there are mechanisms in the peace agreement for resolving the problem.")
    assert ("holdsPost", "Malik Mahmood", "Free Aceh Movement") in ex.facts(x)
    # with two movements named, 'the Movement' is neither
    x = ex.run("The Free Aceh Movement and the Free Papua Movement met in Geneva. But the Movement's Prime Minister "
               "Malik Mahmood said the talks failed.")
    assert ("holdsPost", "Malik Mahmood", "Free Aceh Movement") not in ex.facts(x)


INFOBOX = ("1991 Paris Peace Agreements\n\nParis Peace Agreements\nTypePeace treaty\n"
           "SignatoriesJean-Bernard Mérimée (Permanent Representative of France to the United Nations)\n"
           "Nugroho Wisnumurti (Deputy Permanent Representative of Indonesia to the United Nations. )\n"
           "Parties Australia\n People's Republic of China\n Soviet Union\n United Kingdom\n United States\n\n"
           "The Paris Peace Agreements were signed in Paris.\n")


def test_infobox_rows_without_a_colon_and_the_lines_they_run_on_over(ex):
    # hold-out S 09 (Wikipedia, Paris Peace Agreements): 'Parties Australia' and one party per line after it
    x = ex.run(INFOBOX)
    parties = {s for p, s, o in ex.facts(x) if p == "partyTo" and o == "Paris Peace Agreements"}
    assert {"Australia", "Soviet Union", "United Kingdom", "United States", "Jean-Bernard Mérimée",
            "Nugroho Wisnumurti"} <= parties
    assert any("China" in s for s in parties)
    # a signatory's bracketed post names no signatory
    assert "United Nations" not in parties
    # a sentence after a row is no part of it
    x = ex.run("Treaty of Canberra\n\nParties Australia\n Japan protested against the treaty.\n")
    assert ("partyTo", "Australia", "Treaty of Canberra") in ex.facts(x)
    assert not [f for f in ex.facts(x) if f[0] == "partyTo" and f[1] == "Japan"]


def test_a_hyphenated_given_name_the_ner_cut(ex):
    # hold-out S 09: 'SignatoriesJean-Bernard Mérimée' (the NER: 'Bernard Mérimée')
    x = ex.run(INFOBOX)
    assert ("holdsPost", "Jean-Bernard Mérimée", "France") in ex.facts(x)
    assert "Bernard Mérimée" not in {e.label for e in x.entities}
    # a state's name hyphenated to a person's is no part of it
    x = ex.run("Iraq-Nouri al-Maliki talks began in Baghdad.")
    assert not [e for e in x.entities if e.label.startswith("Iraq-")]


def test_states_of_the_past_are_states(ex):
    # hold-out S 09: ' Soviet Union' on a line of its own was read as an organisation
    assert ("State", "Soviet Union") in ex.kinds(ex.run(INFOBOX))
    x = ex.run("Yugoslavia and Czechoslovakia signed the treaty with East Germany.")
    assert {("State", "Yugoslavia"), ("State", "Czechoslovakia"), ("State", "East Germany")} <= ex.kinds(x)
    # a union of today is no state
    x = ex.run("The African Union welcomed the agreement.")
    assert ("Organization", "African Union") in ex.kinds(x)


def test_a_capitalised_act_of_a_name_that_states_sign_is_an_agreement(ex):
    # hold-out S 08 (Wikipedia, papal mediation in the Beagle conflict)
    x = ex.run("On 9 January 1979, Chile and Argentina signed the Act of Montevideo formally requesting mediation "
               "by the Vatican and renouncing the use of force.")
    assert {("partyTo", "Chile", "Act of Montevideo"), ("partyTo", "Argentina", "Act of Montevideo")} <= ex.facts(x)
    # an act signed into law is legislation
    x = ex.run("The president signed the Act of Congress into law.")
    assert not [e for e in x.entities if e.kind == "Agreement"]


OAKWOOD = ("Oakwood mutiny\n\n- Conflict: Oakwood mutiny\n- Combatant2: Magdalo Group\n"
           "- Combatant1: Government of the Philippines\n"
           "- Commander2: Gerardo Gambala, Antonio Trillanes IV, Nicanor Faeldon\n\n"
           "On July 27, 2003, the mutiny was led by Army Capt. Gerardo Gambala and Navy Lt. Senior Grade Antonio "
           "Trillanes IV against the Arroyo administration.\n")


def test_infobox_commanders_lead_their_side(ex):
    # hold-out S 10 (Wikipedia, Oakwood mutiny): 'Nicanor Faeldon' only in the row, which the NER read in part
    x = ex.run(OAKWOOD)
    assert ("leads", "Nicanor Faeldon", "Magdalo Group") in ex.facts(x)
    assert ("leads", "Gerardo Gambala", "Magdalo Group") in ex.facts(x)
    # a side of several actors: the row does not say whose commander is whose
    x = ex.run("Bamako attacks\n\n- Combatant1: Mali, Wagner Group\n- Combatant2: Jama'at Nasr al-Islam wal "
               "Muslimin\n- Commander1: Oumar Diarra\n")
    assert not [f for f in ex.facts(x) if f[0] == "leads" and f[2] == "Wagner Group"]


def test_a_naval_rank_grade_is_no_part_of_the_name(ex):
    # hold-out S 10: 'Navy Lt. Senior Grade Antonio Trillanes IV'
    labels = {e.label for e in ex.run(OAKWOOD).entities}
    assert "Antonio Trillanes IV" in labels
    assert not [label for label in labels if label.startswith("Grade")]
