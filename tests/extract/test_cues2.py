"""Cue bugs, second round: capitalised titles before 'director', honorifics, title lists with brackets."""

from __future__ import annotations

from .test_facts import has, run
from .test_facts import plain_triples as triples


def test_capitalised_festival_director_is_no_film_director() -> None:
    for title in ("Festival", "Artistic", "Managing"):
        ex = run(f'The thriller "Blue Harbour" opens in May. {title} director Maren Tolk praised the film.')
        assert not any(p == "P57" for _, p, _ in triples(ex)), title


def test_lowercase_director_title_still_gives_the_director() -> None:
    ex = run('The thriller "Blue Harbour" opens in May. Critics praised director Maren Tolk for the film.')
    assert has(ex, "Blue Harbour", "P57", "Maren Tolk")


def test_writer_with_an_honorific_is_a_writer_only() -> None:
    ex = run('The drama "Glass Orchard" was written by Dr. Anna Velt. It opens in May.')
    assert has(ex, "Glass Orchard", "P58", "Anna Velt")
    assert not any(p == "P57" for _, p, _ in triples(ex))


def test_cast_list_with_a_family_particle_and_a_nationality() -> None:
    ex = run('The comedy "Salt Road" stars Brian Kessel as a ranger and Dutch actress Femke de Vries as a hiker.')
    assert has(ex, "Salt Road", "P161", "Femke de Vries")


def test_score_with_a_participle_clause_before_by() -> None:
    ex = run('The drama "Salt Road" was directed by Paul Amsel. The score, built around a lone cello, is by Ines Marlow.')
    assert has(ex, "Salt Road", "P86", "Ines Marlow")


def test_titles_with_years_in_brackets_share_the_credits() -> None:
    ex = run('Zeno Marsh made his name in the 1970s. He followed it with "Winter Lake" (1976) and "The Miller Boy" '
             '(1983), both written with his longtime collaborator Pavel Hruby and photographed by cinematographer '
             'Ivo Lasko. Critics liked them.')
    for film in ("Winter Lake", "Miller Boy"):
        assert any(s.endswith(film) and p == "P58" and o == "Pavel Hruby" for s, p, o in triples(ex)), film
        assert any(s.endswith(film) and p == "P344" and o == "Ivo Lasko" for s, p, o in triples(ex)), film


def test_plural_s_possessive_before_film() -> None:
    ex = run("Critics praised the Marlows' film \"Dust Valley\" last year.")
    assert has(ex, "Dust Valley", "P57", "Marlows")


def test_next_cast_member_is_no_role_of_the_one_before() -> None:
    ex = run('The comedy "Salt Road" stars Brian Kessel as a ranger, Tom Hale as a cook and Dutch actress '
             'Femke de Vries as a hiker.')
    assert has(ex, "Salt Road", "P161", "Tom Hale")
    assert has(ex, "Salt Road", "P161", "Brian Kessel")
    assert not has(ex, "Salt Road", "P161", "Brian Kessel", P453="Tom Hale")


def test_a_role_after_a_description_and_comma_is_still_a_role() -> None:
    ex = run('The comedy "Salt Road" stars Brian Kessel as his brother, Tom, and Mia Lund as the baker Greta.')
    assert has(ex, "Salt Road", "P161", "Brian Kessel", P453="Tom")
    assert has(ex, "Salt Road", "P161", "Mia Lund", P453="Greta")
