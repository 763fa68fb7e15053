"""Regression tests for the relation patterns of issue 8 (signatories and parties, stance,
mediation, meetings and control, leads and support), one per error class, through the real spaCy
model. Sentences quoted verbatim come from the openly licensed texts in tests/data (Wikipedia, US
government); a construction seen in a copyrighted development article is tested on a sentence of
our own with other names and words, and the article is cited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geonews.pipeline.relations.declared import PatternError, parse_patterns

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"


def text_of(name: str) -> str:
    return next(DATA.glob(f"devset*/texts/{name}_*.txt")).read_text(encoding="utf-8")


# -- signatories and parties (class 3) ---------------------------------------------------------

def test_by_phrases_hung_on_a_noun_and_the_state_an_official_signed_for(ex):
    # devset2 02 (UN news): 'signed ... in the Zambian capital of Lusaka by Angola's Minister ...,
    # X, and by UNITA's Secretary-General ..., Y'; the state of the title is a party (REVIEW.md)
    text = ("Tashkent Declaration\n\nThe Tashkent Declaration was signed on 10 January 1966 in the Uzbek "
            "capital of Tashkent by India's Prime Minister, Lal Bahadur Shastri, and by Pakistan's "
            "President, Ayub Khan, in the presence of Soviet Premier Alexei Kosygin.")
    found = ex.facts(ex.run(text))
    for party in ("Lal Bahadur Shastri", "Ayub Khan", "India", "Pakistan"):
        assert ("partyTo", party, "Tashkent Declaration") in found, party
    assert ("partyTo", "Alexei Kosygin", "Tashkent Declaration") not in found
    assert ("partyTo", "Soviet Union", "Tashkent Declaration") not in found


def test_a_coalition_under_the_banner_of_a_group_is_that_group(ex):
    # devset2 04 (news): 'by the government of Sudan and a coalition of armed opposition under the banner of X'
    text = ("The Sochi Declaration was signed in the Russian city of Sochi by the government of Turkey and a "
            "coalition of rebel groups under the banner of the Syrian National Army.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Government of Turkey", "Sochi Declaration") in found
    assert ("partyTo", "Syrian National Army", "Sochi Declaration") in found


def test_inked_by_a_and_a_states_president_b(ex):
    # devset2 09 (news): 'The MoU was inked by Prime Minister A and Somaliland's President B during ...'
    text = ("The Vienna Protocol was inked by Prime Minister Nikol Pashinyan and Azerbaijan’s President "
            "Ilham Aliyev during the latter’s visit to Armenia.")
    found = ex.facts(ex.run(text))
    for party in ("Nikol Pashinyan", "Ilham Aliyev", "Azerbaijan"):
        assert ("partyTo", party, "Vienna Protocol") in found, party


def test_signing_of_x_by_a_is_a_party_and_welcoming_it_endorses(ex):
    # devset2 02 (UN news): 'The Security Council ... welcomed the signing of the Protocol of Lusaka
    # by representatives of the Government of Angola and UNITA'; 'In welcoming the signing, X said'
    text = ("Tashkent Declaration\n\nThe Tashkent Declaration was signed on 10 January 1966.\n\n"
            "The United Nations Security Council welcomed the signing of the Tashkent Declaration by "
            "representatives of the Government of India and the Government of Pakistan.\n\n"
            "In welcoming the signing, UN Secretary-General U Thant said the declaration would end the fighting.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Government of India", "Tashkent Declaration") in found
    assert ("partyTo", "Government of Pakistan", "Tashkent Declaration") in found
    assert ("endorses", "United Nations Security Council", "Tashkent Declaration") in found
    assert any(f[0] == "endorses" and f[1] == "U Thant" for f in found)


def test_appositive_member_of_a_subject_list(ex):
    found = ex.facts(ex.run(text_of("02_camp_david")))  # 'President Carter, President Sadat, and ...'
    assert ("partyTo", "Anwar Sadat", "Egyptian-Israeli Peace Treaty") in found
    assert ("partyTo", "Menachem Begin", "Egyptian-Israeli Peace Treaty") in found


def test_the_leaders_are_the_people_of_the_last_meeting_but_not_its_mediator(ex):
    x = ex.run(text_of("02_camp_david"))  # 'the leaders signed the Framework ...' after a mediation
    signers = {f.subject.label for f in x.facts if f.predicate == "partyTo" and "Framework" in f.object.label}
    assert {"Anwar Sadat", "Menachem Begin"} <= signers
    assert "Jimmy Carter" not in signers
    assert any(f.predicate == "brokered" and f.subject.label == "Jimmy Carter" for f in x.facts), \
        "'the President personally mediated between ...': the President named before mediated"
    # devset2 10 (news): 'In that meeting, the leaders agreed a trilateral memorandum'
    text = ("Sochi talks\n\nPresident Ilham Aliyev met with Armenian Prime Minister Nikol Pashinyan and "
            "Russian President Vladimir Putin in Sochi. After long talks, the leaders signed the Sochi Declaration.")
    found = ex.facts(ex.run(text))
    for leader in ("Ilham Aliyev", "Nikol Pashinyan", "Vladimir Putin"):
        assert ("partyTo", leader, "Sochi Declaration") in found, leader


def test_plural_title_with_an_appositive_list_signs(ex):
    # devset2 10 (news): 'signed by the foreign ministers of the three countries – A of X, B of Y, and C of Z –'
    text = ("The Paris Accord was signed by the foreign ministers of the three countries – Annalena Baerbock "
            "of Germany, Sergey Lavrov of Russia, and Catherine Colonna of France – on Monday.")
    found = ex.facts(ex.run(text))
    for party in ("Annalena Baerbock", "Sergey Lavrov", "Catherine Colonna", "Germany", "Russia", "France"):
        assert ("partyTo", party, "Paris Accord") in found, party  # 'A of Germany': the state A signed for


def test_enters_into_force_between_and_agreed_to_join(ex):
    # devset2 13 (Norwegian government text): 'a ceasefire agreement enters into force between A and B'
    text = ("On Friday, the Kathmandu Accord entered into force between the Government of Nepal and the "
            "Communist Party of Nepal.")
    assert ("partyTo", "Government of Nepal", "Kathmandu Accord") in ex.facts(ex.run(text))
    found = ex.facts(ex.run(text_of("03_abraham")))  # 'it was announced that Kazakhstan agreed to join'
    assert ("partyTo", "Kazakhstan", "Abraham Accords") in found


def test_a_plural_illustrated_by_its_members(ex):
    # devset 03: '... between Israel and several Arab states, beginning with A and B'
    found = ex.facts(ex.run(text_of("03_abraham")))
    for state in ("Israel", "United Arab Emirates", "Bahrain"):
        assert ("partyTo", state, "Abraham Accords") in found, state
    found = ex.facts(ex.run(text_of("02_camp_david")))  # 'a framework ... that resulted in a treaty between A and B'
    assert not any(f[0] == "partyTo" and f[1] == "Egypt" and f[2].startswith("Framework") for f in found)


def test_signed_on_behalf_of(ex):
    text = ("The accord was signed by Juan Santos on behalf of the Colombian government and by Rodrigo "
            "Londono on behalf of the FARC. The treaty between Juan Santos, on behalf of Colombia, and "
            "Rodrigo Londono, on behalf of the FARC, was signed in 2016.")
    x = ex.run(text)
    parties = {f.subject.label for f in x.facts if f.predicate == "partyTo"}
    assert {"Juan Santos", "Rodrigo Londono", "Government of Colombia", "Colombia",
            "Revolutionary Armed Forces of Colombia"} <= parties


def test_signed_up_for_and_the_two_sides_met(ex):
    text = ("Hamas and Fatah signed up for the Mecca Accord. Egypt endorsed the Mecca Accord. "
            "The two sides met in Doha.")
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Fatah", "Mecca Accord") in found
    assert ("endorses", "Egypt", "Mecca Accord") in found
    assert ("met", "Hamas", "Fatah") in found or ("met", "Fatah", "Hamas") in found


def test_party_to_and_signatory_of(ex):
    # devset2 11 (news): 'has been party to only one previous ceasefire'
    text = "Hamas has been a party to the Cairo Accord since 2011. Jordan, a signatory of the Amman Protocol, objected."
    found = ex.facts(ex.run(text))
    assert ("partyTo", "Hamas", "Cairo Accord") in found
    assert ("partyTo", "Jordan", "Amman Protocol") in found


# -- stance: endorses and rejects (class 5) ---------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # devset2 08 (news): 'quickly rejected the Doha agreement on Sunday'
    ("Hamas quickly rejected the Vienna Protocol.", ("rejects", "Hamas", "Vienna Protocol")),
    # devset2 04 (news): 'declined being signatory to the accord'; 'refused to be part of the signing'
    ("Iran refused to sign the Vienna Protocol.", ("rejects", "Iran", "Vienna Protocol")),
    ("Iran declined being signatory to the Vienna Protocol.", ("rejects", "Iran", "Vienna Protocol")),
    # devset2 07 (news): 'announced ... the "end with immediate effect" of the important Algiers agreement'
    ("The Malian government announced the end of the Algiers Accord.",
     ("rejects", "Government of Mali", "Algiers Accord")),
    # devset2 09 (news): 'issued a statement condemning Ethiopia's decision to sign the MoU'
    ("The Somali government issued a statement condemning Ethiopia's decision to sign the Berbera Accord.",
     ("rejects", "Government of Somalia", "Berbera Accord")),
    ("Russia withdrew from the Vienna Protocol in 2019.", ("rejects", "Russia", "Vienna Protocol")),
    # devset2 16 (news): 'The United Nations is all for the complete implementation of the Sinjar Agreement'
    ("The European Union is all for the full implementation of the Minsk Protocol.",
     ("endorses", "European Union", "Minsk Protocol")),
    ("Colombia’s congress approved the revised peace accord.",
     ("endorses", "Colombian congress", "revised peace deal")),
])
def test_stance_verbs_and_event_nouns(ex, sentence, expected):
    text = sentence if "congress" not in sentence else text_of("04_colombia")  # devset 04, verbatim
    assert expected in ex.facts(ex.run(text))


def test_stance_of_a_quoted_speaker_and_of_a_passive(ex):
    # devset2 10 (news): 'X said: "I strongly welcome the signing of this trilateral memorandum"'
    text = '"I strongly welcome the signing of the Lome Accord," said Secretary-General Kofi Annan.'
    assert ("endorses", "Kofi Annan", "Lome Accord") in ex.facts(ex.run(text))
    text = "The Entebbe Accord was signed in May and ratified by the National Assembly of Kenya in June."
    found = ex.facts(ex.run(text))
    assert any(f[0] == "endorses" and f[1].startswith("National Assembly") and f[2] == "Entebbe Accord" for f in found)


def test_rejected_it_after_the_agreement(ex):
    found = ex.facts(ex.run("The African Union welcomed the Vienna Protocol, but Hamas rejected it as a betrayal."))
    assert ("endorses", "African Union", "Vienna Protocol") in found
    assert ("rejects", "Hamas", "Vienna Protocol") in found


def test_congratulations_on_signing_from_a_speaker_the_parser_lost(ex):
    # devset2 10 (news): 'In a tweet US President X said ,"Congratulations to A, B, and C on signing a memorandum'
    text = ('In a tweet French President Emmanuel Macron said ,"Congratulations to Serbia and Kosovo on '
            'signing the Ohrid Agreement – a crucial step."')
    assert ("endorses", "Emmanuel Macron", "Ohrid Agreement") in ex.facts(ex.run(text))
    text = "Recep Tayyip Erdogan said there was little support for the Vienna Protocol in Turkey."
    assert not any(f[0] == "endorses" for f in ex.facts(ex.run(text))), "the speaker reports others' stance"


def test_negated_intended_and_signatory_stance_are_not_stated(ex):
    found = ex.facts(ex.run("Russia did not reject the Vienna Protocol. Iran refused to accept the Vienna Protocol."))
    assert ("rejects", "Russia", "Vienna Protocol") not in found
    assert ("endorses", "Iran", "Vienna Protocol") not in found
    assert ("rejects", "Iran", "Vienna Protocol") in found, "a refusal is a fact, not a negation"
    found = ex.facts(ex.run("The Taliban threatened to withdraw from the Kabul Accord."))
    assert not any(f[0] == "rejects" for f in found)
    found = ex.facts(ex.run("Uganda and Kenya signed the Entebbe Accord. Uganda accepted the Entebbe Accord."))
    assert ("partyTo", "Uganda", "Entebbe Accord") in found
    assert ("endorses", "Uganda", "Entebbe Accord") not in found, "a signatory accepting is not an endorser"


# -- mediation (class 5) ----------------------------------------------------------------------

def test_mediated_by_a_state_under_its_president(ex):
    found = ex.facts(ex.run(text_of("03_abraham")))  # 'mediated by the United States under President Donald Trump'
    assert ("brokered", "United States", "Abraham Accords") in found
    assert ("brokered", "Donald Trump", "Abraham Accords") in found


def test_led_mediation_hosted_and_organized_talks(ex):
    # devset2 15 (news): 'prompted the Qatari-led mediation'
    text = "The Austrian-led mediation produced the Vienna Protocol."
    assert ("brokered", "Austria", "Vienna Protocol") in ex.facts(ex.run(text))
    text = "Muscat Accord\n\nOman hosted the talks in Muscat. The Muscat Accord was signed in May."
    assert any(f[0] == "brokered" and f[2] == "Muscat Accord" for f in ex.facts(ex.run(text)))
    x = ex.run(text_of("03_arusha"))  # 'Primarily organized by the Organisation of African Unity ..., the talks began'
    assert any(f.predicate == "brokered" and f.subject.label == "Organisation of African Unity" for f in x.facts)


def test_mediators_of_talks_before_the_agreement_is_named(ex):
    # devset (Camp David) and devset2 03, 14 (news): the talks, their mediators and hosts come before the signing
    text = ("Ethiopia and Tigray rebels agree to end hostilities\n\n"
            "The Ethiopian government and the Tigray People's Liberation Front (TPLF) agreed on Wednesday to a "
            "permanent cessation of hostilities, the African Union said, after talks in Pretoria mediated by "
            "former Nigerian President Olusegun Obasanjo.\n\nThe talks, hosted by South Africa, began last week. "
            "The two sides signed the Pretoria Agreement after ten days of negotiations.\n\n"
            "Kenya's former president Uhuru Kenyatta, who facilitated the talks, said the deal would hold.")
    found = ex.facts(ex.run(text))
    for broker in ("Olusegun Obasanjo", "South Africa", "Uhuru Kenyatta"):
        assert ("brokered", broker, "Pretoria Agreement") in found, broker
    assert ("partyTo", "Tigray People's Liberation Front", "Pretoria Agreement") in found


# -- meetings, fighting and control (class 6) -------------------------------------------------

def test_meetings_led_by_and_dialogue_between(ex):
    found = ex.facts(ex.run(text_of("06_brussels")))
    assert ("met", "Ivica Dačić", "Hashim Thaçi") in found  # 'Negotiations were led by A and B'
    assert not {("met", "Ivica Dačić", "Kosovo"), ("met", "Kosovo", "Hashim Thaçi")} & found, \
        "'A and Kosovo prime minister B': the state qualifies B's title"
    assert ("met", "Kosovo", "Serbia") in found or ("met", "Serbia", "Kosovo") in found  # 'dialogue between'


def test_intransitive_meeting_of_a_list_and_talks_with(ex):
    # devset2 10 (news): 'President A of X, President B of Y and Prime Minister C of Z met in Madrid'
    text = ("President Joe Biden of the United States, President Emmanuel Macron of France and Chancellor "
            "Olaf Scholz of Germany met in Paris on Monday.")
    found = ex.facts(ex.run(text))
    for pair in (("Joe Biden", "Emmanuel Macron"), ("Joe Biden", "Olaf Scholz"), ("Emmanuel Macron", "Olaf Scholz")):
        assert ("met", *pair) in found or ("met", *pair[::-1]) in found, pair
    # devset2 14 (news): 'said Annan, speaking at the signing ceremony ..., after hours of discussion with A and B'
    text = '"We have a deal," said Antony Blinken, after hours of discussion with Vladimir Putin and Xi Jinping.'
    found = ex.facts(ex.run(text))
    assert ("met", "Antony Blinken", "Vladimir Putin") in found


def test_fighting_broke_out_between_and_hostility_between_the_two_sides(ex):
    text = "Fighting broke out between the Sudanese Armed Forces and the Rapid Support Forces in April."
    found = ex.facts(ex.run(text))
    assert ("opposes", "Sudanese Armed Forces", "Rapid Support Forces") in found \
        or ("opposes", "Rapid Support Forces", "Sudanese Armed Forces") in found
    # devset2 06 (news): 'A and B signed ..., ending decades of conflicts in X and hostility between the two sides'
    text = ("Hamas and Fatah signed the Mecca Accord on Monday, ending years of conflict in Gaza and "
            "hostility between the two sides.")
    found = ex.facts(ex.run(text))
    assert ("opposes", "Hamas", "Fatah") in found or ("opposes", "Fatah", "Hamas") in found


def test_captured_the_town_of_and_suspended_a_deal(ex):
    found = ex.facts(ex.run("Hamas captured the town of Rafah on Monday. Egypt has suspended the Cairo Accord."))
    assert ("controls", "Hamas", "Rafah") in found
    assert ("rejects", "Egypt", "Cairo Accord") in found


def test_mediating_between_two_states_is_no_brokering_of_a_ceasefire_called_for(ex):
    text = ("Angolan President Joao Lourenco, who has mediated between Congo and Rwanda, called for an "
            "immediate ceasefire.")
    assert not any(f[0] == "brokered" for f in ex.facts(ex.run(text)))


def test_a_rebellion_against_and_an_invasion_of_the_place_in_question(ex):
    text = ("In 2012 the Tuareg rebels of the National Movement for the Liberation of Azawad began a "
            "rebellion against the Malian government.")
    found = ex.facts(ex.run(text))
    assert ("opposes", "National Movement for the Liberation of Azawad", "Government of Mali") in found \
        or ("opposes", "Government of Mali", "National Movement for the Liberation of Azawad") in found
    # devset2 16 (news): 'It fell under the control of the PKK ... following Daesh's invasion in 2014'
    text = "Mosul is a city in northern Iraq. It was occupied following the Islamic State's invasion in 2014."
    assert ("attacked", "Islamic State", "Mosul") in ex.facts(ex.run(text))


def test_fell_under_the_control_of(ex):
    # devset2 16 (news): 'Sinjar is wedged between ... It fell under the control of the PKK'
    text = "Mosul is the second largest city of Iraq. It fell under the control of the Islamic State in 2014."
    assert ("controls", "Islamic State", "Mosul") in ex.facts(ex.run(text))


# -- leads and supports (class 9) -------------------------------------------------------------

def test_who_leads_and_the_head_of(ex):
    # devset2 15 (news): 'said X, a Sunni politician who leads the governing coalition'
    text = "Yevgeny Prigozhin, a businessman who leads the Wagner Group, spoke on Friday."
    assert ("leads", "Yevgeny Prigozhin", "Wagner Group") in ex.facts(ex.run(text))
    # devset2 07 (news): 'the head of the junta, Colonel Assimi Goïta, announced'
    text = "The head of the Wagner Group, Yevgeny Prigozhin, announced a mutiny."
    assert ("leads", "Yevgeny Prigozhin", "Wagner Group") in ex.facts(ex.run(text))
    found = ex.facts(ex.run(text_of("11_wagner")))  # 'tasked ... to lead the Wagner Group's mercenary units'
    assert ("leads", "Ivan Aleksandrovich Maslov", "Wagner Group") not in found


def test_a_person_leads_a_group_not_a_person(ex):
    # devset2 04 (news): 'Armed factions led by A and the SPLM-North rebel group led by B declined ...'
    text = ("Armed factions led by Abdel Wahid Nur and the JEM rebel group led by Jibril Ibrahim declined "
            "being signatory to the Vienna Protocol.")
    assert not any(f[0] == "leads" and f[2] == "Abdel Wahid Nur" for f in ex.facts(ex.run(text)))


def test_support_of_a_war_and_pro_x_groups(ex):
    found = ex.facts(ex.run(text_of("11_wagner")))  # 'sanctioned ... for support of Russia's war against Ukraine'
    assert ("supports", "Wagner Group", "Russia") in found
    # devset2 16 (news): 'the PKK and pro-Iran Iraqi militias'
    text = "The pro-Turkey Syrian National Army took the town."
    assert ("supports", "Syrian National Army", "Turkey") in ex.facts(ex.run(text))


# -- the declared patterns ----------------------------------------------------------------------

def test_declared_patterns_are_checked_when_loaded():
    path = Path(__file__).parent.parent / "pipeline" / "data" / "relation_patterns.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert parse_patterns(data)
    first = data["patterns"][0]
    for broken, message in (({"relation": "endorse"}, "unknown relation"),
                            ({"subject": "grop(verb)"}, "bad role"),
                            ({"subject": "group(nobody)"}, "bad role"),
                            ({"pattern": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": "@no_such_list"}}}]},
                             "unknown word list")):
        with pytest.raises(PatternError, match=message):
            parse_patterns({"patterns": [{**first, **broken}]})
