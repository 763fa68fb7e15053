"""Round 14: the constructions left in the hold-outs A-K (first tests); round 15, developed on the
new hold-out L (measured blind on hold-out M); round 16, developed on hold-out M (measured blind on
the newer hold-outs N and O); round 17, developed on N and O after their blind measurement. Each
test is built from a hold-out sentence (US government works, public domain, or Wikipedia, CC BY-SA:
see tests/data/holdout-*/texts/SOURCES.md), fails on the code before its fix, and has a guard that
the fix must not break."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_hyphenated_actor_modifier_does_not_end_the_title_after_a_name(ex):
    # hold-out C 07 (Wikipedia, Marawi): the title goes on past 'IS-affiliated' to the group it names
    x = ex.run("Troops tried to capture Isnilon Hapilon, the leader of the IS-affiliated Abu Sayyaf group, after "
               "receiving reports.")
    facts = ex.facts(x)
    assert ("leads", "Isnilon Hapilon", "Abu Sayyaf") in facts
    assert not any(o == "Islamic State" for p, s, o in facts if s == "Isnilon Hapilon")
    # the modifier's own actor is not the post's: 'the Iran-backed leader of X' is X's leader
    x = ex.run("Hadi al-Amiri, the Iran-backed leader of the Badr Organization, spoke on Monday.")
    assert not any(s == "Hadi al-Amiri" and o == "Iran" for p, s, o in ex.facts(x))


def test_a_negated_verb_does_not_negate_the_relation_its_definite_object_states(ex):
    # hold-out G 12 (Wikipedia, Zurich Protocols): 'the conflict between A and B' is given, not denied
    x = ex.run("In an effort to de-link issues, the protocols did not mention the conflict between Armenia and "
               "Azerbaijan over Nagorno-Karabakh.")
    assert ("opposes", "Armenia", "Azerbaijan") in ex.facts(x)
    # the negation still holds where the relation is the clause's own
    for text in ("Turkey did not hold talks between Armenia and Azerbaijan last year.",
                 "Russia denied the attack on Ukraine."):
        assert not ex.facts(ex.run(text)) & {("met", "Armenia", "Azerbaijan"), ("attacked", "Russia", "Ukraine")}


def test_two_titles_joined_by_and_before_a_name_are_two_posts(ex):
    # hold-out J 05 (VOA): the acronym's name does not take the titles before it, and each title keeps
    # its own actor
    x = ex.run("Senegalese President and Chairman of the Economic Community of West African States (ECOWAS) Macky "
               "Sall attended a summit in Abuja.")
    assert "Economic Community of West African States" in {e.label for e in x.entities if e.kind == "Organization"}
    facts = ex.facts(x)
    assert {("holdsPost", "Macky Sall", "Senegal"),
            ("holdsPost", "Macky Sall", "Economic Community of West African States")} <= facts
    # after another titled name, the parse joins the first title to that name; the titles still go on
    x = ex.run("Niger's President Mahamaduo Issoufou, Benin's President Boni Yayi, and Senegalese President and "
               "Chairman of Economic Community of West African States (ECOWAS) Macky Sall attend an ECOWAS summit.")
    assert {("holdsPost", "Mahamaduo Issoufou", "Niger"), ("holdsPost", "Macky Sall", "Senegal")} <= ex.facts(x)
    # two titles sharing one actor stay one post of it
    x = ex.run("Turkish Prime Minister and Foreign Minister Ahmet Davutoglu visited Baku.")
    assert [o for p, s, o in ex.facts(x) if p == "holdsPost"] == ["Turkey"]


def test_an_armed_group_named_with_its_parent_in_the_possessive_is_part_of_it(ex):
    # hold-out L 06 (VOA): "fighters from al-Qaida's Nusra Front"
    x = ex.run("A planned relief convoy was turned back by fighters from al-Qaida's Nusra Front.")
    assert ("partOf", "Nusra Front", "Al-Qaeda") in ex.facts(x)
    # a possessive before a description of the second group is no belonging
    x = ex.run("Hezbollah's ally Amal joined the protest.")
    assert not any(p == "partOf" for p, *_ in ex.facts(x))


def test_the_assassination_of_a_relative_named_in_apposition_by_a_group(ex):
    # hold-out L 08 (Wikipedia, May 17 Agreement), shortened (with the apposition 'a longtime ally of
    # Israel' the parser hangs 'by ...' on 'elected'): the kinship noun stands for the name after it
    x = ex.run("Amine Gemayel was elected after the assassination of his brother Bachir Gemayel by the Syrian "
               "Social Nationalist Party.")
    assert ("attacked", "Syrian Social Nationalist Party", "Bachir Gemayel") in ex.facts(x)
    x = ex.run("Putin met Assad and his brother Maher al-Assad in Damascus.")
    assert ("met", "Vladimir Putin", "Maher al-Assad") in ex.facts(x)


def test_a_counted_nationality_is_people_not_the_state(ex):
    # hold-out L 08: 'Some Lebanese backed President Amin Gemayel' says nothing of the state Lebanon
    x = ex.run("Some Lebanese backed President Amin Gemayel, arguing that its close relations to the US could help "
               "create peace.")
    assert not any(s == "Lebanon" for p, s, o in ex.facts(x))
    x = ex.run("Lebanon backed President Amin Gemayel.")
    assert ("supports", "Lebanon", "Amin Gemayel") in ex.facts(x)


def test_the_subject_does_what_a_purpose_clause_says_unless_the_verb_passes_control_to_its_object(ex):
    # hold-out L 08: 'Israel invaded Lebanon to end cross border attacks and besieged Beirut': Israel besieged it
    x = ex.run("The May 17 Agreement of 1983 was an agreement signed between Lebanon and Israel during the Lebanese "
               "Civil War on May 17, 1983, after Israel invaded Lebanon to end cross border attacks and besieged "
               "Beirut in 1982.")
    facts = ex.facts(x)
    assert ("attacked", "Israel", "Beirut") in facts and ("attacked", "Lebanon", "Beirut") not in facts
    # 'A forced B to withdraw from X': B withdraws (an object-control verb)
    x = ex.run("Massive protests forced Syria to withdraw from the Taif Agreement in 2005.")
    assert ("rejects", "Syria", "Taif Agreement") in ex.facts(x)


def test_a_one_word_organisation_before_minister_is_the_portfolio(ex, data_dir):
    # hold-out L 01 (VOA): 'Welfare Minister Yusuf Kalla' (the NER: an organisation 'Welfare')
    x = ex.run("Indonesia's government mediator, Welfare Minister Yusuf Kalla, says both sides really wanted to end "
               "the bloody conflict.")
    assert "Welfare" not in {e.label for e in x.entities}
    assert not any(o == "Welfare" for p, s, o in ex.facts(x))
    # an acronym before a title is still an organisation
    x = ex.run("Talks opened in Doha on Monday. The PLO Minister Saeb Erekat met Israeli officials in Jerusalem.")
    assert ("holdsPost", "Saeb Erekat", "PLO") in ex.facts(x)
    # so is the word where the article names the body in full ('the U.S. Treasury Department')
    text = (data_dir / "holdout-c" / "texts" / "10_us_sanctions_hamas_iran_2023.txt").read_text(encoding="utf-8")
    assert ("holdsPost", "Wally Adeyemo", "Treasury") in ex.facts(ex.run(text))


def test_the_headquarters_of_a_group_in_a_place(ex):
    # hold-out L 04 (VOA): the parser hangs 'in Dhaka' on the group's name
    x = ex.run("The mutiny began early Wednesday at the headquarters of the Bangladesh Rifles in Dhaka.")
    assert ("basedIn", "Bangladesh Rifles", "Dhaka") in ex.facts(x)
    # a state's embassy is its mission abroad, not where the state is based
    x = ex.run("Protesters gathered outside the embassy of Israel in Amman.")
    assert not any(p == "basedIn" for p, *_ in ex.facts(x))


def test_sheikh_before_a_name_is_part_of_the_name(ex):
    # hold-out L 04 (VOA) and the gold convention of devset2 15 (the second sentence is the project's own):
    # the guide's fullest name keeps 'Sheikh' or 'Sheik'
    x = ex.run("The mutiny re-ignited. The country's prime minister, Sheik Hasina, took to the airwaves. Hasina "
               "spoke again on Friday.")
    officials = [e.label for e in x.entities if e.kind == "Official"]
    assert officials == ["Sheik Hasina"]
    x = ex.run("Talks ended in Doha. The emir, Sheikh Hamad bin Khalifa Al Thani, hosted the talks.")
    assert "Sheikh Hamad bin Khalifa Al Thani" in {e.label for e in x.entities}
    # other honorifics stay out of the name
    x = ex.run("Talks ended in Doha. Mr. Ahmed Said attended.")
    assert "Ahmed Said" in {e.label for e in x.entities}


def test_signers_listed_each_for_a_state(ex):
    # hold-out L 08 (Wikipedia): the parser breaks the list after the first 'A for X'
    x = ex.run("The May 17 Agreement was a peace treaty. The agreement was signed on May 17, 1983 by Mr. William "
               "Drapper for the United States, Mr. David Kimche for Israel and Mr. Antoine Fattal for Lebanon.")
    facts = {(p, s) for p, s, o in ex.facts(x) if p == "partyTo"}
    assert {("partyTo", n) for n in ("William Drapper", "David Kimche", "Antoine Fattal", "United States", "Israel",
                                      "Lebanon")} <= facts
    # 'for the first time' names no state
    x = ex.run("The Minsk agreement was signed by Leonid Kuchma for the first time in 2014.")
    assert {s for p, s, o in ex.facts(x) if p == "partyTo"} <= {"Leonid Kuchma"}


def test_a_described_reference_to_the_armed_group_raised_out_of_believed_to(ex):
    # hold-out L 07 (VOA): 'The Shi'ite rebels' is the article's rebel group; 'are believed to be backed by Iran'
    # says Iran backs them
    x = ex.run("Houthi fighters in Yemen say they have accepted a cease-fire. Houthi rebels advanced on Aden on "
               "Monday. The Shi'ite rebels are allied with Saleh and are widely believed to be backed by Iran.")
    assert {("supports", "Houthis", "Saleh"), ("supports", "Iran", "Houthis")} <= ex.facts(x)
    # an intent verb is no raising verb: 'expected to be backed' is not yet backing
    x = ex.run("Houthi rebels advanced on Aden on Monday. The rebels are expected to be backed by Iran.")
    assert ("supports", "Iran", "Houthis") not in ex.facts(x)


def test_an_infobox_row_whose_label_ran_into_its_value(ex):
    # hold-out L 09 (a Wikipedia mirror's text extraction): 'MediatorsThe National Committee ...'
    x = ex.run("Chittagong Hill Tracts Peace Accord\n\nChittagong Hill Tracts Treaty 1997\nTypePeace treaty\n"
               "MediatorsThe National Committee on Chittagong Hill Tracts Affairs\n\nThe Chittagong Hill Tracts "
               "Peace Accord was a peace agreement signed between the Government of Bangladesh and the Parbatya "
               "Chattagram Jana Sanghati Samiti on 2 December 1997.")
    assert ("brokered", "National Committee on Chittagong Hill Tracts Affairs",
            "Chittagong Hill Tracts Peace Accord") in ex.facts(x)
    labels = {e.label for e in x.entities}
    assert not any(label.startswith(("Mediators", "Type")) for label in labels)
    # a capitalised word run into another in running text is left alone
    x = ex.run("Talks resumed. The PartiesUnited delegation and the MediatorsGroup met in Geneva.")
    assert not any(p == "brokered" for p, *_ in ex.facts(x))


# -- round 16 (developed on hold-out M, which was no longer blind from then on) ---------------------

def test_a_capitalised_plural_title_before_names_each_with_its_state(ex):
    # hold-out M 04 (State Department): the NER tags 'Presidents Heidar Aliyev' a work of art
    x = ex.run("Talks.\n\nSecretary of State Colin L. Powell has invited Presidents Heidar Aliyev of Azerbaijan and "
               "Robert Kocharian of Armenia to the United States for peace talks.")
    assert {("holdsPost", "Heidar Aliyev", "Azerbaijan"), ("holdsPost", "Robert Kocharian", "Armenia")} <= ex.facts(x)
    # a plural title in running text over no names gives no post
    x = ex.run("Talks.\n\nThe Presidents of Azerbaijan and Armenia met in Paris.")
    assert not any(p == "holdsPost" for p, *_ in ex.facts(x))


def test_a_participle_set_off_by_commas_says_nothing_of_the_names_after_it(ex):
    # hold-out M 10 (Wikipedia, Washington Agreement): 'A, supported by B, and C and D'
    x = ex.run("War broke out between Herzeg-Bosnia, supported by Croatia, and the Republic of Bosnia and "
               "Herzegovina and the Croatian Defence Forces.")
    supports = {(s, o) for p, s, o in ex.facts(x) if p == "supports"}
    assert not any(o in ("Croatian Defence Forces", "Bosnia and Herzegovina") for s, o in supports)
    assert not any(s in ("Croatian Defence Forces", "Bosnia and Herzegovina") for s, o in supports)
    x = ex.run("The Houthis, backed by Iran, seized Sanaa.")
    assert ("supports", "Iran", "Houthis") in ex.facts(x)


def test_vague_plural_agreements_are_no_agreement(ex):
    # hold-out M 01 (VOA) and K 11 (Wikipedia): 'several agreements in the past', "PLO's previous agreements"
    x = ex.run("Chad and Sudan signed a peace deal in Dakar. Chad and Sudan have signed several agreements in the "
               "past to end their conflict, but those agreements have never been respected by both countries.")
    assert {o for p, s, o in ex.facts(x) if p == "partyTo"} == {"peace deal"}
    # a numbered, definite plural is still an agreement the article names
    x = ex.run("The Camp David Accords were signed by Egypt and Israel in 1978.")
    assert ("partyTo", "Egypt", "Camp David Accords") in ex.facts(x)


def test_under_the_chairmanship_or_sponsorship_of_a_broker(ex):
    # hold-out M 02 (VOA) and K 08 (Wikipedia, Brioni Agreement)
    x = ex.run("Togo's government and opposition signed an agreement Sunday. The talks took place in neighboring "
               "Burkina Faso under the chairmanship of Burkinabe President Blaise Compaore.")
    assert ("brokered", "Blaise Compaore", "agreement") in ex.facts(x)
    x = ex.run("The Brioni Agreement is a document signed on July 7, 1991 by representatives of the Republic of "
               "Slovenia, Republic of Croatia and the Socialist Federal Republic of Yugoslavia under the political "
               "sponsorship of the European Community.")
    assert ("brokered", "European Community", "Brioni Agreement") in ex.facts(x)
    # without 'under', taking a chairmanship brokers nothing
    x = ex.run("The agreement was signed in May. Ghana took over the chairmanship of the African Union.")
    assert not any(p == "brokered" for p, *_ in ex.facts(x))


def test_an_ousted_official_no_longer_holds_the_post_of_his_title(ex):
    # hold-out M 05 (VOA)
    x = ex.run("His grip on power began to weaken after longtime Georgian President Eduard Shevardnadze was ousted "
               "last November.")
    assert not any(p == "holdsPost" for p, *_ in ex.facts(x))
    x = ex.run("Georgian President Eduard Shevardnadze ousted the defence minister.")
    assert ("holdsPost", "Eduard Shevardnadze", "Georgia") in ex.facts(x)


def test_talks_between_delegations_of_two_states_and_signers_listed_after_a_colon(ex):
    # hold-out M 08 and 09 (Wikipedia)
    x = ex.run("Bishkek.\n\nTalks between Azerbaijani and Armenian delegations continued for hours.")
    assert ("met", "Azerbaijan", "Armenia") in ex.facts(x) or ("met", "Armenia", "Azerbaijan") in ex.facts(x)
    x = ex.run("The Budapest Memorandum was signed in 1994. The four memoranda were originally signed by four "
               "nuclear powers: Ukraine, Russia, the United States, and the United Kingdom.")
    assert {("partyTo", s, "Budapest Memorandum") for s in ("Ukraine", "Russia", "United States",
                                                             "United Kingdom")} <= ex.facts(x)


# -- round 17 (developed on hold-outs N and O, after their blind measurement) -----------------------

def test_an_actor_sponsored_agreement_is_brokered_and_an_actor_backed_deal_endorsed(ex):
    # hold-out N 06 (VOA editorial): 'a Gulf Cooperation Council-sponsored agreement'
    x = ex.run("Yemen's President Ali Abdullah Saleh has signed a Gulf Cooperation Council-sponsored agreement to "
               "transfer power to his vice president.")
    facts = ex.facts(x)
    assert any(p == "brokered" and s == "Gulf Cooperation Council" for p, s, o in facts)
    assert not any(p == "supports" for p, *_ in facts)
    agreement = next(e for e in x.entities if e.kind == "Agreement")
    assert "Gulf Cooperation Council-sponsored agreement" in agreement.aliases | {agreement.label}
    x = ex.run("Sudan and the rebels signed a U.S.-backed peace deal in Juba.")
    assert ("endorses", "United States", "peace deal") in ex.facts(x)
    # an actor-backed group is still supported
    x = ex.run("Iran-sponsored militias attacked the base. Hezbollah, an Iran-sponsored militia, fired rockets.")
    assert not any(p == "brokered" for p, *_ in ex.facts(x))


def test_a_body_and_its_owner_the_ner_ran_together_across_a_possessive(ex):
    # hold-out O 02 (VOA editorial): "The Treasury Department's Office of Foreign Assets Control"
    x = ex.run("Sanctions\n\nThe Treasury Department's Office of Foreign Assets Control designated two oligarchs.")
    assert ("partOf", "Office of Foreign Assets Control", "Treasury Department") in ex.facts(x)
    # a possessive inside a name is no owner: "the Sudan People's Liberation Army"
    x = ex.run("Sudan\n\nThe Sudan People's Liberation Army attacked Juba on Monday.")
    assert "Sudan People's Liberation Army" in {e.label for e in x.entities}


def test_a_dispatch_sign_off_from_a_bureau_places_no_one(ex):
    # hold-out N 05 (VOA)
    x = ex.run("Israel and Hamas agreed to a truce. Robert Berger reports from the VOA bureau in Jerusalem.")
    assert not any(p == "basedIn" for p, *_ in ex.facts(x))


def test_an_epithet_between_the_possessive_state_and_the_title(ex):
    # hold-out N 02 (VOA): "Rwanda's powerful Vice President Paul Kagame"
    x = ex.run("Ugandan President Yoweri Museveni and Rwanda's powerful Vice President Paul Kagame reached the "
               "cease-fire deal.")
    assert ("holdsPost", "Paul Kagame", "Rwanda") in ex.facts(x)
    assert {f.object.role_title for f in x.facts if f.predicate == "holdsPost"} == {"President", "Vice President"}
    # the construction of devset2 10 (copyrighted: the project's own sentence): a word the tagger may take
    # for an adjective before the title ('In a tweet US President X') starts no title
    x = ex.run("In a tweet US President Joe Biden praised the deal on Tuesday.")
    assert ("holdsPost", "Joe Biden", "United States") in ex.facts(x)


def test_the_turkish_state_is_turkey_but_un_member_states_are_not_the_un(ex):
    # hold-out O 04 (VOA)
    x = ex.run("PKK\n\nThe announcement is part of ongoing efforts to end the nearly three decades conflict between "
               "the PKK and the Turkish state.")
    assert ("opposes", "Kurdistan Workers' Party", "Turkey") in ex.facts(x)
    # hold-out A 07 (Wikipedia): 'UN member states' names states, not the UN
    x = ex.run("Since their declarations of independence, Abkhazia and South Ossetia have been recognised by seven "
               "and six UN member states respectively.")
    assert not any(p == "recognizedBy" and o == "UN" for p, s, o in ex.facts(x))


def test_met_and_shook_hands_with_and_stands_with(ex):
    # hold-out O 03 and 08 (VOA)
    x = ex.run("Panama\n\nPresident Obama has met and shaken hands with Cuban leader Raul Castro for the first time.")
    assert ("met", "Barack Obama", "Raul Castro") in ex.facts(x)
    x = ex.run("Shoal\n\nThe United States stands with our Philippine allies in the face of dangerous actions by the "
               "Coast Guard of China.")
    assert ("supports", "United States", "Philippines") in ex.facts(x)
    # standing by a decision supports no one
    x = ex.run("Vote.\n\nUkraine stands by its decision.")
    assert not any(p == "supports" for p, *_ in ex.facts(x))


def test_a_root_with_a_subject_is_read_as_a_verb_whatever_its_tag(ex):
    # the construction of devset2 13 (copyrighted: the project's own sentence of the same form):
    # after a title line the tagger reads 'enters' as a noun
    x = ex.run("Truce\n\nAs from 06:00 hours on 29 January 2003, a ceasefire agreement enters into force between "
               "the Government of Nepal and the Communist Party of Nepal (CPN).")
    assert {s for p, s, o in ex.facts(x) if p == "partyTo"} == {"Government of Nepal", "Communist Party of Nepal"}


def test_a_party_named_after_with_on_the_signed_agreement(ex):
    # hold-out O 10 (Wikipedia, Korean Armistice Agreement)
    x = ex.run("Korea\n\nChina normalized relations and signed a peace treaty with South Korea in 1992.")
    assert ("partyTo", "South Korea", "peace treaty with South Korea") in ex.facts(x)
    # 'with' on another noun names no party
    x = ex.run("Korea\n\nChina signed a peace treaty in 1992 with great fanfare.")
    assert {s for p, s, o in ex.facts(x) if p == "partyTo"} == {"China"}


def test_an_organisation_name_runs_on_into_a_region_but_not_into_a_state(ex):
    # hold-out O 03 (VOA): 'the Summit of the Americas in Panama' names Panama too
    x = ex.run("Panama\n\nThe brief encounter happened Friday at the Summit of the Americas in Panama. VOA's "
               "correspondent is traveling with the president.")
    labels = {e.label for e in x.entities}
    assert {"Summit of the Americas", "Panama"} <= labels
    # a name the NER cut before 'in' + a region ('... Cooperation' + 'in Europe') is still one name
    x = ex.run("Monitors\n\nRussia asked the Union for Peace and Cooperation in Asia to send monitors to Donetsk.")
    assert "Union for Peace and Cooperation in Asia" in {e.label for e in x.entities}
    # the OSCE spelled without the hyphen is the gazetteer's OSCE (data/aliases.csv)
    x = ex.run("Monitors\n\nThe Organization for Security and Cooperation in Europe sent monitors to Donetsk.")
    assert "Q81299" in {e.qid for e in x.entities}
