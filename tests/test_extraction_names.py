"""Regression tests for entities: datelines, sentence boundaries, names the small model cuts or
splits, acronyms, descriptive actors and head-word typing. Each is built on a construction seen
in a development article; sentences from copyrighted articles are rewritten with other names
(the article is cited), the openly licensed ones are quoted."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


# -- datelines and sentence boundaries -------------------------------------------------------------

def _sentence_of(x, fact):
    return x.article.text[fact.evidence.begin:fact.evidence.end]


@pytest.mark.parametrize("dateline", ["Kampala —", "KAMPALA -", "Kampala, 12 March 2024 –"])
def test_a_dateline_is_a_sentence_of_its_own_and_no_actor(ex, dateline):
    # devset2 09 ("Addis Ababa — Somalia has rejected ...")
    text = f"Neighbours settle dispute\n\n{dateline} Uganda and Kenya signed a border agreement in Nairobi."
    x = ex.run(text)
    fact = ex.fact(x, "partyTo", "Uganda", "border agreement")
    assert _sentence_of(x, fact) == "Uganda and Kenya signed a border agreement in Nairobi."
    assert not any(e.label.lower() == "kampala" and e.kind != "Place" for e in x.entities)
    assert ("partyTo", "Kenya", "border agreement") in ex.facts(x)


def test_a_wire_dateline_dates_the_article(ex):
    # the date of the dateline is the reference date of 'on Tuesday' (relations.dates.dateline)
    text = ("Armenia and Azerbaijan agree\n\nGENEVA, 14 March 2024 (AFP) – Armenia and Azerbaijan signed a "
            "border agreement on Tuesday.")
    x = ex.run(text)
    assert ex.fact(x, "partyTo", "Armenia", "border agreement").date == "2024-03-12"


def test_a_title_and_a_heading_keep_their_own_sentences(ex, nlp):
    doc = nlp("Leaders meet in Brussels\n\nBackground\nPresident Emmanuel Macron of France met Chancellor "
              "Olaf Scholz of Germany on Monday. They spoke for an hour.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Leaders meet in Brussels"
    assert "Background" in sents
    assert "President Emmanuel Macron of France met Chancellor Olaf Scholz of Germany on Monday." in sents


def test_no_sentence_starts_after_a_title_at_a_line_start(nlp):
    # devset2 10: the parser split 'President | Recep Tayyip Erdogan of Turkey , ...'
    doc = nlp("Turkey and Greece sign agreement paving the way for Greek and Turkish cooperation\n\nPresident "
              "Recep Tayyip Erdogan of Turkey, President Ilham Aliyev of Azerbaijan and Prime Minister Nikol "
              "Pashinyan of Armenia met in Prague on Thursday.")
    assert [s.text.split()[0] for s in doc.sents] == ["Turkey", "President"]


# -- person names ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    # devset2 02 'Angolan President Jose Eduardo dos Santos' (the NER: 'Jose Eduardo' + GPE 'Santos')
    ("The deal was signed in the presence of Brazilian President Luiz Carlos dos Santos.", "Luiz Carlos dos Santos"),
    # devset2 04 'Ethiopian President, Sahle-Work Zewde' (the NER: 'Sahle')
    ("The signing was witnessed by Ethiopian President, Sahle-Work Zewde.", "Sahle-Work Zewde"),
    # devset2 04 'Gen. Mohamed Hamdan “Hemeti” Dagolo'
    ("Sudan's deputy leader, Gen. Mohamed Hamdan “Hemeti” Dagolo, was excluded.", "Mohamed Hamdan “Hemeti” Dagolo"),
])
def test_person_names_with_particles_hyphens_and_nicknames_are_whole(ex, sentence, name):
    x = ex.run(sentence)
    assert name in {e.label for e in x.entities if e.kind == "Official"}


def test_split_name_fragments_are_one_official_and_short_forms_resolve(ex):
    # devset2 09: 'Somalia's President Hassan Sheikh Mohamud' (NER: 'Hassan Sheikh' + 'Mohamud'),
    # 'Prime Minister Hamza' and 'PM Barre' for Hamza Abdi Barre
    text = ("Somalia recalls envoy\n\nSomalia's President Hassan Sheikh Mohamud addressed parliament. The "
            "cabinet, led by Prime Minister Hamza Abdi Barre, met on Tuesday. PM Barre later spoke, and "
            "Prime Minister Hamza said the talks were over.")
    x = ex.run(text)
    officials = {e.label for e in x.entities if e.kind == "Official"}
    assert {"Hassan Sheikh Mohamud", "Hamza Abdi Barre"} <= officials
    assert not officials & {"Hassan Sheikh", "Mohamud", "Barre", "Hamza", "PM Barre"}
    assert ("holdsPost", "Hassan Sheikh Mohamud", "Somalia") in ex.facts(x)


def test_surnames_the_model_typed_as_places_are_the_officials(ex):
    # devset2 14: 'after hours of discussion with Odinga and Kibaki' (both typed GPE)
    text = ("President Mwai Kibaki and opposition leader Raila Odinga signed a power-sharing agreement on "
            "Thursday. Annan had held talks with Odinga and Kibaki for days.")
    x = ex.run(text)
    assert not {e.label for e in x.entities if e.kind == "Place"} & {"Kibaki", "Odinga"}


def test_a_capital_in_a_dateline_is_not_its_state(ex):
    x = ex.run("Sanctions announced\n\nMOSCOW — Russia backs the Houthis, officials said.")
    assert ("supports", "Russia", "Houthis") in ex.facts(x)
    assert {e.kind for e in x.entities if e.label == "Moscow"} == {"Place"}


# -- acronyms --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, group", [
    # devset2 02/13/08: the NER cut 'X of Y (ACR)' and the acronym bound to the place Y
    ("The Movement for the Emancipation of the Niger Delta (MEND) rejected the amnesty deal. MEND leader "
     "Henry Okah said so.", "Movement for the Emancipation of the Niger Delta"),
    ("The Front for Democracy and Justice in Darfur (FDJD), a Chad-based rebel group, rejected the deal. "
     "FDJD leader Ali Musa said so.", "Front for Democracy and Justice in Darfur"),
    # devset2 11: square brackets define an acronym too
    ("Talks between the government and the National Liberation Army [ELN] resumed. ELN leader Antonio "
     "Garcia attended.", "National Liberation Army"),
])
def test_an_acronym_names_the_whole_name_before_its_brackets(ex, text, group):
    x = ex.run(text)
    leader = next(e.label for e in x.entities if e.kind == "Official")
    assert ("leads", leader, group) in ex.facts(x)


def test_an_acronym_defined_in_the_article_beats_the_gazetteer(ex):
    # devset2 04: 'the Sudanese Revolutionary Front (RSF)'; the gazetteer knows RSF as the Rapid Support Forces
    x = ex.run("The deal was signed by the Sudanese Revolutionary Front (RSF). Later the RSF rejected it.")
    assert not any(e.label == "Rapid Support Forces" for e in x.entities)


def test_descriptive_words_before_a_known_name_are_not_part_of_it(ex):
    # devset2 11: 'the larger Marxist Revolutionary Armed Forces of Colombia [FARC] rebel group'
    x = ex.run("In 2016 the government reached a deal with the powerful Marxist Revolutionary Armed Forces of "
               "Colombia [FARC] guerrilla movement.")
    farc = next(e for e in x.entities if "FARC" in e.aliases | {e.label})
    assert farc.label == "Revolutionary Armed Forces of Colombia"


# -- descriptive actors and head-word typing -------------------------------------------------------

def _entity(x, label):
    return next(e for e in x.entities if e.label == label)


def test_a_government_named_by_its_leader(ex):
    # devset2 12 (Wikipedia, CC BY-SA)
    x = ex.run('On 17 October 2023, the Maduro government and the Unitary Platform signed in Bridgetown '
               '(Barbados) two provisional agreements on "the promotion of political rights and electoral '
               'guarantees for all".')
    assert _entity(x, "Maduro government").kind == "Government"
    assert not any(f.subject.label == "Maduro" for f in x.facts)


@pytest.mark.parametrize("text, alias", [
    # devset2 08 "Chad's transitional authorities and rebel groups signed a peace agreement"
    ("Mali's transitional authorities and rebel groups signed a peace agreement in Algiers on Monday.",
     "transitional authorities"),
    # devset2 16 'between the central government in Baghdad and the KRG'
    ("The deal was signed between the central government in Kabul and the Taliban.", "central government in Kabul"),
])
def test_a_described_government_is_the_government_of_its_state(ex, text, alias):
    x = ex.run(text)
    government = next(e for e in x.entities if e.kind == "Government")
    assert government.label in ("Government of Mali", "Government of Afghanistan")
    assert alias in government.aliases
    assert any(f.predicate == "partyTo" and f.subject is government for f in x.facts)


def test_the_junta_in_power_in_a_state_and_its_later_mentions(ex):
    # devset2 07 'The junta in power in Mali announced ... the end ... of the Algiers agreement'
    x = ex.run("The junta in power in Niger announced the end of the defence agreement. Later the junta "
               "signed a new security pact with Russia.")
    niger = _entity(x, "Government of Niger")
    assert "junta" in niger.aliases
    signed = [f for f in x.facts if f.predicate == "partyTo" and f.subject is niger]
    assert [_sentence_of(x, f).split()[0] for f in signed] == ["Later"]


def test_a_state_body_the_model_did_not_tag(ex):
    # devset2 09 "Somalia's Cabinet, led by Prime Minister Hamza Abdi Barre, issued a statement"
    x = ex.run("Kenya’s Cabinet, led by President William Ruto, approved the plan.")
    assert ("partOf", "Kenyan Cabinet", "Kenya") in ex.facts(x)
    # devset2 01 (Wikipedia, CC BY-SA)
    x = ex.run("It was signed on 22 October 1989 and ratified by the Lebanese parliament on 5 November, 1989.")
    assert _entity(x, "Lebanese parliament").kind == "Organization"


def test_coalitions_and_oppositions_named_by_who_backs_or_leads_them(ex):
    # devset2 15 'The agreement between the US-backed ruling coalition and the Hezbollah-led opposition'
    x = ex.run("The deal between the US-backed ruling coalition and the Hamas-led opposition ended the crisis.")
    found = ex.facts(x)
    assert ("supports", "United States", "ruling coalition") in found
    parties = {f.subject.label for f in x.facts if f.predicate == "partyTo"}
    assert {"ruling coalition", "Hamas-led opposition"} <= parties


def test_pro_x_militias_are_one_armed_group(ex):
    # devset2 16 'the PKK and pro-Iran Iraqi militias'
    x = ex.run("The town fell to pro-Iran Syrian militias in 2015.")
    assert _entity(x, "pro-Iran Syrian militias").kind == "ArmedGroup"
    assert not any(e.label == "Syria" for e in x.entities)


@pytest.mark.parametrize("text, label", [
    # devset2 13 'between the Government of Sri Lanka and the LTTE' (the NER: 'the Government of' + 'Sri Lanka')
    ("The Government of South Sudan and the rebels signed a truce.", "Government of South Sudan"),
    # devset2 03 (Wikipedia, CC BY-SA)
    ("Long Name: Peace Agreement between the government of the Republic of Rwanda and the Rwandese Patriotic "
     "Front", "Government of Rwanda"),
])
def test_government_of_a_state_of_several_words(ex, text, label):
    assert _entity(ex.run(text), label).kind == "Government"


def test_the_head_word_types_a_name_whatever_the_model_said(ex):
    # devset2 16 'the Kurdistan Regional Government (KRG)' (the NER: LOC 'Kurdistan')
    x = ex.run("The Kurdistan Regional Government (KRG) signed the deal with Baghdad.")
    assert _entity(x, "Kurdistan Regional Government").kind == "Government"
    # devset 12 'Phumzile Mlambo‑Ngcuka, Executive Director of ...' (the NER: ORG)
    x = ex.run("The report was presented by Phumzile Mlambo‑Ngcuka, Executive Director of UN Women.")
    assert ("holdsPost", "Phumzile Mlambo‑Ngcuka", "UN Women") in ex.facts(x)


def test_a_numbered_acronym_and_a_body_of_an_organisation_by_possessive(ex):
    # devset 04 (Wikipedia, CC BY-SA) and devset 11 (U.S. Treasury press release, public domain)
    x = ex.run("The first guerrilla group to demobilize following a peace agreement with the Colombian "
               "government was the 19th of April Movement (M-19), which demobilized.")
    assert "M-19" in _entity(x, "19th of April Movement").aliases
    x = ex.run("WASHINGTON — Today, the U.S. Department of the Treasury’s Office of Foreign Assets Control (OFAC) "
               "sanctioned Ivan Aleksandrovich Maslov (Maslov), the head of Russian Private Military Company "
               "‘Wagner’ (Wagner Group) paramilitary units and its principal administrator based in Mali.")
    assert ("partOf", "Office of Foreign Assets Control", "U.S. Department of the Treasury") in ex.facts(x)


def test_a_description_that_names_no_actor(ex):
    # devset 11 'sanctioned under multiple authorities'
    x = ex.run("The Wagner Group and its leader are sanctioned under multiple authorities.")
    assert not any(e.kind == "Government" for e in x.entities)


def test_a_name_before_a_description_of_what_it_names(ex):
    # devset2 04 'the SPLM-North rebel group led by Abdel Aziz Adam al-Hillu'
    x = ex.run("Armed factions and the JEM-North rebel group led by Jibril Ibrahim refused to sign the accord.")
    assert ("leads", "Jibril Ibrahim", "JEM-North") in ex.facts(x)
    # devset2 12 (Wikipedia, CC BY-SA): 'the Maduro government and the Unitary Platform signed'
    x = ex.run("On 17 October 2023, the Maduro government and the Unitary Platform signed in Bridgetown.")
    assert _entity(x, "Unitary Platform").kind == "Organization"


def test_a_described_government_shortens_the_named_one(ex):
    # devset2 03 (Wikipedia, CC BY-SA)
    x = ex.run("The Arusha Accords envisioned the establishment of a Broad-Based Transitional Government (BBTG). "
               "Of twenty-one cabinet posts in the transitional government, the National Republican Movement for "
               "Democracy and Development (MRND), the former ruling party, was given five.")
    assert [e.label for e in x.entities if e.kind == "Government"] == ["Broad-Based Transitional Government"]


def test_a_known_name_that_ends_a_longer_one_is_not_linked(ex):
    x = ex.run("The African Union's Peace and Security Council called for talks.")
    assert ("partOf", "Peace and Security Council", "African Union") in ex.facts(x)
    assert not any(e.label == "United Nations Security Council" for e in x.entities)


def test_a_dateline_with_a_day_and_month_only(nlp):
    doc = nlp("Ukraine and Poland agree\n\nKYIV, March 3 (Reuters) - Ukrainian President Volodymyr Zelenskiy "
              "met Polish Prime Minister Donald Tusk in Kyiv on Monday.")
    assert [s.text.strip() for s in doc.sents][1] == "KYIV, March 3 (Reuters) -"
