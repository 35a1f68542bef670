"""best_match: spellings merge, namesakes stay apart, lone surnames need evidence or uniqueness."""

from __future__ import annotations

from reelgraph.resolve.compare import EntityProfile, best_match, pair_score

from .test_keys import BIKOVIC, SURNAMES


def person(id, *names: str, lang: str = "en", related: tuple[str, ...] = ()) -> EntityProfile:
    return EntityProfile(id, "Person", list(names), lang, frozenset(related))


def test_every_spelling_of_one_actor_matches() -> None:
    known = person(7, "Milos Bikovic")
    for name, lang in BIKOVIC:
        match = best_match(person(None, name, lang=lang), [known])
        assert match is not None and match.entity_id == 7, name
        assert match.reasons and name in match.reasons[0]


def test_lone_surname_matches_the_only_candidate() -> None:
    known = person(7, "Milos Bikovic")
    for name, lang in SURNAMES:
        match = best_match(person(None, name, lang=lang), [known])
        assert match is not None and match.entity_id == 7, name
        assert any("only candidate" in r for r in match.reasons)


def test_same_surname_different_first_names_stay_two() -> None:
    assert best_match(person(None, "Sergei Orlov"), [person(1, "Andrei Orlov")]) is None
    assert best_match(person(None, "Сергей Орлов", lang="ru"), [person(1, "Andrei Orlov")]) is None


def test_surname_and_patronymic_stay_two() -> None:
    assert best_match(person(None, "Anna Petrova"), [person(1, "Anna Petrovna")]) is None


def test_lone_surname_with_two_namesakes_needs_evidence() -> None:
    cands = [person(1, "Andrei Orlov", related=("film:n:storm",)), person(2, "Sergei Orlov")]
    assert best_match(person(None, "Orlov"), cands) is None
    match = best_match(person(None, "Орлов", lang="ru", related=("film:n:storm",)), cands)
    assert match is not None and match.entity_id == 1
    assert any("film:n:storm" in r for r in match.reasons)


def test_types_must_be_compatible() -> None:
    city = EntityProfile(3, "City", ["Orlov"], "en", frozenset())
    assert best_match(person(None, "Orlov"), [city]) is None
    venue = EntityProfile(4, "Venue", ["Lumiere Hall"], "en", frozenset())
    org = EntityProfile(None, "Organization", ["Lumière Hall"], "en", frozenset())
    assert best_match(org, [venue]) is not None


def test_one_letter_slip_inside_a_long_name_matches() -> None:
    assert best_match(person(None, "Tomas Lindkvist"), [person(1, "Tomas Lindqvist")]) is not None
    assert best_match(person(None, "Tomas Lindquist"), [person(1, "Tomas Lindqvist")]) is not None


def test_pair_score_prefers_full_names_to_surnames() -> None:
    p = pair_score(person(1, "Orlov", "Andrei Orlov"), person(2, "Андрей Орлов", lang="ru"))
    assert p.kind == "full name" and p.score == 1.0


def test_full_name_with_surname_alias_is_not_a_lone_surname() -> None:
    new = person(None, "Павел Соколов", "Соколов", lang="ru")
    assert best_match(new, [person(2, "Ilya Sokolov")]) is None


def test_place_typed_venue_in_one_language_joins_its_region() -> None:
    lake = EntityProfile(1, "Region", ["озеро Тана"], "ru")
    assert best_match(EntityProfile(None, "Venue", ["Lake Tana"], "en"), [lake]) is not None
    assert best_match(EntityProfile(None, "Person", ["Tana"], "en"), [lake]) is None


def test_a_cinema_named_after_a_city_is_not_the_city() -> None:
    city = EntityProfile(1, "City", ["Москва"], "ru")
    assert best_match(EntityProfile(None, "Venue", ["Москва"], "ru"), [city]) is None
    assert best_match(EntityProfile(None, "City", ["Moscow"], "en"), [city]) is not None


def test_translated_names_match_only_word_for_word() -> None:
    party = EntityProfile(1, "Organization", ["Communist Party of France"], "en")
    assert best_match(EntityProfile(None, "Organization", ["法国共产党"], "zh"), [party]) is not None
    assert best_match(EntityProfile(None, "Organization", ["法国国家党"], "zh"), [party]) is None


def test_translated_names_agree_by_concepts_and_years_only_across_scripts() -> None:
    edition = EntityProfile(1, "Event", ["Moscow Film Festival 2024"], "en")
    # the Chinese name leaves the year out: the same festival
    match = best_match(EntityProfile(None, "Event", ["莫斯科电影节"], "zh"), [edition])
    assert match is not None and any("years in one name only" in r for r in match.reasons)
    # ... but not when it could be either of two editions
    other = EntityProfile(2, "Event", ["Moscow Film Festival 2025"], "en")
    assert best_match(EntityProfile(None, "Event", ["莫斯科电影节"], "zh"), [edition, other]) is None
    # within one script, or with other years, another edition
    assert best_match(EntityProfile(None, "Event", ["Moscow Film Festival"], "en"), [edition]) is None
    assert best_match(EntityProfile(None, "Event", ["莫斯科电影节2025"], "zh"), [edition]) is None
    # another city, another kind of year: another event
    assert best_match(EntityProfile(None, "Event", ["上海电影节"], "zh"), [edition]) is None
    years = EntityProfile(3, "Event", ["France-India Year of Culture 2026"], "en")
    assert best_match(EntityProfile(None, "Event", ["法印文化年"], "zh"), [years]) is not None
    assert best_match(EntityProfile(None, "Event", ["法印电影年"], "zh"), [years]) is None


def test_a_train_typed_organization_joins_its_line_but_a_person_never_joins_a_place() -> None:
    line = EntityProfile(1, "Other", ["Транссибирская магистраль"], "ru")
    assert best_match(EntityProfile(None, "Organization", ["Trans-Siberian Railway"], "en"), [line]) is not None
    assert best_match(EntityProfile(None, "Other", ["西伯利亚铁路"], "zh"), [line]) is not None
    street = EntityProfile(2, "Region", ["Новый Тверской"], "ru")
    for place_type in ("Other", "Venue", "City", "Region"):
        assert best_match(EntityProfile(None, place_type, ["Novy Tverskoy"], "en"), [street]) is not None, place_type
    assert best_match(EntityProfile(None, "Person", ["Novy Tverskoy"], "en"), [street]) is None
