"""extract/facts.py and dates.py on festivals, awards, premieres, releases and box office: sentences we wrote."""

from __future__ import annotations

from .test_facts import has, run, triples


def _values(ex, predicate: str) -> set:
    return {(s, o) for s, p, o, _ in triples(ex) if p == predicate}


def test_a_two_word_lowercase_award_keeps_both_words() -> None:
    ex = run('The Latvian short "Salt Hours" screened at the Riga Film Festival.\n'
             "The best actress award went to Ilze Kalnina for her role in the film.")
    assert has(ex, "Ilze Kalnina", "P166", "best actress award")


def test_a_trophy_for_best_film_is_the_trophy() -> None:
    ex = run('"Salt Hours" won the Amber Lantern for best film at the 3rd Riga Film Festival.')
    assert has(ex, "Salt Hours", "P166", "Amber Lantern")
    ex = run('Ilze Kalnina won the Amber Lantern for best actress at the 3rd Riga Film Festival.')
    assert has(ex, "Ilze Kalnina", "P166", "Amber Lantern for best actress")


def test_a_jury_gives_an_award_to_a_film_and_another_to_a_person() -> None:
    ex = run('The Latvian drama "Salt Hours" won the top prize at the 3rd Riga Film Festival.\n'
             'The jury gave its special mention to the animated short "Paper Kites," by Rasa Vaitke, '
             "and the best director prize to Janis Ozols for \"Night Ferry.\"\n"
             'Other prizes went to "Night Ferry," a film about a port in Liepaja.')
    assert has(ex, "Paper Kites", "P166", "special mention")
    assert has(ex, "Janis Ozols", "P166", "best director prize")


def test_an_award_went_to_a_described_film() -> None:
    ex = run('The audience award went to the Estonian documentary short "Tallinn Tram" by Mari Kask.')
    assert has(ex, "Tallinn Tram", "P166", "audience award")


def test_a_film_with_an_apposition_which_took_an_award() -> None:
    ex = run('The Latvian drama "Salt Hours" won the top prize at the 3rd Riga Film Festival.\n'
             'Other prizes went to "Night Ferry," Janis Ozols\'s film about a port in Liepaja, '
             'which took the audience award, and to the documentary "Dune Birds," by Rasa Vaitke, which received the Emerging Voice Award.')
    assert has(ex, "Night Ferry", "P166", "audience award")
    assert has(ex, "Dune Birds", "P166", "Emerging Voice Award")


def test_a_budget_made_for_is_no_gross() -> None:
    ex = run('"Static Bloom," a horror film by Dev Arora, was made for £200,000 and took £3.2 million.')
    amounts = {o for s, o in _values(ex, "P2142")}
    assert "3200000" in amounts and "200000" not in amounts
