"""resolve.rules: a must-link rule binds an entity only when none of its names speaks against it."""

from __future__ import annotations

from types import SimpleNamespace

from reelgraph.resolve.compare import EntityProfile
from reelgraph.resolve.rules import must_link_target


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _rule(rule_id: int, key: str, entity_id: int, kind: str = "must_link", type: str = "Person") -> SimpleNamespace:
    return SimpleNamespace(id=rule_id, kind=kind, type=type, name_key=key, entity_id=entity_id)


# A curator merged the alias "Smirnov" into Ivan Smirnov (entity 7).
IVAN = {7: EntityProfile(7, "Person", ["Ivan Smirnov", "Smirnov"], "en")}
RULES = [_rule(1, "smirnov", 7)]


def test_a_later_lone_alias_follows_the_manual_merge() -> None:
    found = must_link_target(["Smirnov"], "Person", "en", RULES, IVAN, _key)
    assert found is not None and found[0] == 7 and found[1].id == 1


def test_another_person_with_the_same_surname_is_not_pulled_in() -> None:
    assert must_link_target(["Anna Smirnov", "Smirnov"], "Person", "en", RULES, IVAN, _key) is None


def test_the_same_person_under_a_full_name_still_follows() -> None:
    found = must_link_target(["Иван Смирнов", "Smirnov"], "Person", "ru", RULES, IVAN, _key)
    assert found is not None and found[0] == 7


def test_rules_of_another_family_or_cannot_link_rules_never_bind() -> None:
    assert must_link_target(["Smirnov"], "City", "en", RULES, IVAN, _key) is None
    assert must_link_target(["Smirnov"], "Person", "en", [_rule(2, "smirnov", 7, kind="cannot_link")], IVAN, _key) is None


def test_names_all_covered_by_rules_bind_without_a_name_match() -> None:
    # a split moved «Dr. S.» and «S.» to entity 9; a later entity with just those names follows
    rules = [_rule(3, "dr. s.", 9), _rule(4, "s.", 9)]
    found = must_link_target(["Dr. S.", "S."], "Person", "en", rules, {}, _key)
    assert found is not None and found[0] == 9
