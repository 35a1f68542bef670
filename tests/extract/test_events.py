"""extract/facts.py and dates.py on festivals, awards, premieres, releases and box office: sentences we wrote."""

from __future__ import annotations

from reelgraph.extract.dates import infer_reference_year

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


def test_a_festival_opening_is_no_release_and_gives_the_festival_its_dates() -> None:
    ex = run('The Polish short "Salt Hours" won the Amber Lantern at the 3rd Riga Film Festival.\n'
             "The festival opened on 13 May. The festival, which ran until 18 May, closed with the "
             'out-of-competition screening of the thriller "Night Ferry."')
    assert not _values(ex, "P577")
    assert has(ex, "3rd Riga Film Festival", "P580", "2026-05-13")
    assert has(ex, "3rd Riga Film Festival", "P582", "2026-05-18")
    assert has(ex, "Night Ferry", "P5072", "3rd Riga Film Festival")


def test_a_festival_opens_with_a_films_world_premiere() -> None:
    ex = run('The 5th Dune Coast Film Festival will open on 12 September with the world premiere of "Tideline," '
             "the second feature by Scottish director Ewan Bell.")
    assert has(ex, "Tideline", "P1191", "2026-09-12")
    assert not _values(ex, "P577")


def test_the_closing_film_and_the_prizes_belong_to_the_festival_named_before() -> None:
    ex = run('The Latvian drama "Salt Hours" won the top prize at the 3rd Riga Film Festival.\n'
             'The closing-night film is "Paper Kites," a Lithuanian short by Rasa Vaitke.\n'
             'The audience award went to the documentary "Night Ferry," by Janis Ozols.')
    assert has(ex, "Paper Kites", "P5072", "3rd Riga Film Festival")
    assert has(ex, "Night Ferry", "P5072", "3rd Riga Film Festival")


def test_no_festival_named_no_festival_for_a_prize() -> None:
    ex = run('The audience award went to the documentary "Night Ferry," by Janis Ozols.')
    assert not _values(ex, "P5072")


def test_a_listing_blurb_winner_of_an_award_at_a_festival() -> None:
    ex = run("Night Ferry (12A, 94 min)\nJanis Ozols's documentary follows three ferrymen in Liepaja. "
             "Winner of the Best Documentary award at the Riga International Film Festival.")
    assert has(ex, "Night Ferry", "P166", "Best Documentary")
    assert has(ex, "Night Ferry", "P5072", "Riga International Film Festival")


def test_winner_of_a_pageant_inside_a_sentence_is_no_films_award() -> None:
    ex = run('Ada Lind (born 1970) is a former actress and winner of the Miss Riga pageant of 1990. '
             'She appeared in "Night Ferry" in 1994.')
    assert not {(s, o) for s, o in _values(ex, "P166") if s == "Night Ferry"}


def test_reference_year_a_headline_year_and_a_short_season_span() -> None:
    text = "Festival unveils 2025 line-up\n\nThe festival opens on 25 September.\nA third city joins the festival in 2026."
    assert infer_reference_year(text)[0] == "2025"
    assert infer_reference_year("The first film of the 2024-25 winter season, since 2019 and 2019 again.")[0] == "2025"


def _amounts(ex) -> set:
    return {(f.object.value, f.object.unit) for f in ex.facts if f.predicate == "P2142"}


def test_the_yen_sign_in_a_japanese_story_and_the_real() -> None:
    ex = run('Anime "Paper Comet" passes 5 billion yen in Japan\n\n'
             'The animated feature "Paper Comet" has become the first film this winter to pass ¥5 billion at the '
             "Japanese box office. The film has earned ¥5.2 billion ($33 million) from 3.1 million admissions.")
    assert _amounts(ex) == {("5200000000", "JPY"), ("33000000", "USD")}
    ex = run('Brazilian western "Dry River" opens strongly, earning R$11 million\n\n'
             'The Brazilian western "Dry River" earned R$11.3 million (about $2.1 million) in its first four days.')
    assert _amounts(ex) == {("11300000", "BRL"), ("2100000", "USD")}


def test_this_years_edition_runs_until_in_two_cities() -> None:
    ex = run("The 5th Dune Coast Film Festival will open on 12 September. This year's edition runs until 20 September "
             "in Aberdeen and Inverness.")
    assert has(ex, "5th Dune Coast Film Festival", "P582", "2026-09-20")
    assert has(ex, "5th Dune Coast Film Festival", "P276", "Aberdeen")


def test_a_festival_ended_in_a_town_and_a_dateline_is_no_event_date() -> None:
    ex = run('SKIPTON, 9 June 2025 — "Slate Hills," a documentary about quarrymen, won the Grand Jury Prize at the '
             "Dales Film Festival, which ended on Sunday in Skipton.", published="2025-06-09")
    assert ("Dales Film Festival", "skipton") in {(s, o.lower()) for s, o in _values(ex, "P276")}
    assert not _values(ex, "P585")


def test_a_festival_held_from_a_date_at_a_venue_in_a_city() -> None:
    ex = run('"Slate Hills" will open the Lakeside Asian Film Festival, which takes place from 30 May to 8 June '
             "at the Lakeshore Cinema in Toronto.")
    assert has(ex, "Lakeside Asian Film Festival", "P276", "Toronto")


def test_premieres_in_the_festivals_town_is_that_festival() -> None:
    ex = run('"The Dry Road" premieres in Venice to a standing ovation\n\n'
             'The desert epic "The Dry Road" premiered Thursday at the Venice Film Festival.')
    assert has(ex, "Dry Road", "P5072", "Venice Film Festival")
    assert not has(ex, "Dry Road", "P5072", "Venice")


def test_an_award_to_a_quoted_title_with_its_article_outside_the_tag() -> None:
    ex = run('The Latvian drama "Salt Hours" won the top prize at the 3rd Riga Film Festival.\n'
             'The jury gave its special mention to "The Ninth Pier," an Estonian animated short by Kadri Kask.\n'
             '"The Ninth Pier" is a 2025 animated film directed by Kadri Kask.')
    assert has(ex, "Ninth Pier", "P166", "special mention")
    assert has(ex, "Ninth Pier", "P5072", "3rd Riga Film Festival")


def test_the_film_won_and_for_which_she_won() -> None:
    ex = run('Ada Lind (born 1970) is an Estonian actress best known for her role as Mari in "Salt Hours" (1994), '
             "for which she won the Golden Lynx Award for Best Actress in a Leading Role in 1995.")
    assert has(ex, "Ada Lind", "P166", "Golden Lynx Award for Best Actress")
    ex = run('"Salt Hours" is a 1994 drama directed by Ada Lind. The film won the Golden Lynx at the Tallinn Film Festival.')
    assert has(ex, "Salt Hours", "P166", "Golden Lynx")


def test_a_directors_earlier_film_won_a_directors_prize() -> None:
    ex = run('Kim, whose earlier "Salt River" won the Blue Crane Award for best new director, co-wrote the script.')
    assert has(ex, "Kim", "P166", "Blue Crane Award for best new director")
    ex = run('Kim, whose earlier "Salt River" won the Blue Crane Award for best film, co-wrote the script.')
    assert not has(ex, "Kim", "P166", "Blue Crane Award for best film")


def test_release_after_opening_a_week_later_and_reaching_cinemas() -> None:
    ex = run('The drama "Salt Hours" was the year\'s number one after opening on 24 May.')
    assert has(ex, "Salt Hours", "P577", "2026-05-24")
    ex = run('"Salt Hours" opens in Latvia on 16 May. Baltic Screen has the film for Estonia, where it opens a week later, on 23 May.')
    assert has(ex, "Salt Hours", "P577", "2026-05-23")
    ex = run('The drama "Salt Hours" opened in Latvia on 9 October 2025 and will reach Estonian cinemas on 23 October.',
             published="2025-10-10")
    assert has(ex, "Salt Hours", "P577", "2025-10-23", P291="Estonia")



def test_a_show_broadcast_since_a_year_starts_then() -> None:
    ex = run('BBC Four changed its evening schedule on Monday.\n'
             'The late-night news film "Night Desk" has been broadcast on BBC Four since 1981.')
    assert has(ex, "Night Desk", "P580", "1981")


def test_a_known_festival_typed_as_a_town_runs_until() -> None:
    ex = run('The thriller "Salt Hours" premiered in the Panorama section of the Berlinale on Sunday.\n'
             "The Berlinale runs until 23 February.")
    assert has(ex, "Berlinale", "P582", "2026-02-23")


def test_figures_released_on_a_day_are_no_release_of_the_film() -> None:
    ex = run('LOS ANGELES, Oct 13 (Reuters) - Horror comedy "Velvet Teeth" took $9.1 million in its first weekend, '
             "according to studio figures released on Sunday.", published="2024-10-13")
    assert not [f for s, p, f, _ in triples(ex) if p == "P577"]
