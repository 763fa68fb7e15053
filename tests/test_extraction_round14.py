"""Round 14 (developed on the constructions left in the hold-outs A-K and the dev sets; measured
blind on the new hold-outs L and M): each test is built from a dev-data sentence, fails on the
code before its fix, and has a guard that the fix must not break."""


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
