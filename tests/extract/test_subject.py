"""extract/facts.py: which film a fact belongs to, where a name list ends, and negation scoped to a
cue's own verb; on sentences we wrote."""

from __future__ import annotations

from .test_facts import plain_triples as triples
from .test_facts import run, types


# ---- where a name list ends --------------------------------------------------

def test_directed_by_list_stops_before_the_next_clause_subject() -> None:
    got = triples(run('In "Copper Lantern", directed by Alma Reyes, Dana Whitcombe plays a lighthouse keeper.'))
    assert ("Copper Lantern", "P57", "Alma Reyes") in got
    assert ("Copper Lantern", "P57", "Dana Whitcombe") not in got


def test_producer_list_stops_before_the_reporting_paper() -> None:
    ex = run('"Copper Lantern" is produced by Hal Brenner, Variety reported.')
    got = triples(ex)
    assert ("Copper Lantern", "P162", "Hal Brenner") in got
    assert not [t for t in got if "Variety" in t]


def test_a_publication_in_a_producer_slot_is_no_person() -> None:
    ex = run('"Copper Lantern" was produced by Variety, the film\'s company said.')
    assert not [t for t in triples(ex) if "Variety" in t]
    assert types(ex).get("Variety") != "Person"


# ---- "In X, B plays ...", "A directed it" -------------------------------------

def test_in_film_someone_plays_and_another_directed_it() -> None:
    got = triples(run('In "Copper Lantern" Dana Whitcombe plays a lighthouse keeper, and Alma Reyes directed it.'))
    assert ("Copper Lantern", "P57", "Alma Reyes") in got
    assert ("Copper Lantern", "P161", "Dana Whitcombe") in got


def test_in_film_directed_by_someone_plays() -> None:
    got = triples(run('In "Copper Lantern", directed by Alma Reyes, Dana Whitcombe plays a lighthouse keeper.'))
    assert ("Copper Lantern", "P161", "Dana Whitcombe") in got


# ---- a year beside a title -----------------------------------------------------

def test_a_directors_lead_title_year_after_wrote_is_no_direction() -> None:
    got = triples(run("Alma Reyes (born 1975) is a Chilean film director. "
                      "She wrote Red Lamp (2014) and directed Blue Hour (2018).", published=None))
    assert ("Blue Hour", "P57", "Alma Reyes") in got
    assert ("Red Lamp", "P58", "Alma Reyes") in got
    assert ("Red Lamp", "P57", "Alma Reyes") not in got


def test_the_year_of_the_next_film_in_a_list_is_not_the_first_films() -> None:
    got = triples(run("She appeared in the 2006 film Copper Lantern, and 2009 drama film Salt Meadow."))
    assert ("Copper Lantern", "P577", "2006") in got and ("Salt Meadow", "P577", "2009") in got
    assert ("Copper Lantern", "P577", "2009") not in got


# ---- negation belongs to its verb --------------------------------------------------

def test_a_negated_cue_verb_states_nothing() -> None:
    got = triples(run('"Copper Lantern" wasn\'t directed by Alma Reyes.'))
    assert ("Copper Lantern", "P57", "Alma Reyes") not in got
    got = triples(run('"Copper Lantern" will not be released in cinemas on June 5.'))
    assert not [t for t in got if t[1] == "P577"]


def test_a_negation_of_another_verb_keeps_the_cue() -> None:
    got = triples(run('Dana Whitcombe has not been cast in "Copper Lantern", directed by Alma Reyes.'))
    assert ("Copper Lantern", "P57", "Alma Reyes") in got
    assert ("Copper Lantern", "P161", "Dana Whitcombe") not in got


def test_not_only_is_no_negation() -> None:
    got = triples(run('"Copper Lantern" was not only directed by Alma Reyes but also produced by Tom Ruiz.'))
    assert ("Copper Lantern", "P57", "Alma Reyes") in got
    assert ("Copper Lantern", "P162", "Tom Ruiz") in got


def test_a_negation_in_quoted_speech_negates_nothing_outside_it() -> None:
    got = triples(run('Alma Reyes, best known for the sports drama "Copper Lantern," said she wanted "a film about '
                      'work, not about the sea."'))
    assert ("Copper Lantern", "P136", "sports drama film") in got


def test_a_sales_figure_is_no_box_office() -> None:
    # Once "Terms were not disclosed, but ..." dropped the whole clause; now the negation is "disclosed"'s.
    got = triples(run('The thriller "Copper Lantern" sold to ten territories. Terms were kept private, but one '
                      "buyer put the total at more than €1.5 million in minimum guarantees."))
    assert not [t for t in got if t[1] == "P2142"]


# ---- which film a clause talks about ----------------------------------------------

def test_a_cue_continuing_after_a_compared_film_is_about_the_clauses_film() -> None:
    got = triples(run('The thriller "Copper Lantern" is her second feature after the 2021 drama "Salt Meadow", '
                      "and stars Dana Whitcombe and Hal Brenner."))
    assert ("Copper Lantern", "P161", "Dana Whitcombe") in got and ("Copper Lantern", "P161", "Hal Brenner") in got
    assert not [t for t in got if t[0] == "Salt Meadow" and t[1] == "P161"]


def test_a_relative_clause_after_a_compared_film_is_about_that_film() -> None:
    got = triples(run('The thriller "Copper Lantern" is her second feature after the 2021 drama "Salt Meadow", '
                      "which starred Dana Whitcombe."))
    assert ("Salt Meadow", "P161", "Dana Whitcombe") in got
    assert ("Copper Lantern", "P161", "Dana Whitcombe") not in got


def test_it_after_a_sentence_opening_with_another_film_is_that_film() -> None:
    got = triples(run('"Copper Lantern" opens on Friday. "Copper Lantern" is directed by Alma Reyes. '
                      '"Salt Meadow", from Tom Ruiz, arrives in 200 theaters. It stars Dana Whitcombe as a miner.'))
    assert ("Salt Meadow", "P161", "Dana Whitcombe") in got
    assert ("Copper Lantern", "P161", "Dana Whitcombe") not in got


def test_the_film_in_a_roundup_paragraph_is_the_paragraphs_film() -> None:
    got = triples(run('"Copper Lantern" opens on Friday. "Copper Lantern" is directed by Alma Reyes.\n\n'
                      'Elsewhere, Tom Ruiz\'s "Salt Meadow" arrives in 200 theaters. The film grossed $4 million '
                      "in its first week."))
    assert ("Salt Meadow", "P2142", "4000000") in got
    assert ("Copper Lantern", "P2142", "4000000") not in got


def test_the_film_opening_a_clause_is_not_a_film_named_after_the_cue() -> None:
    got = triples(run('Two studios signed on Monday to co-produce the drama "Copper Lantern." The film will be '
                      'shot by cinematographer Ivo Lind, whose brother made the thriller "Salt Meadow".'))
    assert ("Copper Lantern", "P344", "Ivo Lind") in got
    assert ("Salt Meadow", "P344", "Ivo Lind") not in got


def test_a_film_named_after_the_film_is_pointed_back_at_is_another_one() -> None:
    got = triples(run('The drama "Copper Lantern" opens on Friday. Alma Reyes wrote the screenplay with Tom Ruiz, and '
                      'the film was shot on the old set of the western "Salt Meadow".'))
    assert ("Copper Lantern", "P58", "Alma Reyes") in got
    assert not [t for t in got if t[0] == "Salt Meadow" and t[1] == "P58"]


def test_the_film_as_the_subject_of_a_cue_verb_points_back() -> None:
    got = triples(run('The drama "Copper Lantern" opens on Friday. Alma Reyes wrote it in a year, and the film was shot '
                      'in Tavira, a town known for the western "Salt Meadow".'))
    assert ("Copper Lantern", "P915", "Tavira") in got
    assert ("Salt Meadow", "P915", "Tavira") not in got


def test_the_film_stars_after_a_directed_by_list_is_no_director() -> None:
    got = triples(run('The epic "Copper Lantern" opened the festival. Directed by Chilean filmmaker Alma Reyes, the film '
                      "stars Dana Whitcombe as a caravan guide."))
    assert ("Copper Lantern", "P57", "Alma Reyes") in got
    assert ("Copper Lantern", "P57", "Dana Whitcombe") not in got
    assert ("Copper Lantern", "P161", "Dana Whitcombe") in got


def test_a_clause_about_the_festival_is_not_about_the_film() -> None:
    got = triples(run('The documentary "Copper Lantern" won the top prize. The festival, which ran from 4 to 8 June, '
                      "is directed by Ruth Ashdown and chaired by Tom Ruiz."))
    assert ("Copper Lantern", "P57", "Ruth Ashdown") not in got


def test_a_budget_is_no_box_office() -> None:
    got = triples(run('Honourable mention: "Copper Lantern," a horror film by Alma Reyes, made for £200,000 and took '
                      "£3.1 million."))
    assert ("Copper Lantern", "P2142", "3100000") in got
    assert ("Copper Lantern", "P2142", "200000") not in got



def test_the_film_after_a_side_clause_film_is_the_film_before_it() -> None:
    got = triples(run('Two studios signed on Monday to co-produce "Copper Lantern," a horseback epic about caravans.\n\n'
                      "The film will be directed by Chilean filmmaker Alma Reyes, whose 2019 drama \"Salt Meadow\" won "
                      "the Golden Cup at a festival. Actor Tom Ruiz has been cast as an envoy."))
    assert ("Copper Lantern", "P161", "Tom Ruiz") in got
    assert ("Salt Meadow", "P161", "Tom Ruiz") not in got


def test_a_title_named_by_called_before_the_cue_is_not_the_articles_film() -> None:
    got = triples(run('The drama "Copper Lantern" opens on Friday, and "Copper Lantern" is a hit. A documentary of its '
                      "first year, called Lantern Express Line, directed by Tom Ruiz premiered at a festival."))
    assert ("Copper Lantern", "P57", "Tom Ruiz") not in got


def test_a_clause_about_a_music_video_is_not_about_the_film() -> None:
    got = triples(run('The drama "Copper Lantern" opens on Friday. The accompanying music video was directed by '
                      "Tom Ruiz, featuring Dana Whitcombe walking along a beach."))
    assert not [t for t in got if t[0] == "Copper Lantern" and t[1] in ("P57", "P161")]


def test_a_directors_film_is_the_film_found_directed_by_them() -> None:
    got = triples(run('Elsewhere, "Salt Meadow", directed by Tom Ruiz, arrived in 200 theaters. The drama "Copper '
                      "Lantern\" topped the chart with $9 million. Ruiz's film took $4 million."))
    assert ("Salt Meadow", "P2142", "4000000") in got
    assert ("Copper Lantern", "P2142", "4000000") not in got


def test_it_after_a_chart_place_sentence_is_that_film() -> None:
    got = triples(run('"Copper Lantern" topped the box office again. "Copper Lantern" is directed by Alma Reyes.\n'
                      'In second place, the thriller "Salt Meadow" held well. It earned $4 million in its third weekend.'))
    assert ("Salt Meadow", "P2142", "4000000") in got
    assert ("Copper Lantern", "P2142", "4000000") not in got
