"""Round 18, developed on hold-out P (measured blind first; hold-out Q stayed blind for the
round). Each test is built from a hold-out sentence (VOA reports, public domain, or Wikipedia,
CC BY-SA: see tests/data/holdout-p/texts/SOURCES.md), fails on the code before its fix, and has a
guard that the fix must not break."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_the_recipient_of_support_may_hang_on_the_thing_given(ex):
    # hold-out P 02 (VOA): 'pouring ... support to X' (the parse hangs 'to X' on the noun)
    x = ex.run("Ethiopia, which views the Islamists as a threat to its national security, has been pouring "
               "political and military support to the interim government.")
    assert ("supports", "Ethiopia", "interim government") in ex.facts(x)
    # support given to nobody the text names is no fact; a place that receives troops is no actor backed
    for text in ("Ethiopia has been providing military support for months.",
                 "The United States sent troops to the Sahel region."):
        assert not [f for f in ex.facts(ex.run(text)) if f[0] == "supports"]


def test_a_people_name_before_a_fighter_noun_names_an_armed_group(ex):
    # hold-out P 06 (VOA), hold-out O 01 (VOA): the NER reads 'Tuareg' as a place, 'Kokang' as a person
    x = ex.run("Mali's government has reached a peace agreement with northern Tuareg rebels, who staged attacks "
               "in May on several military bases.")
    assert ("ArmedGroup", "Tuareg rebels") in {(e.kind, e.label) for e in x.entities}
    assert any(p == "partyTo" and s == "Tuareg rebels" for p, s, o in ex.facts(x))
    x = ex.run("Fighting between Kokang rebels and the army continued in Laukkai.")
    assert ("ArmedGroup", "Kokang rebels") in {(e.kind, e.label) for e in x.entities}
    assert "Kokang" not in {e.label for e in x.entities}
    # rebels 'of' a named group are that group; a known place, a state's demonym and a longer name
    # keep their own readings
    x = ex.run("In 2012 the Tuareg rebels of the National Movement for the Liberation of Azawad began a "
               "rebellion against the Malian government.")
    assert "Tuareg rebels" not in {e.label for e in x.entities}
    labels = {e.label for e in ex.run("Darfur rebels attacked Omdurman. Free Syrian Army rebels attacked Aleppo. "
                                      "Syrian rebels shelled Hama.").entities}
    assert {"Darfur", "Free Syrian Army"} <= labels
    assert not labels & {"Darfur rebels", "Army rebels", "Syrian rebels"}


def test_a_title_to_an_organisation_ends_where_the_name_after_it_begins(ex):
    # hold-out P 05 (VOA): the ruler's 'United Nations' ran on into the ambassador's name
    x = ex.run("U.S. Ambassador to the United Nations Samantha Power said the delegation will include Nigerian "
               "President Muhammadu Buhari.")
    assert {("Organization", "United Nations"), ("Official", "Samantha Power")} <= {(e.kind, e.label)
                                                                                   for e in x.entities}
    assert ("holdsPost", "Samantha Power", "United States") in ex.facts(x)
    # an organisation's own longer name still runs on ('... Mission in South Sudan'), and a state's
    # minister after 'of' is still read
    x = ex.run("The head of the United Nations Mission in South Sudan said the camp was attacked.")
    assert "United Nations Mission in South Sudan" in {e.label for e in x.entities}
    assert ("holdsPost", "Sergey Lavrov", "Russia") in ex.facts(ex.run("Foreign Minister of Russia Sergey Lavrov "
                                                                      "met the envoy."))


def test_a_bare_plural_is_no_agreement_and_his_government_is_not_he(ex):
    # hold-out P 04 (VOA): 'agreements with rebel groups' names no one agreement; the official's
    # government signed, not the official
    x = ex.run("Information ministry adviser Atti notes that his government has already signed agreements with "
               "rebel groups in southern Sudan and Darfur.")
    assert not [e for e in x.entities if e.kind == "Agreement"]
    x = ex.run("Sudanese adviser Atti notes that his government has already signed an agreement with the Eastern "
               "Front.")
    facts = ex.facts(x)
    assert not [f for f in facts if f[0] == "partyTo" and f[1] == "Atti"]
    assert any(p == "partyTo" and s == "Sudan" for p, s, o in facts)  # his state's government
    # counted and definite plurals still name the agreements signed
    for text in ("Armenia and Azerbaijan signed two agreements on Friday.",
                 "Russia and Turkey signed the agreements on Monday."):
        assert [f for f in ex.facts(ex.run(text)) if f[0] == "partyTo"]


def test_failing_to_reach_an_agreement_is_no_party(ex):
    # hold-out P 01 (VOA)
    x = ex.run("The FNL is the only remaining rebel group that has failed to reach an agreement with the "
               "government of President Nkurunziza.")
    assert not [f for f in ex.facts(x) if f[0] == "partyTo"]
    x = ex.run("Mali's government has reached a peace agreement with the rebels.")
    assert ("partyTo", "Government of Mali", "peace agreement") in ex.facts(x)


def test_signers_represented_by_officials_and_a_supervising_broker(ex):
    # hold-out P 08 (Wikipedia, Hebron Protocol)
    x = ex.run("The Protocol Concerning the Redeployment in Hebron, also known as the Hebron Protocol or Hebron "
               "Agreement, was signed on 17 January 1997 by Israel, represented by Prime Minister of Israel "
               "Benjamin Netanyahu, and the Palestine Liberation Organization (PLO), represented by PLO Chairman "
               "Yasser Arafat, under the supervision of U.S. Secretary of State, Warren Christopher.")
    agreement = "Protocol Concerning the Redeployment in Hebron"
    assert {("partyTo", "Israel", agreement), ("partyTo", "Benjamin Netanyahu", agreement),
            ("partyTo", "Palestine Liberation Organization", agreement), ("partyTo", "Yasser Arafat", agreement),
            ("brokered", "Warren Christopher", agreement)} <= ex.facts(x)
    # a representative where nothing is signed signs nothing
    x = ex.run("Israel, represented by its ambassador, Danny Danon, protested at the United Nations.")
    assert not [f for f in ex.facts(x) if f[0] == "partyTo"]


def test_forces_from_two_actors_fighting_oppose_each_other(ex):
    # hold-out P 04 (VOA): 'Forces from A and B have been fighting'
    x = ex.run("Forces from the Sudanese government and Eastern Front rebel movement have been fighting for more "
               "than a year in eastern Sudan.")
    assert ("opposes", "Government of Sudan", "Eastern Front") in ex.facts(x)
    # the forces of one actor fighting alone oppose nobody
    x = ex.run("Forces from Chad have been fighting for more than a year.")
    assert not [f for f in ex.facts(x) if f[0] == "opposes"]


def test_two_agreement_names_that_differ_in_their_parties_are_two_agreements(ex):
    # hold-out P 09 (Wikipedia, Israel-Syria Disengagement Agreement)
    x = ex.run("The Agreement on Disengagement between Israel and Syria was signed on 31 May 1974. Furthermore, the "
               "attrition grew more intense as the Agreement on Disengagement between Israel and Egypt was finally "
               "signed in January 1974.")
    facts = ex.facts(x)
    assert ("partyTo", "Egypt", "Agreement on Disengagement between Israel and Egypt") in facts
    assert not [f for f in facts if f[1] == "Egypt" and f[2] == "Agreement on Disengagement"]
    # the same name twice is one agreement
    x = ex.run("The Agreement on Disengagement between Israel and Syria was signed in 1974. The Agreement on "
               "Disengagement between Israel and Syria held for fifty years.")
    assert len([e for e in x.entities if e.kind == "Agreement"]) == 1


def test_a_sign_off_opening_a_sentence_is_no_office(ex):
    # hold-out P 01 (VOA): "As X reports from VOA's East Africa bureau in Nairobi, ..."
    x = ex.run("As Derek Kilner reports from VOA's East Africa bureau in Nairobi, Monday's meeting was the first "
               "between the two men in more than a year.")
    assert not [f for f in ex.facts(x) if f[0] == "basedIn"]
    x = ex.run("Kilner said the European Union office in Nairobi was closed.")
    assert ("basedIn", "European Union", "Nairobi") in ex.facts(x)


def test_a_name_the_model_typed_as_a_product_is_read_as_a_place_or_a_person(ex):
    # hold-out P 06 and 02 (VOA): the small model's PRODUCT for 'Sahel' and "Yusuf Inda'ade"
    x = ex.run("The U.S. government has been helping Mali's army fight potential terrorists in the vast Sahel "
               "region.")
    assert ("Place", "Sahel") in {(e.kind, e.label) for e in x.entities}
    x = ex.run("Last week, the national security chairman of the Islamic Courts Union, Yusuf Inda'ade, said his "
               "forces would launch an assault on Baidoa by Tuesday.")
    facts = ex.facts(x)
    assert ("holdsPost", "Yusuf Inda'ade", "Islamic Courts Union") in facts
    # 'would launch': a threat reported, no attack made
    assert not [f for f in facts if f[0] == "attacked"]
    # a product stays out
    assert not ex.run("He posted a Twitter message on Monday.").entities


def test_helping_an_actor_do_something_supports_it(ex):
    # hold-out P 06 (VOA): the helped actor is the subject of the complement the parse hangs on 'help'
    x = ex.run("The latest violence comes as the U.S. government has been helping Mali's army fight potential "
               "terrorists in the vast Sahel region.")
    assert ("supports", "Government of United States", "Mali's army") in ex.facts(x)
    # helping to broker a deal is brokering it, not supporting the parties
    x = ex.run("Qatar helped broker the deal between Hamas and Israel.")
    facts = ex.facts(x)
    assert ("brokered", "Qatar", "deal between Hamas and Israel") in facts
    assert not [f for f in facts if f[0] == "supports"]


def test_a_lower_case_title_after_its_actor_before_a_name_the_model_took_for_a_body(ex):
    # hold-out P 01 (VOA): 'FNL spokesman Pasteur Habimana' (the NER: ORG 'Pasteur Habimana')
    x = ex.run("The National Liberation Forces (FNL) fought the army. FNL spokesman Pasteur Habimana spoke to VOA "
               "from Bujumbura.")
    assert ("holdsPost", "Pasteur Habimana", "National Liberation Forces") in ex.facts(x)
    assert ("Official", "Pasteur Habimana") in {(e.kind, e.label) for e in x.entities}
    # a body's name after a lower-case word that is no title is still the body
    x = ex.run("The Russian energy company Gazprom Neft said the pipeline was closed.")
    assert ("Organization", "Gazprom Neft") in {(e.kind, e.label) for e in x.entities}


def test_a_title_in_a_fronted_as_phrase_and_the_title_chairperson(ex):
    # hold-out P 05 (VOA): 'In her role as chairperson of ..., X said'
    x = ex.run("In her role as chairperson of the West African ECOWAS bloc, Ellen Johnson Sirleaf said the talks "
               "failed.")
    assert ("holdsPost", "Ellen Johnson Sirleaf", "Economic Community of West African States") in ex.facts(x)
    # the 'As' that opens the phrase is no part of the title
    x = ex.run("As chairman of the African Union, Idriss Deby said the talks failed.")
    assert [f.object.role_title for f in x.facts if f.predicate == "holdsPost"] == ["chairman"]


def test_approving_the_document_endorses_the_agreement_in_context(ex):
    # hold-out P 08 (Wikipedia, Hebron Protocol): 'the document' is the article's agreement
    x = ex.run("The Hebron Protocol was signed in 1997 by Israel and the PLO. On 15 January, the Knesset approved "
               "the document.")
    assert ("endorses", "Knesset", "Hebron Protocol") in ex.facts(x)
    # a document the sentence names otherwise is no agreement
    x = ex.run("The Hebron Protocol was signed in 1997 by Israel and the PLO. The Knesset approved a document on "
               "water rights.")
    assert not [f for f in ex.facts(x) if f[0] == "endorses"]


def test_a_state_body_after_the_states_possessive_is_the_states(ex):
    # hold-out P 04 (VOA): "An adviser to Sudan's ministry of information, X"
    x = ex.run("An adviser to Sudan's ministry of information, Rabie Abdul Atti, describes the issues.")
    facts = ex.facts(x)
    assert ("partOf", "ministry of information of Sudan", "Sudan") in facts
    assert ("holdsPost", "Rabie Abdul Atti", "ministry of information of Sudan") in facts
    # each state's ministry is its own entity; a company after a possessive is no state body
    x = ex.run("Sudan's Ministry of Defence and Kenya's Ministry of Defence met. Russia's Gazprom cut the supply.")
    labels = {e.label for e in x.entities if e.kind == "Organization"}
    assert {"Ministry of Defence of Sudan", "Ministry of Defence of Kenya"} <= labels
    assert not [f for f in ex.facts(x) if f[0] == "partOf" and f[2] == "Russia"]
    # the remit after 'to' stays a remit
    assert ("holdsPost", "Kyle McCarter", "United States") in ex.facts(ex.run(
        "U.S. Ambassador to Kenya Kyle McCarter said the talks failed."))


def test_an_agreement_phrase_the_parse_cut_mid_way_is_no_description(ex):
    # hold-out P 04 (VOA): the bracketed '[is]' cut 'between the government and the Eastern Front side'
    x = ex.run("\"The agreement between the government and the Eastern Front side [is] addressing upon so many "
               "protocols,\" Atti said.")
    assert not [e for e in x.entities if e.kind == "Agreement" and e.label.endswith(" and")]
    x = ex.run("The agreement between the government and the Eastern Front was signed.")
    assert "agreement between the government and the Eastern Front" in {e.label for e in x.entities}
