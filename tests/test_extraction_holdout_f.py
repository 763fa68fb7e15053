"""Regression tests for the mechanisms developed on hold-out F (round 7 of tests/data/HOLDOUTS.md:
VOA reports, Treasury, State, White House and Defense releases, two Wikipedia articles). Sentences
quoted from hold-out F are US government works (public domain) or Wikipedia (CC BY-SA); the
others are the project's own sentences of the same construction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_sworn_in_as_a_title_of_a_state_holds_the_post(ex):
    # hold-out F 11 (Wikipedia)
    x = ex.run("The following year, democratic elections were held and Vinicio Cerezo was sworn in as president "
               "of Guatemala.")
    assert ("holdsPost", "Vinicio Cerezo", "Guatemala") in ex.facts(x)


def test_named_to_a_former_post_is_no_post(ex):
    x = ex.run("Ahmed Diriye was named a former commander of al-Shabaab.")
    assert not any(f.predicate == "holdsPost" for f in x.facts)


def test_a_bracketed_title_after_a_name_in_a_list_line(ex):
    # hold-out F 12 (Wikipedia infobox line)
    x = ex.run("- Signatories: Yitzhak Rabin , (Prime Minister of Israel), "
               "Abdelsalam Majali , (Prime Minister of Jordan)")
    facts = ex.facts(x)
    assert ("holdsPost", "Yitzhak Rabin", "Israel") in facts
    assert ("holdsPost", "Abdelsalam Majali", "Jordan") in facts


def test_claiming_an_assassination_attacks_the_victim_and_an_officer_holds_a_post(ex):
    # hold-out F 05 (State Department)
    x = ex.run("Formed in 2015, HASM claimed responsibility for the assassination of Egyptian National Security "
               "Agency officer Ibrahim Azzazy.")
    facts = ex.facts(x)
    assert ("attacked", "HASM", "Ibrahim Azzazy") in facts
    assert ("holdsPost", "Ibrahim Azzazy", "Egyptian National Security Agency") in facts


def test_providing_assistance_to_supports(ex):
    # hold-out F 06 (White House)
    x = ex.run("Since 2002, the United States has provided over $6.2 billion in development, economic, health, and "
               "security assistance to Indonesia.")
    assert ("supports", "United States", "Indonesia") in ex.facts(x)


def test_providing_a_briefing_to_is_no_support(ex):
    x = ex.run("The United States provided a briefing to Indonesia.")
    assert not any(f.predicate == "supports" for f in x.facts)


def test_a_states_body_is_also_named_without_the_state(ex):
    # hold-out F 10 (Treasury): the text later says 'the Department of the Treasury'
    x = ex.run("Today, the U.S. Department of the Treasury’s Office of Foreign Assets Control (OFAC) designated two "
               "officials.")
    treasury = next(e for e in x.entities if e.label == "U.S. Department of the Treasury")
    assert "Department of the Treasury" in treasury.aliases
