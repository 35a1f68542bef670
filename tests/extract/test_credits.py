"""extract/facts.py credits: director, writer, composer, cast, producer, DoP, genre and filming location cues
on sentences we wrote (no name here comes from the scoring sets)."""

from __future__ import annotations

import re

from reelgraph.extract import facts
from reelgraph.model import Extraction

from .test_facts import has, run
from .test_facts import plain_triples as triples


def genres(ex: Extraction) -> set[tuple]:
    return {(s, o) for s, p, o in triples(ex) if p == "P136"}


def test_genre_of_a_headline_title_without_determiner() -> None:
    ex = run('Finnish-Polish drama "The Glass Ferry" wins the top prize in Turku\n\n'
             'TURKU, 3 May 2026 — The jury praised the film.')
    assert has(ex, "Glass Ferry", "P136", "drama film") or has(ex, "The Glass Ferry", "P136", "drama film")


def test_genre_before_a_title_that_starts_with_the() -> None:
    ex = run('Sales agent Norvik has sold Greek director Ilias Varo\'s thriller "The Salt Hour" to Spain.')
    assert {g for _, g in genres(ex)} == {"thriller film"}


def test_genre_after_whose_and_a_year() -> None:
    ex = run('The film will be directed by Ansel Brook, whose 2018 drama "The Ninth Well" won in Tallinn.')
    assert {g for _, g in genres(ex)} == {"drama film"}


def test_genre_after_a_year_in_brackets_is_no_colour() -> None:
    ex = run('Her breakthrough came with "The Copper Years" (1974), a black-and-white drama about a miner.')
    assert {g for _, g in genres(ex)} == {"drama film"}


def test_film_noun_without_determiner_gives_no_genre() -> None:
    # 'period pic' says only that the film is set in the past: no genre without a determiner before it.
    ex = run('Italian period pic "Villa Corsi" held the top spot for a third frame.')
    assert genres(ex) == set()


def test_wartime_is_a_genre_modifier() -> None:
    ex = run('Brightwater Studios, the producer behind the wartime drama "The Far Ridge", named a new chief.')
    assert {g for _, g in genres(ex)} == {"wartime drama film"}


def test_writer_described_before_the_name() -> None:
    ex = run('"The Amber Gate" was directed by Noor Valik and was written by her brother, Teo Valik.')
    assert has(ex, "Amber Gate", "P58", "Teo Valik")
    ex = run('Shooting began on "Salt Roads" in Ghent. The screenplay is by Ana Ferro and the Belgian writer Luc Demaret.')
    assert has(ex, "Salt Roads", "P58", "Luc Demaret") and has(ex, "Salt Roads", "P58", "Ana Ferro")


def test_a_second_credit_clause_is_no_described_name() -> None:
    # "and the score is by X" starts another credit: X did not write the screenplay.
    ex = run('The screenplay of "Kite Hill" was written by Mara Oda, and the score is by Jun Sato.')
    assert has(ex, "Kite Hill", "P58", "Mara Oda")
    assert not has(ex, "Kite Hill", "P58", "Jun Sato")


def test_director_best_known_for_a_film() -> None:
    ex = run('"Nine Bells" is produced by Arno Vell. Arno Vell has hired Kofi Mensah-Lind, a Ghanaian-Dutch director '
             'best known for the rowing drama "Still Water," to direct.')
    assert has(ex, "Still Water", "P57", "Kofi Mensah-Lind")


def test_director_whose_earlier_films_include() -> None:
    ex = run('Lund, whose earlier films include the Oslo crime drama "Black Quay" (2014), returns to direct.')
    assert has(ex, "Black Quay", "P57", "Lund")


def test_director_for_whom_she_scored() -> None:
    # Said outright, not only "director X" near a title (a weaker cue, below 0.7).
    ex = run('Runa Dahl, the composer who scores silence\n\nShe has scored all of Ole Berg’s films, including '
             '"Ice Hymn" (2016). Her other collaborators include the Dutch director Pim Aalders, for whom she '
             'scored "Low Tide" (2019), and the Welsh filmmaker Rhys Bevan, whose "Slate" (2021) she recorded.')
    names = {e.id: e.name for e in ex.entities}
    assert any(names[f.subject] == "Low Tide" and f.predicate == "P57" and names.get(f.object.entity) == "Pim Aalders"
               and f.confidence >= 0.75 for f in ex.facts)


def test_composer_whose_score_for() -> None:
    ex = run('"The Grey Fjord" is a 2023 film directed by Ole Berg. Silence matters, says Runa Dahl, the Icelandic '
             'composer whose score for "The Grey Fjord" won a prize.')
    assert has(ex, "The Grey Fjord", "P86", "Runa Dahl")


def test_every_name_as_role_of_a_cast_list() -> None:
    ex = run('"Iron Orchard" was directed by Paul Wend and starred Ada Crane as Helga, Rolf Imre as Tomas, '
             'and Leo Varga as Stefan.')
    for actor in ("Ada Crane", "Rolf Imre", "Leo Varga"):
        assert has(ex, "Iron Orchard", "P161", actor)
    assert not has(ex, "Iron Orchard", "P161", "Paul Wend")


def test_roles_played_and_taken_by() -> None:
    ex = run('"The Reed Cutters" opens the festival. The lead roles are played by Mira Holt, as a basket maker, '
             'and by Ivo Brandt, who is cast as her husband. A supporting role is taken by Oona Lamm.')
    for actor in ("Mira Holt", "Ivo Brandt", "Oona Lamm"):
        assert has(ex, "Reed Cutters", "P161", actor)


def test_adapted_for_the_screen_by_and_written_with() -> None:
    ex = run('"The Glass Key Affair" is a 1931 film based on a novel by Ann Roe, and adapted to screen by Carl Dunn.')
    assert has(ex, "The Glass Key Affair", "P58", "Carl Dunn")
    ex = run('He followed it with "Stone Mill" (1979), written with his longtime collaborator Feri Bakos.')
    assert has(ex, "Stone Mill", "P58", "Feri Bakos")


def test_director_of_a_title_whose_the_stands_outside() -> None:
    ex = run('Marta Ilves, director of "The Amber Coast," dies at 91\n\nTALLINN, 3 March 2026 — Her drama '
             '"The Amber Coast" (1969) won the Golden Bear.')
    assert has(ex, "Amber Coast", "P57", "Marta Ilves") or has(ex, "The Amber Coast", "P57", "Marta Ilves")


def test_title_by_a_person_is_directed_by_them() -> None:
    ex = run('The audience award went to the Latvian documentary short "Birch Line" by Anna Ozola.')
    assert has(ex, "Birch Line", "P57", "Anna Ozola")
    ex = run('The film "Grey Wells" is based on the novel "Night Rooms" by Ewa Lis and was directed by Jan Bor.')
    assert not any(p == "P57" and o == "Ewa Lis" for s, p, o in triples(ex))


def test_score_with_an_aside_and_score_and_soundtrack() -> None:
    ex = run('The documentary "The Slate Shore" won the jury prize. The score, played on a fiddle, was composed by '
             'Ned Treloar.')
    assert has(ex, "Slate Shore", "P86", "Ned Treloar") or has(ex, "The Slate Shore", "P86", "Ned Treloar")
    ex = run('"Kadal Veedu" is a 2015 drama film. The background score and soundtrack are composed by Vinu Raj.')
    assert has(ex, "Kadal Veedu", "P86", "Vinu Raj")


def test_a_festival_directed_by_someone_is_no_film_credit() -> None:
    ex = run('"Dry Stone" won the top prize at the Fell Documentary Festival. The festival, which ran from '
             '4 to 8 June, is directed by Ruth Ames.')
    assert not any(p == "P57" and o == "Ruth Ames" for s, p, o in triples(ex))


def test_filming_location_on_the_coast_of_and_in_southern() -> None:
    ex = run('"Salt Harbour" was produced by Kelp Pictures, and it was shot over ten weeks on the coast of '
             'County Clare.')
    assert has(ex, "Salt Harbour", "P915", "County Clare")
    ex = run('"Dune Letters" is a drama directed by Sami Haddou. It was shot over three months in southern Algeria.')
    assert has(ex, "Dune Letters", "P915", "Algeria")


def test_filming_began_on_a_date_in_a_region() -> None:
    ex = run('TBILISI, 8 September 2025 — Filming began on Monday in the Imereti region of Georgia on '
             '"The Stone Orchard," a drama directed by Levan Abashidze.')
    assert has(ex, "Stone Orchard", "P915", "Imereti") or has(ex, "The Stone Orchard", "P915", "Imereti")


def test_second_star_of_a_list_described_without_a_role_name() -> None:
    ex = run('The thriller "Night Ferry" stars Ivo Laan as a ship\'s cook and Dutch actress Saskia Mol as a stowaway who '
             'hides in the galley.')
    assert has(ex, "Night Ferry", "P161", "Saskia Mol")
    ex = run('Directed by Ravi Anand, the drama "Blue Loom" stars Kabir Sen as a weaver and Belgian actress Lise '
             'Claes as Odile Fabre, a dyer.')
    assert has(ex, "Blue Loom", "P161", "Lise Claes")


def test_character_voiced_by() -> None:
    ex = run('The animated film "Paper Kite" follows a girl, Sora, who flies letters over a wall. The character is voiced by Aya Mori.')
    assert has(ex, "Paper Kite", "P161", "Aya Mori")


def test_prize_to_a_person_for_a_film_in_which_she_plays() -> None:
    ex = run('Best actress went to Lena Berg for "Moss Hour," in which she plays a night nurse. The film, directed '
             'by Karl Sund, also won best screenplay.')
    assert has(ex, "Moss Hour", "P161", "Lena Berg")
    ex = run('The jury gave the best actor prize to Pablo Ruiz for his role as a disgraced priest, Father Juan, '
             'in "The Bell Ringer," directed by Ana Sol.')
    assert has(ex, "Bell Ringer", "P161", "Pablo Ruiz") or has(ex, "The Bell Ringer", "P161", "Pablo Ruiz")


def test_kin_then_a_described_name() -> None:
    ex = run('"Low Water" stars Ewan Dunn. Ross Dunn wrote the script with his sister, the novelist Isla Dunn.')
    assert has(ex, "Low Water", "P58", "Isla Dunn")


def test_scripted_and_directed_a_title() -> None:
    ex = run('Arun Menon (born 1984) is an Indian singer, actor and director. He made his acting debut in Cycle Lane '
             '(2008), and since then he has acted in many films. His directorial debut was in 2010 with Harbour '
             'Club. He scripted and directed the film Kadalora in 2013, which introduced his brother as an actor.')
    assert has(ex, "Kadalora", "P57", "Arun Menon") and has(ex, "Kadalora", "P58", "Arun Menon")
    assert not has(ex, "Kadalora", "P161", "Arun Menon")


def test_directs_from_her_own_screenplay() -> None:
    ex = run('Larkspur Films has cast "The Quiet Mill," the period drama that Chilean filmmaker Rosa Vidal will '
             'direct from her own screenplay.')
    assert has(ex, "Quiet Mill", "P58", "Rosa Vidal") or has(ex, "The Quiet Mill", "P58", "Rosa Vidal")


def test_demonym_typed_as_a_company_before_a_role_noun() -> None:
    # "directed by Kazakh filmmaker X" where typing made "Kazakh" a company: the list is the filmmaker alone.
    assert re.fullmatch(facts.SLOTS["NAMES"], "⟦O0⟧ filmmaker ⟦P1⟧")


def test_best_director_actor_and_screenplay_prizes_to_a_person_for_a_film() -> None:
    ex = run('The Japanese drama "Harbor Lamps" won twice. The jury gave the Golden Gull for best director to Aiko '
             'Tanabe for "Harbor Lamps," and the best screenplay award went to Tomas Reyes for the thriller '
             '"The Ninth Bell."')
    assert has(ex, "Harbor Lamps", "P57", "Aiko Tanabe")
    assert has(ex, "Ninth Bell", "P58", "Tomas Reyes") or has(ex, "The Ninth Bell", "P58", "Tomas Reyes")
    ex = run('The best actress prize went to Dutch actress Liv Hals for the drama "Grey Orchard."')
    assert has(ex, "Grey Orchard", "P161", "Liv Hals")


def test_songs_composed_by_a_duo() -> None:
    ex = run('The musical drama "Neel Kamal" opened on Friday. The film\'s nine songs were composed by the duo '
             'Sanjay Rao and Vikram Pal.')
    assert has(ex, "Neel Kamal", "P86", "Sanjay Rao") and has(ex, "Neel Kamal", "P86", "Vikram Pal")
