"""Mention resolution for one article: an explicit, ordered list of passes over the Doc.

Each pass is a function of the article's Mentions (which holds the Doc) that adds, merges or
relabels mentions; a pass may rely on what the passes before it found, so the order is part of
the design: names first (bodies and governments before the NER's own spans, so that 'Russian
Foreign Ministry' is one mention), then references that point back to names (acronyms,
surnames), agreements (which absorb the names inside them), then the cheap fallbacks
(demonyms, cities) and the references that need every name (metonyms, anaphora, short names).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from . import (
    agreements,
    appositions,
    bodies,
    bylines,
    conflicts,
    described_groups,
    forces,
    group_lists,
    name_variants,
    names,
    org_names,
    references,
    regions,
    row_names,
    statehood,
)
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import Mentions

Pass = Callable[[Mentions], None]

PASSES: tuple[Pass, ...] = (
    bodies.bodies_and_governments,
    described_groups.people_fighters,
    names.ner_entities,
    bylines.bylines,
    row_names.row_persons,
    group_lists.listed_groups,
    org_names.bodies_of_bodies,
    org_names.titled_orgs,
    org_names.states_bodies,
    names.led_groups,
    names.org_units,
    bodies.descriptive_actors,
    appositions.described_names,
    appositions.quoted_names,
    appositions.described_kinds,
    appositions.role_kinds,
    references.acronyms,
    references.bracketed_names,
    references.surnames,
    agreements.agreements,
    conflicts.conflicts,
    names.demonyms,
    forces.qualified_forces,
    forces.state_militaries,
    described_groups.creed_groups,
    described_groups.named_forces,
    described_groups.guard_units,
    names.cities,
    regions.directional_regions,
    bodies.capital_governments,
    name_variants.repeated_names,
    name_variants.name_variants,
    statehood.self_proclaimed_states,
    references.metonyms,
    references.anaphora,
    name_variants.short_names,
    appositions.body_aliases,
)


def build_mentions(doc: Doc, gaz: Gazetteer | None = None, passes: tuple[Pass, ...] = PASSES) -> Mentions:
    """The mentions of `doc` after running `passes` in order (a test may run fewer)."""
    mentions = Mentions(doc, gaz or load_gazetteer())
    for run in passes:
        run(mentions)
    return mentions
