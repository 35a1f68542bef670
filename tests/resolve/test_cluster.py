"""resolve_all: cross-script clusters of the multilingual dev set, and no chaining of namesakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reelgraph.resolve.cluster import ResolveStats, candidate_pairs, resolve_all
from reelgraph.resolve.compare import EntityProfile
from reelgraph.resolve.keys import script

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CLUSTERS = SHARED / "corpus" / "multilingual-dev" / "clusters.json"


def person(id, name: str, related: tuple[str, ...] = ()) -> EntityProfile:
    return EntityProfile(id, "Person", [name], "en", frozenset(related))


def _lang(name: str) -> str:
    return {"han": "zh", "cyrillic": "ru"}.get(script(name), "en")


def score_clusters(gold: list[dict]) -> tuple[int, int, list[str]]:
    """Whole gold clusters, groups mixing two gold clusters, and a line per problem."""
    profiles = [EntityProfile((ci, ni), c["type"], [n], _lang(n), frozenset())
                for ci, c in enumerate(gold) for ni, n in enumerate(c["names"])]
    groups = resolve_all(profiles)
    problems = []
    false_merges = 0
    for g in groups:
        if len({ci for ci, _ in g}) > 1:
            false_merges += 1
            problems.append("mixed: " + " | ".join(gold[ci]["names"][ni] for ci, ni in g))
    whole = 0
    for ci, c in enumerate(gold):
        parts = [g for g in groups if any(x[0] == ci for x in g)]
        if len(parts) == 1:
            whole += 1
        else:
            problems.append("split: " + " / ".join(",".join(c["names"][ni] for _, ni in g) for g in parts))
    return whole, false_merges, problems


@pytest.mark.skipif(not CLUSTERS.exists(), reason="shared/ is not beside the checkout")
def test_multilingual_dev_clusters() -> None:
    gold = json.loads(CLUSTERS.read_text(encoding="utf-8"))
    whole, false_merges, problems = score_clusters(gold)
    print(f"multilingual-dev clusters: {whole}/{len(gold)} whole, {false_merges} false merges")
    for line in problems:
        print("  " + line)
    assert false_merges == 0
    # every person and character cluster must be whole: those are transliterations
    personal = [c for c in gold if c["type"] in ("Person", "Character")]
    assert score_clusters(personal)[0] == len(personal)
    assert whole >= 16      # names alone; graph evidence (the film) needs the store


def test_lone_surname_with_two_namesakes_joins_neither() -> None:
    groups = resolve_all([person(1, "Andrei Orlov"), person(2, "Sergei Orlov"), person(3, "Orlov"),
                          person(4, "Орлов")])
    as_sets = sorted(sorted(g) for g in groups)
    assert as_sets == [[1], [2], [3, 4]]


def test_lone_surname_follows_the_evidence() -> None:
    groups = resolve_all([person(1, "Andrei Orlov", ("film:n:storm",)), person(2, "Sergei Orlov"),
                          person(3, "Орлову", ("film:n:storm",))])
    assert sorted(sorted(g) for g in groups) == [[1, 3], [2]]


def test_lone_surname_with_one_full_name_joins_it() -> None:
    groups = resolve_all([person(1, "Andrei Orlov"), person(2, "Орлова"), person(3, "Kim Jisoo")])
    assert sorted(sorted(g) for g in groups) == [[1, 2], [3]]


def test_oversized_blocks_are_compared_in_a_window() -> None:
    # 40 people sharing a surname: the surname block is windowed, not compared all against all
    profiles = [person(i, f"{chr(97 + i % 26)}{chr(97 + i // 26)}ran Orlov") for i in range(40)]
    stats = ResolveStats()
    pairs = candidate_pairs(profiles, stats, max_block=10)
    assert stats.windowed_blocks >= 1
    assert len(pairs) < 40 * 39 // 2
    # the lone surname still meets its neighbours in the sorted window
    lone = person(40, "Orlov")
    assert any(40 in pair for pair in candidate_pairs(profiles + [lone], ResolveStats(), max_block=10))


def test_full_name_with_surname_alias_does_not_join_a_namesake() -> None:
    # an article's "Pavel Sokolov" also called "Соколов" must not absorb another article's "Ilya Sokolov"
    a = EntityProfile(1, "Person", ["Павел Соколов", "Соколов", "Соколова"], "ru", frozenset())
    b = EntityProfile(2, "Person", ["Ilya Sokolov"], "en", frozenset())
    assert sorted(sorted(g) for g in resolve_all([a, b])) == [[1], [2]]


def test_sequels_stay_apart() -> None:
    films = [EntityProfile(i, "Film", [n], "en", frozenset())
             for i, n in enumerate(["Iron Harbor", "Iron Harbor 2", "Iron Harbor 3", "The Iron Harbor"])]
    films.append(EntityProfile(4, "Film", ["钢铁港2"], "zh", frozenset()))
    films.append(EntityProfile(5, "Film", ["钢铁港"], "zh", frozenset()))
    groups = sorted(sorted(g) for g in resolve_all(films))
    assert [1] in groups and [2] in groups and [4] in groups


def test_chinese_spellings_that_read_differently_stay_apart() -> None:
    groups = resolve_all([EntityProfile(1, "Person", ["李娜"], "zh", frozenset()),
                          EntityProfile(2, "Person", ["李娟"], "zh", frozenset())])
    assert len(groups) == 2


def test_two_chinese_variants_join_the_one_latin_name() -> None:
    # 科 and 柯 both transliterate "ko": neither variant may be left out
    groups = resolve_all([EntityProfile(1, "Person", ["Milos Bikovic"], "en", frozenset()),
                          EntityProfile(2, "Person", ["米洛斯·比科维奇"], "zh", frozenset()),
                          EntityProfile(3, "Person", ["米洛斯·比柯维奇"], "zh", frozenset())])
    assert sorted(sorted(g) for g in groups) == [[1, 2, 3]]


def test_two_different_transliterations_do_not_share_one_name() -> None:
    # both read k-l-n-v; only the closer one (卡利诺夫, "kalinof") joins Kalinov
    groups = resolve_all([EntityProfile(1, "Person", ["Kalinov"], "en", frozenset()),
                          EntityProfile(2, "Person", ["卡利诺夫"], "zh", frozenset()),
                          EntityProfile(3, "Person", ["科洛宁夫"], "zh", frozenset())])
    assert sorted(sorted(g) for g in groups) == [[1, 2], [3]]


def test_a_name_without_years_joins_one_edition_only() -> None:
    two = [EntityProfile(1, "Event", ["Moscow Film Festival 2024"], "en"),
           EntityProfile(2, "Event", ["Moscow Film Festival 2025"], "en"), EntityProfile(3, "Event", ["莫斯科电影节"], "zh")]
    assert sorted(map(sorted, resolve_all(two))) == [[1], [2], [3]]
    one = [two[0], two[2]]
    assert sorted(map(sorted, resolve_all(one))) == [[1, 3]]
