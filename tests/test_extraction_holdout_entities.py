"""Regression tests for the entity mechanisms found on held-out articles (round 2 of issue 8):
demonyms of every state, self-proclaimed states, titles used as anaphors, title spans bounded by
the sentence, and names that are no entities (headings, title lines, infobox labels). Sentences
quoted from the held-out set are openly licensed (Wikipedia CC BY-SA, US government works);
constructions seen in copyrighted development articles are rewritten with other names."""

from __future__ import annotations

import pytest

from geonews.pipeline.nlp.gazetteer import load_gazetteer
from geonews.pipeline.nlp.posts import Posts
from geonews.pipeline.nlp.resolve import build_mentions

pytestmark = pytest.mark.slow


def _entities(x) -> set[tuple[str, str]]:
    return {(e.kind, e.label) for e in x.entities if e.kind != "Post"}


# -- demonyms ------------------------------------------------------------------------------------

def test_nearly_every_state_has_a_demonym():
    gaz = load_gazetteer()
    states = [e for e in gaz.entries() if e.kind == "State"]
    without = [e.label for e in states if gaz.adjective(e.label) is None]
    assert len(without) <= 12, without  # ambiguous ('Congolese', 'Dominican') or de facto states


def test_demonyms_from_countryinfo_name_their_state(ex):
    x = ex.run("The Bolivian government and Salvadoran officials met Jamaican mediators in Lima.")
    assert {("Government", "Government of Bolivia"), ("State", "El Salvador"), ("State", "Jamaica")} <= _entities(x)


# -- title spans stay in their sentence ----------------------------------------------------------

def test_a_title_never_runs_back_over_the_sentence_before(ex):
    # holdout A 06 (State Department, public domain)
    x = ex.run("Today, Secretary of State Marco Rubio convened the Signing of a Declaration of Principles between "
               "the Government of the Democratic Republic of the Congo (DRC) and the Government of the Republic of "
               "Rwanda.\n\nForeign Minister Thérèse Kayikwamba Wagner signed on behalf of the Government of the DRC, "
               "while Foreign Minister Olivier Nduhungirehe signed on behalf of the Government of Rwanda. Deputy "
               "Secretary of State Christopher Landau also joined Secretary Rubio on this occasion.")
    posts = {(f.subject.label, f.object.post_in.label) for f in x.facts if f.predicate == "holdsPost"}
    assert not {p for p in posts if p[1] in ("Rwanda", "Government of Rwanda")}, posts
    assert ("Government", "Government of Rwanda") in _entities(x)


# -- titles as anaphors --------------------------------------------------------------------------

READOUT = ("Yesterday, Vice President Biden met with President Bachelet to discuss a number of bilateral issues. "
           "The Vice President told President Bachelet that President Obama and he look to her as a key regional "
           "and global leader and a crucial partner.\n\n"
           "The Vice President also met yesterday with former President Sebastián Piñera of Chile to discuss a full "
           "range of bilateral, regional, and global issues.\n\n"
           "In the Vice President's meeting with President Ollanta Humala of Peru, the two discussed the United "
           "States-Peru partnership and various regional issues.")


def test_a_bare_title_is_the_official_holding_it_not_the_last_named(ex):
    # holdout A 10 (White House readout, public domain)
    facts = ex.facts(ex.run(READOUT))
    assert {("met", "Biden", "Sebastián Piñera"), ("met", "Biden", "Ollanta Humala")} <= facts
    assert not {f for f in facts if f[0] == "met" and "Barack Obama" in f[1:]}
    assert ("met", "Sebastián Piñera", "Ollanta Humala") not in facts


def _title_mentions(nlp, text: str) -> dict[str, str]:
    """Title words -> the official the posts stage resolved them to."""
    doc = nlp(text)
    mentions = build_mentions(doc)
    posts = Posts(mentions)
    posts.resolve_nominal(posts.find())
    return {doc[m.start:m.end].text: m.entity.label for m in mentions.all() if m.source == "title"}


def test_a_title_two_officials_hold_stands_for_neither(nlp):
    text = "President Lula met President Boric in Brasilia. The President later met Foreign Minister Mauro Vieira."
    assert _title_mentions(nlp, text) == {}
    assert _title_mentions(nlp, text.replace("President Boric", "Prime Minister Boric")) == {"President": "Lula"}


def test_a_hyphenated_title_after_its_actor(ex):
    x = ex.run("UN Secretary-General Antonio Guterres arrived in Kyiv. The Secretary-General met President Zelensky.")
    assert ("met", "Antonio Guterres", "Zelensky") in ex.facts(x)


def test_a_former_holder_answers_only_to_the_former_title(nlp):
    text = "President Lula met former President Bolsonaro. The former President left; the President stayed."
    assert set(_title_mentions(nlp, text).items()) == {("former President", "Bolsonaro"), ("President", "Lula")}


# -- self-proclaimed and partially recognised states ----------------------------------------------

@pytest.mark.parametrize("text, name", [
    # holdout A 07 (Wikipedia, CC BY-SA)
    ("South Ossetia declared independence from Georgia during the 1991–1992 South Ossetia War on 29 May 1992, "
     "with its Constitution referring to the \"Republic of South Ossetia\".", "South Ossetia"),
    ("In 2008 Nicaragua recognised the breakaway region of Abkhazia.", "Abkhazia"),
    ("The self-proclaimed republic of Gagauzia held elections, and Moldova objected.", "Gagauzia"),
])
def test_an_unknown_place_the_text_treats_as_a_state_is_a_state(ex, text, name):
    assert ("State", name) in _entities(ex.run(text))


def test_the_republic_of_x_is_x(ex):
    x = ex.run("South Ossetia declared independence from Georgia in 1992, with its Constitution referring to the "
               "\"Republic of South Ossetia\".")
    state = next(e for e in x.entities if e.label == "South Ossetia")
    assert state.kind == "State" and "Republic of South Ossetia" in state.aliases
    assert not [e for e in x.entities if e.label == "Republic of South Ossetia"]


def test_recognition_of_an_unknown_state(ex):
    # holdout A 07 (Wikipedia, CC BY-SA): the small model tags 'Abkhazia' a NORP here, a GPE before
    x = ex.run("Abkhazia is a disputed territory in the Caucasus. Vanuatu recognises only Abkhazia.")
    assert ("recognizedBy", "Abkhazia", "Vanuatu") in ex.facts(x)


def test_a_place_without_such_words_stays_a_place(ex):
    x = ex.run("Clashes erupted in Abyei on Monday, and the independence referendum in Abyei was postponed.")
    assert ("Place", "Abyei") in _entities(x)


# -- names that are no entities, and names cut by a gazetteer name ------------------------------------

def test_a_gazetteer_name_inside_a_persons_name_is_the_person(ex):
    # holdout A 06 (State Department, public domain): 'Wagner' is also the Wagner Group's short name
    x = ex.run("Foreign Minister Thérèse Kayikwamba Wagner signed on behalf of the Government of the DRC.")
    assert ("Official", "Thérèse Kayikwamba Wagner") in _entities(x)
    assert not [e for e in x.entities if e.kind == "ArmedGroup"]


def test_two_names_joined_by_and_stay_two(ex):
    # holdout A 08 (Wikipedia, CC BY-SA)
    x = ex.run("Gunmen attacked several locations across Bamako, the capital of Mali, including Malian Army and "
               "Wagner Group bases and Modibo Keita International Airport.")
    labels = {e.label for e in x.entities}
    assert "Wagner Group" in labels and "Army and Wagner Group" not in labels


def test_a_document_of_an_organisation_is_not_part_of_its_name(ex):
    # holdout A 02 (Wikipedia, CC BY-SA)
    x = ex.run("The agreement settles the differences as described in the United Nations Security Council "
               "Resolutions 817 (1993) and 845 (1993).")
    council = next(e for e in x.entities if e.kind == "Organization")
    assert (council.label, council.qid) == ("United Nations Security Council", "Q37470")


@pytest.mark.parametrize("text, spurious", [
    # holdout A 06 and 10 (US government, public domain): headline case capitalises every word
    ("The United States Hosts Signing of Declaration of Principles Between the Government of the Democratic "
     "Republic of the Congo and the Government of Rwanda\n\nToday, the two governments signed a declaration.",
     "United States Hosts Signing"),
    ("Readout of the Vice President's Meetings and Engagements in Chile\n\nVice President Biden met with "
     "President Bachelet in Santiago.", "Meetings and Engagements"),
    # holdout A 08 (Wikipedia, CC BY-SA): a section heading and an infobox label
    ("2024 Bamako attacks\n\n- Conflict: 2024 Bamako attacks\n- Partof: Mali War\n\nBackground\nAl-Qaeda "
     "aligned groups have waged an insurgency in central and northeastern Mali since 2012.", "Background"),
    ("2024 Bamako attacks\n\n- Conflict: 2024 Bamako attacks\n- Partof: Mali War\n\nGunmen attacked Bamako.",
     "Conflict"),
])
def test_headings_and_labels_name_nothing(ex, text, spurious):
    x = ex.run(text)
    assert not [e for e in x.entities if e.label.strip("- ") == spurious]
    assert x.entities  # the names of the body are still found


def test_a_bulleted_name_is_no_infobox_label(ex):
    x = ex.run("Reactions\n\n- Russia: the foreign ministry welcomed the agreement.\n- Conflict: Mali War\n")
    assert ("State", "Russia") in _entities(x)
    assert not [e for e in x.entities if e.label.strip("- ") == "Conflict"]


def test_a_list_of_languages_names_no_state(ex):
    # holdout A 04 (Wikipedia, CC BY-SA)
    x = ex.run("Algiers Agreement (2000)\n\n- Languages: English, French, Chinese, Arabic, Russian, Spanish\n\n"
               "The talks were held in French. Russian and Chinese diplomats objected.")
    assert {e.label for e in x.entities if e.kind == "State"} == {"Russia", "China"}


# -- state names the NER misses -----------------------------------------------------------------

def test_a_former_formal_name_is_the_state(ex):
    # holdout A 02 (Wikipedia, CC BY-SA): names from countryinfo (scripts/build_state_names.py)
    x = ex.run("Prespa Agreement\n\n- Parties: Hellenic Republic, Republic of Macedonia\n\nThe Prespa Agreement is an "
               "agreement reached in 2018 between Greece and the then-Republic of Macedonia.")
    macedonia = {(e.label, e.qid) for e in x.entities if e.kind == "State"}
    assert macedonia == {("Greece", "Q41"), ("North Macedonia", "Q221")}


def test_a_formal_name_the_data_lacks_is_the_state(ex):
    x = ex.run("The Government of the Republic of Sudan and the rebels signed the accord.")
    assert ("Government", "Government of Sudan") in _entities(x)


@pytest.mark.parametrize("text, place", [
    # holdout A 02, 03, 08 (Wikipedia, CC BY-SA) and 10 (White House, public domain)
    ("Signed beside the shared Lake Prespa, from which it took its name, the agreement went into force.",
     "Lake Prespa"),
    ("The final agreement was signed in Mexico City on January 16, 1992, at Chapultepec Castle.", "Chapultepec Castle"),
    ("The final agreement was signed in Mexico City on January 16, 1992, at Chapultepec Castle.", "Mexico City"),
    ("The attacks began when gunmen attacked several locations across Bamako including the Banankabougou "
     "neighborhood.", "Banankabougou"),
    ("While in Chile, Vice President Biden met with leaders from across Latin America yesterday.", "Latin America"),
])
def test_places_the_ner_types_as_people_or_groups(ex, text, place):
    assert ("Place", place) in _entities(ex.run(text))


# -- acronyms ----------------------------------------------------------------------------------------

def test_an_undefined_acronym_is_the_name_it_spells(ex):
    # holdout A 01 and 05 (Wikipedia, CC BY-SA): 'MILF', 'TFG' are never defined in brackets
    x = ex.run("The agreement was signed between the Government of the Philippines and the Moro Islamic Liberation "
               "Front. The MILF agreed to decommission its armed wing.\n\nRepresentatives of Somalia's Transitional "
               "Federal Government met in Djibouti. Ethiopian troops protect the TFG.")
    labels = {e.label for e in x.entities}
    assert "MILF" not in labels and "TFG" not in labels
    front = next(e for e in x.entities if e.label == "Moro Islamic Liberation Front")
    assert front.kind == "ArmedGroup" and "MILF" in front.aliases


def test_an_agreements_acronym_is_not_its_last_words(ex):
    # holdout A 01 (Wikipedia, CC BY-SA)
    x = ex.run("The Comprehensive Agreement on Bangsamoro (CAB) was the final peace agreement signed between the "
               "Government of the Philippines and the Moro Islamic Liberation Front on March 27, 2014.")
    assert not [e for e in x.entities if e.kind == "Official"]
