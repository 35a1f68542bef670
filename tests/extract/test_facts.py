"""extract/facts.py: each predicate cue on sentences we wrote, modality, dedup, money, bad patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reelgraph.errors import PatternError
from reelgraph.extract import facts
from reelgraph.extract.en import extract
from reelgraph.extract.resources import load_cue_patterns
from reelgraph.model import Document, Extraction


def run(text: str, published: str | None = "2026-03-10") -> Extraction:
    return extract(Document(source="mine.txt", text=text, language="en", published=published))


def triples(ex: Extraction) -> set[tuple]:
    """(subject name, predicate, object name or value, qualifiers by name) of every fact."""
    names = {e.id: e.name for e in ex.entities}
    out = set()
    for f in ex.facts:
        obj = names.get(f.object.entity) if f.object.entity else f.object.value
        quals = tuple(sorted((k, names.get(v.entity) if v.entity else v.value) for k, v in f.qualifiers.items()))
        out.add((names[f.subject], f.predicate, obj, quals))
    return out


def has(ex: Extraction, subject: str, predicate: str, obj: str, **quals: str) -> bool:
    for s, p, o, q in triples(ex):
        if (s, p, o) == (subject, predicate, obj) and all(dict(q).get(k) == v for k, v in quals.items()):
            return True
    return False


def plain_triples(ex: Extraction) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name or value) of every fact, qualifiers left out."""
    return {(s, p, o) for s, p, o, _ in triples(ex)}


def types(ex: Extraction) -> dict[str, str]:
    return {e.name: e.type for e in ex.entities}


def test_directed_by_and_starring_list() -> None:
    ex = run('"Harbour Lights" is a quiet drama directed by Tomas Varga and starring '
             "Lena Ostrova, Piet Dankers and Mira Solberg.")
    assert has(ex, "Harbour Lights", "P57", "Tomas Varga")
    for actor in ("Lena Ostrova", "Piet Dankers", "Mira Solberg"):
        assert has(ex, "Harbour Lights", "P161", actor)


def test_plays_gives_the_role_as_a_character() -> None:
    ex = run('The film "Cold Orchard" opens next week.\nActor Jonas Hrabal plays Inspector Karel Novy, a tired detective.')
    assert has(ex, "Cold Orchard", "P161", "Jonas Hrabal", P453="Karel Novy")
    types = {e.name: e.type for e in ex.entities}
    assert types["Karel Novy"] == "Character" and types["Jonas Hrabal"] == "Person"


def test_a_role_described_as_an_officer_stays_a_character_with_no_employer() -> None:
    ex = run('The film "Iron Steppe" opens in May.\n'
             "Pavel Orlov plays Dmitri Sokolov, a young officer of the Northern Guard, and Ada Lind plays his sister.")
    assert has(ex, "Iron Steppe", "P161", "Pavel Orlov", P453="Dmitri Sokolov")
    types = {e.name: e.type for e in ex.entities}
    assert types["Dmitri Sokolov"] == "Character"
    assert not [f for f in ex.facts if f.predicate == "P108"]


def test_producer_composer_writer_dop() -> None:
    ex = run('"Salt Road" was produced by Ines Vallo, written by Arto Kelmi, with music by '
             "Dario Fenn and cinematography by Yuki Tamsen.")
    assert has(ex, "Salt Road", "P162", "Ines Vallo")
    assert has(ex, "Salt Road", "P58", "Arto Kelmi")
    assert has(ex, "Salt Road", "P86", "Dario Fenn")
    assert has(ex, "Salt Road", "P344", "Yuki Tamsen")


def test_release_with_country_and_nationwide_release() -> None:
    ex = run('The film "Paper Kites" was released in France on March 3rd. It opened in Germany on April 9, 2026.')
    assert has(ex, "Paper Kites", "P577", "2026-03-03", P291="France")
    assert has(ex, "Paper Kites", "P577", "2026-04-09", P291="Germany")


def test_premiere_with_venue_and_city() -> None:
    ex = run('On May 14, the premiere of the film "Glass River" was held at the Aurora Grand Cinema in Tokyo.')
    assert has(ex, "Glass River", "P1191", "2026-05-14", P276="Aurora Grand Cinema", P131="Tokyo")


def test_co_production_demonyms_give_countries_of_origin() -> None:
    ex = run('The Franco-Italian co-production "Blue Hour" was shown last night.')
    assert has(ex, "Blue Hour", "P495", "France") and has(ex, "Blue Hour", "P495", "Italy")


def test_show_noun_after_a_demonym_names_the_show_after_it() -> None:
    # "program", "show" are show nouns: only the name right after one is the show, even one typed otherwise.
    ex = run("Lotte Brink is a Dutch presenter. She was a guest on a Dutch program Kijk Eens Hier in 2004, "
             "and later hosted the Danish quiz show named Hjernestorm.")
    assert has(ex, "Kijk Eens Hier", "P495", "Netherlands")
    assert has(ex, "Hjernestorm", "P495", "Denmark")
    ex = run("Lotte Brink is a Dutch presenter. She watched a Dutch talk show with her mother.")
    assert not any(p == "P495" for _, p, _, _ in triples(ex))


def test_box_office_money_in_iso_units() -> None:
    ex = run('"Night Ferry" grossed $21.6 million in its opening weekend.')
    [fact] = [f for f in ex.facts if f.predicate == "P2142"]
    assert (fact.object.value, fact.object.unit, fact.object.datatype) == ("21600000", "USD", "quantity")
    assert facts.find_money("It took 1.2 billion yuan.", 0, 26)[0][2:] == ("1200000000", "CNY")


def test_festival_places_dates_and_presented_in() -> None:
    ex = run('"Night Ferry" was the opening film of the Northern Lights Film Week. '
             "From June 3rd to 9th, the Northern Lights Film Week was held in Oslo, Bergen and Tromso.")
    assert has(ex, "Night Ferry", "P5072", "Northern Lights Film Week")
    assert has(ex, "Northern Lights Film Week", "P580", "2026-06-03")
    assert has(ex, "Northern Lights Film Week", "P582", "2026-06-09")
    assert has(ex, "Northern Lights Film Week", "P276", "Oslo")


def test_chairman_and_ceo_of_organisations() -> None:
    ex = run("Marta Kovac, chairman of Silverline Pictures Group, spoke first. "
             "Oren Bask, CEO of Delta Screen Corporation, spoke next.")
    assert has(ex, "Silverline Pictures Group", "P488", "Marta Kovac")
    assert has(ex, "Delta Screen Corporation", "P169", "Oren Bask")


def test_wikipedia_intro_year_country_director_cast() -> None:
    ex = run("Winter Harbour is a 1987 Canadian drama film directed by Alain Roux and starring Claire Dumont.",
             published=None)
    assert has(ex, "Winter Harbour", "P577", "1987")
    assert has(ex, "Winter Harbour", "P495", "Canada")
    assert has(ex, "Winter Harbour", "P57", "Alain Roux")
    assert has(ex, "Winter Harbour", "P161", "Claire Dumont")


def test_planned_release_is_not_stated_as_fact() -> None:
    ex = run('"Glass River" is out in Spain now. The producers plan to release the film in Japan on June 1.')
    assert not [f for f in ex.facts if f.predicate == "P577"]


def test_scheduled_future_release_is_kept() -> None:
    ex = run('The movie "Glass River" will be released in Japan on June 1.')
    assert has(ex, "Glass River", "P577", "2026-06-01", P291="Japan")


def test_facts_are_deduplicated_with_all_evidence() -> None:
    ex = run('"Harbour Lights" was directed by Tomas Varga. Critics liked it. "Harbour Lights" was directed by Tomas Varga.')
    [fact] = [f for f in ex.facts if f.predicate == "P57"]
    assert len(fact.evidence) == 2
    for span in fact.evidence:
        assert ex.document.text[span.start:span.end] == span.text


def test_every_fact_has_confidence_and_label() -> None:
    ex = run('"Harbour Lights" is a drama directed by Tomas Varga.')
    for f in ex.facts:
        assert 0 <= f.confidence <= 1 and f.label


def test_bad_pattern_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "en_facts.jsonl"
    good = {"id": "a", "predicate": "P57", "pattern": "directed by {NAMES:object}"}
    path.write_text(json.dumps(good) + "\n" + '{"id": "b", "predicate": "P9999", "pattern": "x"}\n')
    with pytest.raises(PatternError) as err:
        load_cue_patterns(path, {"P57"})
    assert err.value.line == 2 and str(path) in str(err.value)
    path.write_text("{not json\n")
    with pytest.raises(PatternError, match=":1:"):
        load_cue_patterns(path, {"P57"})


def test_unknown_slot_is_a_pattern_error() -> None:
    from reelgraph.extract.resources import CuePattern

    spec = CuePattern("x", "P57", "directed by {WIZARD:object}", 0.5, "film", (), 7)
    with pytest.raises(PatternError, match="unknown slot"):
        facts._compile(spec, "en_facts.jsonl")


def test_trade_press_phrasing() -> None:
    ex = run('Streamer Nordwave has acquired "Copper Lanterns," the dramedy toplined by Ilse Varga and Tomas Reiner. '
             "Helmer Petra Lind co-wrote the script with Ada Moss, and the pic was lensed by DP Jonas Brek.")
    assert has(ex, "Copper Lanterns", "P161", "Ilse Varga") and has(ex, "Copper Lanterns", "P161", "Tomas Reiner")
    assert has(ex, "Copper Lanterns", "P58", "Ada Moss")
    assert has(ex, "Copper Lanterns", "P344", "Jonas Brek")


def test_possessive_director_and_quoted_year() -> None:
    ex = run('She shot "Grey Orchard," Mira Castell\'s noir about a night porter. Her debut was "Blue Dust" (2019).')
    assert has(ex, "Grey Orchard", "P57", "Mira Castell")
    assert has(ex, "Blue Dust", "P577", "2019")


def test_listing_titles_are_films() -> None:
    ex = run("NEW THIS WEEK\nNight Pilot (PG, 104 min)\nAnna Brock and Leo Hahn star as rival pilots. "
             "Directed by Karin Vos.\nOpens Friday.")
    assert has(ex, "Night Pilot", "P57", "Karin Vos")
    assert has(ex, "Night Pilot", "P161", "Anna Brock") and has(ex, "Night Pilot", "P161", "Leo Hahn")


def test_genre_beside_a_title() -> None:
    ex = run('The boxing drama "Iron Ring" opens on Friday in cinemas.')
    assert has(ex, "Iron Ring", "P136", "drama film")


def test_award_won_by_a_film() -> None:
    ex = run('The documentary "Salt Lines" won the Golden Compass for best documentary at the festival.')
    assert has(ex, "Salt Lines", "P166", "Golden Compass for best documentary")


def test_co_directed_by_is_a_director() -> None:
    ex = run('"Lantern Bay" is an animated comedy directed by Oskar Lind and co-directed by Beatrix Holm.')
    assert has(ex, "Lantern Bay", "P57", "Oskar Lind")
    assert has(ex, "Lantern Bay", "P57", "Beatrix Holm")


def test_company_which_produced_and_distributor_which_released() -> None:
    ex = run('"Quarry Bells" opened on Friday. The money came from Bramble Hill Pictures, which produced the film, '
             "and Ostwind Releasing, which released the picture in 400 cinemas.")
    assert has(ex, "Quarry Bells", "P272", "Bramble Hill Pictures")
    assert has(ex, "Quarry Bells", "P750", "Ostwind Releasing")


def test_produced_in_association_with_a_company() -> None:
    ex = run('"Tidewater" was produced by Corran Films in association with the Danish company Havblik Studios.')
    assert has(ex, "Tidewater", "P272", "Corran Films")
    assert has(ex, "Tidewater", "P272", "Havblik Studios")


def test_produced_by_people_for_a_company() -> None:
    ex = run('"Red Fern" was produced by Ada Munro and Tom Reyes for Quillfeather Films.')
    assert has(ex, "Red Fern", "P162", "Ada Munro")
    assert has(ex, "Red Fern", "P272", "Quillfeather Films")


def test_studio_behind_a_film() -> None:
    ex = run('Larkspur Pictures, the independent studio behind the drama "Salt Meadow," said on Monday it had been sold.')
    assert has(ex, "Salt Meadow", "P272", "Larkspur Pictures")


def test_distribution_handled_by() -> None:
    ex = run('The thriller "Frost Line" opens in May. Distribution is being handled by Kettle Lake Releasing.')
    assert has(ex, "Frost Line", "P750", "Kettle Lake Releasing")


def test_feature_someone_as_a_role() -> None:
    ex = run('"Night Ferry" is the first film to feature Dana Orlov as Captain Mira Stone.')
    assert has(ex, "Night Ferry", "P161", "Dana Orlov", P453="Mira Stone")


def test_cast_as_a_described_role_with_a_number() -> None:
    ex = run('Dana Korhonen has been cast as the 19th-century painter Elin Vaara in "The Salt Studio," a biopic.')
    assert has(ex, "Salt Studio", "P161", "Dana Korhonen", P453="Elin Vaara")


def test_joins_as_a_role() -> None:
    ex = run('The thriller "Copper Lane" is shooting in May. Ruth Adeyemi joins as the detective, Mara Quist.')
    assert has(ex, "Copper Lane", "P161", "Ruth Adeyemi", P453="Mara Quist")


def test_its_star_and_opposite() -> None:
    ex = run('The comedy "Late Supper" opened on Friday. Its star, Joel Marsh, plays a waiter called Dino, '
             "opposite Petra Lund as a food critic.")
    assert has(ex, "Late Supper", "P161", "Joel Marsh")
    assert has(ex, "Late Supper", "P161", "Petra Lund")


def test_co_starred_with() -> None:
    ex = run('Her first feature was the drama "Dry Ridge" (2019), in which she co-starred with Owain Bevan.')
    assert has(ex, "Dry Ridge", "P161", "Owain Bevan")


def test_apposition_before_will_play() -> None:
    ex = run('Shooting on the film "Glass Fen" starts in June. Simon Achebe, best known for his stage work, '
             "will play Arthur Pell, a retired judge.")
    assert has(ex, "Glass Fen", "P161", "Simon Achebe", P453="Arthur Pell")


def test_modal_in_reported_speech_keeps_the_speaker_fact() -> None:
    ex = run("Brightwater Films chairman Oskar Feld said the studio would not rush the sequel.")
    assert has(ex, "Brightwater Films", "P488", "Oskar Feld")


def test_modal_before_the_reporting_verb_still_drops_the_clause() -> None:
    ex = run('The drama "Iron Gate" may be directed by Ola Berg, the trade paper said.')
    assert not has(ex, "Iron Gate", "P57", "Ola Berg")


def test_one_word_company_before_chief_executive() -> None:
    ex = run("The streamer will show the film in May. Pinecone's chief executive, Ruth Alvarado, said subscriptions had doubled.")
    assert has(ex, "Pinecone", "P169", "Ruth Alvarado")


def test_event_in_a_city_with_a_modal_side_clause() -> None:
    ex = run('The horror film "Pale Orchard" will premiere on 3 October at the Tallgrass Film Festival in Wichita, '
             "where the director is expected to attend.")
    assert has(ex, "Tallgrass Film Festival", "P276", "Wichita")
    assert has(ex, "Pale Orchard", "P5072", "Tallgrass Film Festival")


def test_event_held_at_a_venue_in_a_city() -> None:
    ex = run("The 9th Northwind Film Awards went to three dramas at a ceremony held at the Marlow Concert Hall in Toronto.")
    assert has(ex, "9th Northwind Film Awards", "P276", "Marlow Concert Hall")
    assert has(ex, "9th Northwind Film Awards", "P276", "Toronto")


def test_film_won_where_it_won() -> None:
    ex = run('The drama "Slate Harbour" premiered at the Galway Film Fleadh in July, where it won the Audience Award.')
    assert has(ex, "Slate Harbour", "P166", "Audience Award")


def test_who_co_wrote_it() -> None:
    ex = run('The comedy "Night Bus" opened on Friday. Femi Adebayo, who co-wrote it with the director, plays a driver.')
    assert has(ex, "Night Bus", "P58", "Femi Adebayo")


def test_descriptions_before_names_in_credits() -> None:
    ex = run('The drama "Low Tide" was directed by first-timer Ciara Quinn from a script by the playwright Owen Daly.')
    assert has(ex, "Low Tide", "P57", "Ciara Quinn")
    assert has(ex, "Low Tide", "P58", "Owen Daly")


def test_for_directing_titles_credits_the_article_person() -> None:
    ex = run("Paul Marchetti (born 4 May 1961) is an American film director and screenwriter. "
             "Marchetti won praise for directing Salt Garden (1994) and The Lamp Keeper (1999).")
    assert has(ex, "Salt Garden", "P57", "Paul Marchetti")
    assert {e.name: e.type for e in ex.entities}["Paul Marchetti"] == "Person"


def test_for_her_role_in_a_title_credits_the_article_person() -> None:
    ex = run("Laura Benton (born 2 June 1970) is an American actress. "
             "She was nominated for Best Actress for her role in Night of Cranes (1998).")
    assert has(ex, "Night of Cranes", "P161", "Laura Benton")


def test_cast_list_lines() -> None:
    ex = run('"Harrow Point" is a 2021 Australian drama film.\n\nCast\nNed Carver as Tom Hale\nRuby Sato as Kit\n')
    assert has(ex, "Harrow Point", "P161", "Ruby Sato")
    assert has(ex, "Harrow Point", "P161", "Ned Carver", P453="Tom Hale")


def test_date_resolution_qualifier_says_how_the_year_was_found() -> None:
    ex = run('The movie "Glass River" will be released in Japan on June 1. '
             'The film "Iron Bell" was released in France on May 2, 2025.')
    assert has(ex, "Glass River", "P577", "2026-06-01",
               **{"rg:date_resolution": "year from publication date 2026-03-10"})
    assert has(ex, "Iron Bell", "P577", "2025-05-02", **{"rg:date_resolution": "explicit"})
    for f in ex.facts:
        assert (f.object.datatype == "date") == ("rg:date_resolution" in f.qualifiers)


def test_date_resolution_of_a_fact_stated_twice_prefers_the_explicit_year() -> None:
    ex = run('The movie "Glass River" was released in Japan on June 1. '
             'Critics liked it. "Glass River" was released in Japan on June 1, 2026.')
    [fact] = [f for f in ex.facts if f.predicate == "P577"]
    assert len(fact.evidence) == 2
    assert fact.qualifiers["rg:date_resolution"].value == "explicit"


def test_plural_subject_gives_a_fact_for_each_film() -> None:
    ex = run('Harbor Nine Pictures announced its slate.\n\n'
             '- "Iron Bell," a drama directed by Tomas Varga.\n'
             '- "Glass River," a comedy directed by Ana Brik.\n\n'
             'Both films are produced by Harbor Nine Pictures.')
    assert has(ex, "Iron Bell", "P272", "Harbor Nine Pictures")
    assert has(ex, "Glass River", "P272", "Harbor Nine Pictures")


def test_title_list_before_the_cue_gives_each_film() -> None:
    ex = run('The films "Iron Bell", "Glass River" and "Salt Road" were produced by Harbor Nine Pictures.')
    for film in ("Iron Bell", "Glass River", "Salt Road"):
        assert has(ex, film, "P272", "Harbor Nine Pictures")


def test_company_short_name_is_the_company_not_a_person() -> None:
    ex = run('Harbor Nine Pictures has a new film. "Iron Bell" is distributed domestically by Harbor '
             'and internationally by Starboard International.')
    assert has(ex, "Iron Bell", "P750", "Harbor Nine Pictures")
    assert has(ex, "Iron Bell", "P750", "Starboard International")
    assert not any(f.predicate == "P162" for f in ex.facts)


def test_company_led_by_chief_executive_and_co_producing_with() -> None:
    ex = run('"Iron Bell" is a drama by Tomas Varga. Harbor Nine Pictures, led by chief executive Ruth Amsel, '
             'is co-producing with Lune Rouge Films.')
    assert has(ex, "Harbor Nine Pictures", "P169", "Ruth Amsel")
    assert has(ex, "Iron Bell", "P272", "Lune Rouge Films")


def test_box_office_shapes_and_converted_amounts() -> None:
    ex = run('The films "Iron Bell", "Glass River" and "Salt Road" are comedies. "Iron Bell" led the weekend, taking in an estimated $21.5 million, for a global opening of $40.2 million. '
             'In Spain, "Glass River" stayed on top with €3.1 million in its second weekend. '
             'In China, the comedy "Salt Road" saw its box office break through 1.2 billion yuan.')
    assert has(ex, "Iron Bell", "P2142", "21500000")
    assert has(ex, "Iron Bell", "P2142", "40200000")
    assert has(ex, "Glass River", "P2142", "3100000")
    assert has(ex, "Salt Road", "P2142", "1200000000")


def test_award_list_lines_give_the_credit_and_the_award() -> None:
    ex = run('"Iron Bell" was the big winner of the night.\n\nBest Film: Iron Bell\n'
             'Best Director: Tomas Varga (Iron Bell)\nBest Screenplay: Ana Brik, Ruth Amsel (Iron Bell)\n')
    assert has(ex, "Iron Bell", "P166", "Best Film")
    assert has(ex, "Iron Bell", "P57", "Tomas Varga")
    assert has(ex, "Tomas Varga", "P166", "Best Director")
    assert has(ex, "Iron Bell", "P58", "Ana Brik") and has(ex, "Iron Bell", "P58", "Ruth Amsel")
    assert has(ex, "Ruth Amsel", "P166", "Best Screenplay")


def test_distributor_opens_the_film_and_streamer_names() -> None:
    ex = run('"Iron Bell" is a drama by Tomas Varga. Northgate Releasing will open the film in cinemas on 4 April. '
             'Streamer Lumen+ has acquired worldwide rights to "Glass River," a comedy by Ana Brik.')
    assert has(ex, "Iron Bell", "P750", "Northgate Releasing")
    assert has(ex, "Glass River", "P750", "Lumen+")


def test_the_films_lead_is_not_the_lead_of_a_film_named_later() -> None:
    ex = run('"Iron Bell" won best film. The film\'s lead, Ruth Amsel, lost to Ana Brik, honoured for '
             'her role in Tomas Varga\'s "Glass River."')
    assert has(ex, "Iron Bell", "P161", "Ruth Amsel")
    assert not has(ex, "Glass River", "P161", "Ruth Amsel")


def test_the_festival_runs_dates_go_to_the_festival_named_before() -> None:
    ex = run('Organisers of the Lakeshore Film Festival announced the jury. '
             'The festival itself runs from 13 to 24 May at the Grand Hall.')
    assert has(ex, "Lakeshore Film Festival", "P580", "2026-05-13")
    assert has(ex, "Lakeshore Film Festival", "P582", "2026-05-24")


def test_employment_and_chief_executive_shapes() -> None:
    ex = run('"We wanted this film," said Ruth Amsel, head of acquisitions at Harbor Nine Pictures. '
             'Lumen+ content chief Dara Vance negotiated the deal. '
             'Northgate Releasing announced the appointment of Tomas Varga as Chief Executive Officer. '
             'Westbrook Films made "Iron Bell" with Ana Brik. Its chief executive, Paul Okafor, was pleased.')
    assert has(ex, "Ruth Amsel", "P108", "Harbor Nine Pictures")
    assert has(ex, "Dara Vance", "P108", "Lumen+")
    assert has(ex, "Northgate Releasing", "P169", "Tomas Varga")
    assert has(ex, "Westbrook Films", "P169", "Paul Okafor")


def test_converted_amount_in_brackets_and_its_date_bow() -> None:
    ex = run('The period drama "Iron Bell" held the top spot in France, cuming €14.2 million ($16.5 million) '
             'since its Feb. 19 bow.')
    assert has(ex, "Iron Bell", "P2142", "14200000")
    assert has(ex, "Iron Bell", "P2142", "16500000")
    assert has(ex, "Iron Bell", "P577", "2026-02-19")


def test_premiere_date_is_the_one_after_the_cue_not_the_dateline() -> None:
    ex = run('LONDON, 12 March 2026 — The drama "Iron Bell" had its world premiere on Tuesday night '
             'at the Regent Palace Cinema in London.', published="2026-03-12")
    assert has(ex, "Iron Bell", "P1191", "2026-03-10")


def test_festival_shapes_section_premiere_and_possessive() -> None:
    ex = run('"Iron Bell" premiered in Competition at the Lakeshore Film Festival. '
             '"Glass River," a comedy by Ana Brik, is coming after its Harbourside Film Festival premiere. '
             '"Salt Road," a drama by Tomas Varga, went to the Lakeshore Film Festival\'s Critics Panorama.')
    assert has(ex, "Iron Bell", "P5072", "Lakeshore Film Festival")
    assert has(ex, "Glass River", "P5072", "Harbourside Film Festival")
    assert has(ex, "Salt Road", "P5072", "Lakeshore Film Festival")


def test_event_opens_and_closes_and_runs_at() -> None:
    ex = run('The Lakeshore Film Festival opens on May 13 with a gala. The Lakeshore Film Festival closes on May 24. '
             'Organisers of the Harbourside Film Festival named a jury; the festival runs from 2 to 9 June at the Grand Hall.')
    assert has(ex, "Lakeshore Film Festival", "P580", "2026-05-13")
    assert has(ex, "Lakeshore Film Festival", "P582", "2026-05-24")
    assert has(ex, "Harbourside Film Festival", "P276", "Grand Hall")


def test_award_took_home_and_was_named() -> None:
    ex = run('The drama "Iron Bell" took home the Golden Lantern. The comedy "Glass River" was named Best Film.')
    assert has(ex, "Iron Bell", "P166", "Golden Lantern")
    assert has(ex, "Glass River", "P166", "Best Film")


def test_award_names_stop_at_the_festival_and_skip_nominations() -> None:
    ex = run('The drama "Iron Bell" won the Golden Lantern at the Lakeshore Film Festival. '
             'Anna Okafor, who won a Lakeshore Rising Star nomination this year, was happy. '
             'The Golden Lantern went to "Iron Bell", while the Silver Lantern for best director went to Tomas Varga. '
             'Lena Brik won the Film Critics Circle of Australia Award for Best Supporting Actress.')
    assert has(ex, "Iron Bell", "P166", "Golden Lantern")
    assert has(ex, "Tomas Varga", "P166", "Silver Lantern for best director")
    assert has(ex, "Lena Brik", "P166", "Film Critics Circle of Australia Award for Best Supporting Actress")
    assert not any(f.predicate == "P166" and "Rising" in (f.object.value or "") for f in ex.facts)


def test_genre_keeps_its_genre_modifiers() -> None:
    ex = run('The volcano disaster drama "Iron Bell" opened today. "Glass River," a horror comedy directed by Ana Brik, '
             'came second. The long-delayed science fiction film "Salt Road" came third. '
             'The biopic "Cold Harbour", directed by Tomas Varga, came fourth.')
    assert has(ex, "Iron Bell", "P136", "disaster drama film")
    assert has(ex, "Glass River", "P136", "horror comedy film")
    assert has(ex, "Salt Road", "P136", "science fiction film")
    assert has(ex, "Cold Harbour", "P136", "biographical film")


def test_news_release_distributor_and_premiere_shapes() -> None:
    ex = run('Meanwhile the science fiction film "Iron Bell" has a date: it will open in the United States '
             'on 7 March next year. Also opening Friday was the romantic comedy "Glass River," directed by Ana Brik. '
             'Across the Channel, "Salt Road," a drama by Tomas Varga, bowed at No. 1 in Ireland via Northgate Releasing. '
             '"Cold Harbour" is a drama by Ruth Amsel. The chairman attended the gala premiere at the Grand Harbour '
             'Cinema in Cork on April 9.', published="2026-03-13")
    assert has(ex, "Iron Bell", "P577", "2027-03-07")
    assert has(ex, "Glass River", "P577", "2026-03-13")
    assert has(ex, "Salt Road", "P750", "Northgate Releasing")
    assert has(ex, "Cold Harbour", "P1191", "2026-04-09")


def test_chart_lines_territory_sales_and_coproductions() -> None:
    ex = run('The weekend box office chart for the films "Iron Bell" and "Glass River":\n'
             '1. "Iron Bell" (Northgate Releasing) — $12.5 million\n'
             '2. "Glass River" — $8.1 million\n\n'
             'Harbor Nine has sold the drama "Salt Road" to Kranich Verleih (Germany) and Lune Rouge Films (France). '
             '"Salt Road" is a co-production between Westbrook Films and Corran Pictures.')
    assert has(ex, "Iron Bell", "P2142", "12500000")
    assert has(ex, "Glass River", "P2142", "8100000")
    assert has(ex, "Salt Road", "P750", "Kranich Verleih") and has(ex, "Salt Road", "P750", "Lune Rouge Films")
    assert has(ex, "Salt Road", "P272", "Westbrook Films") and has(ex, "Salt Road", "P272", "Corran Pictures")


def test_chief_executive_after_a_name_and_named_ceo_of() -> None:
    ex = run('"We are thrilled," said Ruth Amsel, Northgate Releasing\'s chief executive. '
             'Tomas Varga was named chief executive of Westbrook Films in May.')
    assert has(ex, "Northgate Releasing", "P169", "Ruth Amsel")
    assert has(ex, "Westbrook Films", "P169", "Tomas Varga")


def test_premiere_dates_after_the_premiere_verb() -> None:
    ex = run('"Iron Bell," a drama about the botanist Ana Brik, premiered at the Lakeshore Film Festival in 2022. '
             'The drama "Glass River" opens on Friday, eleven months after its premiere at the Harbourside Film Festival '
             'last November.', published="2026-03-09")
    assert has(ex, "Iron Bell", "P1191", "2022")
    assert has(ex, "Glass River", "P1191", "2025-11")


def test_director_from_a_possessive_title_and_a_debut() -> None:
    ex = run('The drama "Iron Bell" won. Ana Brik, a potter, starred in Tomas Varga\'s "Iron Bell." '
             'Ruth Amsel, 58, who spent two decades as an assistant, made her debut with "Glass River" (2015).')
    assert has(ex, "Iron Bell", "P57", "Tomas Varga")
    assert has(ex, "Glass River", "P57", "Ruth Amsel")


def test_writers_cast_lead_role_and_been_cast() -> None:
    ex = run('The drama "Iron Bell" was directed by Tomas Varga. Ana Brik and Lena Okafor wrote the screenplay. '
             'It was penned by Paul Amsel too. The film stars Ruth Kimura in the lead role. '
             'Dara Vance has also been cast.')
    assert has(ex, "Iron Bell", "P58", "Ana Brik") and has(ex, "Iron Bell", "P58", "Lena Okafor")
    assert has(ex, "Iron Bell", "P58", "Paul Amsel")
    assert has(ex, "Iron Bell", "P161", "Ruth Kimura")
    assert has(ex, "Iron Bell", "P161", "Dara Vance")


def test_film_noun_then_person_job_is_no_film_origin() -> None:
    ex = run('"Night Ferry" stars Omar Haddad. Haddad is a Lebanese film director and an Italian film score composer.')
    assert not any(p == "P495" for _, p, _, _ in triples(ex))


def test_companies_in_producer_list_are_production_companies() -> None:
    ex = run('"Tin Roof" was produced by Kaleido Pictures and Brightlane.')
    assert has(ex, "Tin Roof", "P272", "Kaleido Pictures")
    assert has(ex, "Tin Roof", "P272", "Brightlane")
    assert not any(p == "P162" for _, p, _, _ in triples(ex))
    ex = run('"Tin Roof" was produced by Vantor USA.')
    assert has(ex, "Tin Roof", "P272", "Vantor USA")


def test_producer_list_of_people_stays_people() -> None:
    ex = run('"Tin Roof" was produced by Ada Morrow and Felix Brandt.')
    assert has(ex, "Tin Roof", "P162", "Ada Morrow")
    assert has(ex, "Tin Roof", "P162", "Felix Brandt")


def test_sentence_words_are_nobody() -> None:
    ex = run('"Tin Roof" is a drama. Q: What’s next? A: Mostly, I play Jane. Q: Who plays the mother? '
             "A: Because stars as the mother, we say maybe.")
    people = {e.name for e in ex.entities if e.type == "Person"}
    assert not people & {"Who", "Mostly", "Because"}
    assert not any(p == "P161" for _, p, _, _ in triples(ex))


def test_roundup_paragraph_sentence_belongs_to_its_paragraph_film() -> None:
    text = ('"Tin Roof" led the weekend again with $4 million. "Tin Roof" is a drama by Ada Morrow.\n\n'
            '"Paper Moon Hotel" came second with $2 million at the box office. The comedy stars Felix Brandt.\n\n'
            'Critics praised "Tin Roof" again.')
    ex = run(text)
    assert has(ex, "Paper Moon Hotel", "P161", "Felix Brandt")
    assert not has(ex, "Tin Roof", "P161", "Felix Brandt")


def test_film_named_late_in_paragraph_does_not_take_its_sentences() -> None:
    text = ('"Tin Roof" is a drama by Ada Morrow. "Tin Roof" opens in May.\n\n'
            'Felix Brandt, best known for a revival of "Othello" in London, will play the miner. '
            'The cast also includes Jenna Hart.')
    ex = run(text)
    assert has(ex, "Tin Roof", "P161", "Jenna Hart")
    assert not has(ex, "Othello", "P161", "Jenna Hart")


def test_award_in_which_clause_and_particle_name() -> None:
    ex = run('Her best film was "Salt Road" (2009), which was awarded the Palme d\'Or at the Lisbon Film Festival.')
    assert has(ex, "Salt Road", "P166", "Palme d'Or")
    ex = run('He shot the drama "Salt Road" (2019), which received the main prize "Silver Heron" of the festival.')
    assert has(ex, "Salt Road", "P166", "Silver Heron")
    assert not any(o == "main prize" for _, _, o, _ in triples(ex))


def test_award_won_for_a_persons_work() -> None:
    ex = run('"It hums," says Ada Morrow, the Norwegian composer whose score for "Salt Road" won the Harbour Award '
             "for best composer last year.")
    assert has(ex, "Ada Morrow", "P166", "Harbour Award for best composer")
    ex = run('Director Ada Morrow, whose feature debut "Salt Road" won the audience award, returns.')
    assert not has(ex, "Ada Morrow", "P166", "audience award")


def test_article_person_won_her_award_and_joined_employer() -> None:
    ex = run('Ada Morrow is a Welsh actress. Her breakthrough came in "Salt Road" (2011); the performance won her '
             "the Harbour Critics Prize for Best Actress. In 2023 she joined the drama faculty of the Cardiff "
             "Academy of Music, where she teaches screen acting. Felix Brandt taught at the Kestrel Film School.")
    assert has(ex, "Ada Morrow", "P166", "Harbour Critics Prize for Best Actress")
    assert has(ex, "Ada Morrow", "P108", "Cardiff Academy of Music")
    assert has(ex, "Felix Brandt", "P108", "Kestrel Film School")


def test_sentence_opening_gerund_is_nobody() -> None:
    ex = run('"Salt Road" is a drama. Having appeared as Tom Kettle in "Salt Road", Ada Morrow left.')
    assert "Having" not in {e.name for e in ex.entities}


def test_film_in_a_closed_side_clause_is_not_the_clause_film() -> None:
    text = ('"Brass Nails" is a drama by Ada Morrow. "Brass Nails" opens in May.\n\n'
            'Director Ada Morrow, whose debut "Night Owls" won a prize at Sundance, co-wrote the script with Felix Brandt.')
    ex = run(text)
    assert has(ex, "Brass Nails", "P58", "Felix Brandt")
    assert not has(ex, "Night Owls", "P58", "Felix Brandt")
    ex = run('The company made the prize-winner "Night Owls," directed by Felix Brandt.')
    assert has(ex, "Night Owls", "P57", "Felix Brandt")


def test_event_places_town_of_city_for_and_presented_in() -> None:
    ex = run("The Karlovy Vary International Film Festival, which takes place in the Czech spa town of Karlovy Vary, "
             "opens Friday.")
    assert has(ex, "Karlovy Vary International Film Festival", "P276", "Karlovy Vary")
    ex = run("Critics gathered in Toronto for the Toronto International Film Festival last week.")
    assert has(ex, "Toronto International Film Festival", "P276", "Toronto")
    ex = run("The European Film Awards will be presented in Lucerne, Switzerland, on Dec. 7.")
    assert has(ex, "European Film Awards", "P276", "Lucerne")


def test_festival_after_heads_to_and_festival_town() -> None:
    ex = run('After its premiere at the Toronto International Film Festival, "Salt Road" heads to the '
             "BFI London Film Festival.")
    assert has(ex, "Salt Road", "P5072", "BFI London Film Festival")
    ex = run('"Salt Road" is a drama directed by Ada Morrow. "Salt Road," which debuted at Cannes last year, '
             "opens on Friday.")
    assert has(ex, "Salt Road", "P5072", "Cannes")
    ex = run('"Salt Road," a drama directed by Ada Morrow, debuted at Bristol last year.')
    assert not any(p == "P5072" for _, p, _, _ in triples(ex))


def test_a_company_production() -> None:
    ex = run('"Salt Road" is directed by Ada Morrow. "Salt Road" is a Kestrel Pictures production.')
    assert has(ex, "Salt Road", "P272", "Kestrel Pictures")


def test_award_after_film_apposition_person_tag_award_and_who_won() -> None:
    ex = run('"Salt Road," directed by Ada Morrow, won the Golden Bear at the Berlin International Film Festival.')
    assert has(ex, "Salt Road", "P166", "Golden Bear")
    assert not has(ex, "Ada Morrow", "P166", "Golden Bear")
    ex = run('Ada Morrow won the Oscar for best actress for "Salt Road".')
    assert has(ex, "Ada Morrow", "P166", "Oscar for best actress")
    ex = run('Ada Morrow, who won an Emmy for "Salt Road", stars as Jane.')
    assert has(ex, "Ada Morrow", "P166", "Emmy")


def test_company_produced_the_film_the_x_production_and_via_distributor() -> None:
    ex = run('"Salt Road" is directed by Ada Morrow. Kestrel Pictures produced the film with Bluefin Films.')
    assert has(ex, "Salt Road", "P272", "Kestrel Pictures")
    ex = run('Directed by Ada Morrow, the Kestrel Pictures production "Salt Road" opens Friday.')
    assert has(ex, "Salt Road", "P272", "Kestrel Pictures")
    ex = run('"Salt Road" is directed by Ada Morrow. "Salt Road" hits theaters on May 3 via Bluefin Films.')
    assert has(ex, "Salt Road", "P750", "Bluefin Films")


def test_described_person_in_a_by_list_and_cinematography_is_by() -> None:
    ex = run('"Salt Road" is a drama directed by Ada Morrow. The script was by Ada Morrow and the playwright '
             "Liam Hart, and the film was photographed by the Englishman Peter Cobb, who died in 2009.")
    assert has(ex, "Salt Road", "P58", "Liam Hart")
    assert has(ex, "Salt Road", "P344", "Peter Cobb")
    ex = run('"Salt Road" is a drama directed by Ada Morrow. The cinematography is by Ho Wai-man.')
    assert has(ex, "Salt Road", "P344", "Ho Wai-man")


def test_songs_written_by_are_no_screenplay() -> None:
    ex = run('"Salt Road" is a drama directed by Ada Morrow. The songs were written by the sibling duo Liam Hart '
             "and Jonah Hart.")
    assert not any(p == "P58" for _, p, _, _ in triples(ex))


def test_translated_news_shapes() -> None:
    ex = run('The film "Salt Road" is directed by Ada Morrow. The film is jointly produced by Kestrel Film Co., Ltd. '
             "and Bluefin Media Group, the location shooting was carried out in Chengdu for four months.")
    assert has(ex, "Salt Road", "P272", "Bluefin Media Group")
    assert has(ex, "Salt Road", "P915", "Chengdu")
    ex = run('The film "Salt Road" is directed by Ada Morrow. On September 26, the film held premiere ceremony in Beijing.')
    assert has(ex, "Salt Road", "P1191", "2026-09-26", P131="Beijing")
    ex = run('The film "Salt Road" is directed by Ada Morrow. In the role of the mother is Jane Hart.')
    assert has(ex, "Salt Road", "P161", "Jane Hart")


def test_genre_after_possessive_hyphen_compound_and_film_like_nouns() -> None:
    ex = run('"Salt Road" is directed by Ada Morrow. Ada Morrow\'s horror-comedy "Salt Road" is set in Wales.')
    assert has(ex, "Salt Road", "P136", "horror comedy film")
    ex = run('"Salt Road" is directed by Ada Morrow. The animated feature "Salt Road" opens Friday.')
    assert has(ex, "Salt Road", "P136", "animated film")
    ex = run('"Salt Road" is directed by Ada Morrow. His new feature "Salt Road" opens Friday.')
    assert not any(p == "P136" for _, p, _, _ in triples(ex))


def test_festival_shapes_of_trade_news() -> None:
    pre = '"Salt Road" is directed by Ada Morrow. '
    shapes = ['The Sundance hit "Salt Road" opens Friday.',
              "Following its bow at Sundance, \"Salt Road\" opens Friday.",
              '"Salt Road" is among the titles in the Venice Film Festival lineup.',
              '"Salt Road" will open the Tribeca Festival on June 4.',
              '"Salt Road" was the closing night film at the Toronto International Film Festival.',
              "The Toronto International Film Festival will host the world premiere of \"Salt Road\"."]
    for shape in shapes:
        ex = run(pre + shape)
        assert any(s == "Salt Road" and p == "P5072" for s, p, _, _ in triples(ex)), shape
    ex = run(pre + '"Salt Road" premiered in the Panorama section at the Berlinale in February.')
    assert not has(ex, "Salt Road", "P5072", "Panorama")


# ---- the literal prefilter of cue patterns ---------------------------------

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def test_required_words_of_trigger_alternations() -> None:
    assert facts.required_words("(?<![Cc]o-)[Dd]irected by {NAMES:object}") == {"directed by "}
    assert facts.required_words("(?<![\\w-])(?:[Hh]elmed|[Hh]elmer) {NAME:object}") == {"helmed ", "helmer "}
    # The optional parts before the trigger spell it out several ways; only the shortest forms are kept.
    assert facts.required_words("{NAME:object},? (?:who )?(?:directed|co-directed) {FILM:subject}") == \
        {" directed ", " co-directed "}
    assert facts.required_words("{FILM:subject} was (?:filmed|shot) in {PLACES:object}") == \
        {" was filmed in ", " was shot in "}
    # A lookaround matches no text: the words on either side of it stay one string.
    assert facts.required_words("premiere(?= of)(?! of the) of {FILM:subject}") == {"premiere of "}
    assert facts.required_words("(?m)^films? by {NAME:object}") == {"film by ", "films by "}


def test_required_words_skip_what_may_be_missing() -> None:
    # An optional trigger word requires nothing: such a cue is always run.
    assert facts.required_words("{NAME:object} (?:also )?(?:directed )?{FILM:subject}") == frozenset()
    assert facts.required_words("{NAME:object}(?: (?:directed|helmed))* {FILM:subject}") == frozenset()
    # An alternation with a branch of no literal text (a placeholder, a character range) requires nothing of it;
    # the words after it still count.
    assert facts.required_words("(?:directed|{GAP}) by {NAME:object}") == {" by "}
    assert facts.required_words("(?:helmer|[A-Z][a-z]+) {NAME:object}") == frozenset()
    # Shorter than three characters filters next to nothing.
    assert facts.required_words("{NAME:object}, {ROLE:role}") == frozenset()
    # Syntax the reader does not follow: case-insensitive flags, back references, stray braces.
    assert facts.required_words("(?i)directed by {NAMES:object}") == frozenset()
    assert facts.required_words("(directed) by \\1 {NAME:object}") == frozenset()
    assert facts.required_words("directed {by} {NAME:object}") == frozenset()
    assert facts.required_words("directed by (?:{NAME:object}") == frozenset()
    # A placeholder where the reader would take it for literal text (_compile substitutes it all the same).
    assert facts.required_words("directed [{GAP}] by {NAME:object}") == frozenset()
    assert facts.required_words("directed \\{GAP} by {NAME:object}") == frozenset()
    assert facts.required_words("directed \\{ by {NAME:object}") == {"directed { by "}


def test_anchor_words_are_letter_runs_of_the_required_words() -> None:
    assert facts.anchor_words(frozenset({" co-directed by ", "helmed by "})) == {"directed", "helmed"}
    assert facts.anchor_words(frozenset({"’s “", "’s \""})) == frozenset()
    assert facts.anchor_words(frozenset()) == frozenset()


def _every_cue() -> list[facts.Cue]:
    from reelgraph.extract import en_lead

    lead = en_lead.lead_patterns()
    return facts.cues() + [c for v in lead.cues.values() for c, _ in v] + list(lead.series_cues)


def test_every_cue_that_matches_a_clause_finds_its_words_there(monkeypatch: pytest.MonkeyPatch) -> None:
    # Over the tagged clauses of real articles: a cue's regex never matches where its required words are absent.
    clauses: list[str] = []
    tagged = facts._tagged

    def keep(*args: object) -> facts._Clause:
        clause = tagged(*args)
        clauses.append(clause.tagged)
        return clause

    monkeypatch.setattr(facts, "_tagged", keep)
    for path in [SHARED / "corpus" / "dev" / "red-silk-premiere.txt",
                 SHARED / "corpus" / "multilingual-dev" / "en-red-silk-moscow-premiere.txt"]:
        run(path.read_text(encoding="utf-8"))
    cues = _every_cue()
    assert clauses and sum(1 for c in cues if c.words) > len(cues) // 2
    for text in set(clauses):
        low = text.lower()
        for cue in cues:
            if cue.words and cue.regex.search(text):
                assert any(w in low for w in cue.words), (cue.spec.id, text)
                assert not cue.anchors or any(w in low for w in cue.anchors), (cue.spec.id, text)


def test_prefilter_changes_no_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (SHARED / "corpus" / "dev" / "red-silk-premiere.txt").read_text(encoding="utf-8")
    with_prefilter = run(text).to_json()
    for cue in _every_cue():
        monkeypatch.setattr(cue, "words", frozenset())
        monkeypatch.setattr(cue, "anchors", frozenset())
    assert run(text).to_json() == with_prefilter
def test_event_in_a_closed_side_clause_is_held_nowhere() -> None:
    ex = run('"Tidewater," which debuted at Cannes last year, opens in U.S. theaters on Friday.')
    assert not [t for t in triples(ex) if t[1] == "P276"]
    assert has(ex, "Tidewater", "P5072", "Cannes")
    ex = run("The Kestrel Film Festival, held in Tallinn, opened on Friday.")
    assert has(ex, "Kestrel Film Festival", "P276", "Tallinn")


def test_title_list_after_a_plural_film_noun_is_two_films() -> None:
    ex = run("Mara Quint has starred in the dramas Dark Water and Blue Line.")
    assert has(ex, "Dark Water", "P161", "Mara Quint") and has(ex, "Blue Line", "P161", "Mara Quint")
    ex = run("Mara Quint starred in the films Ashes, Tin Soldiers and Red Kite.")
    assert {s for s, p, _, _ in triples(ex) if p == "P161"} == {"Ashes", "Tin Soldiers", "Red Kite"}
    ex = run("Mara Quint has appeared in the film Pride and Prejudice.")
    assert has(ex, "Pride and Prejudice", "P161", "Mara Quint")


def test_a_title_ends_before_the_channel_it_ran_on() -> None:
    ex = run("Mara Quint has appeared in Tatort on ZDF.")
    assert has(ex, "Tatort", "P161", "Mara Quint")
    assert {e.name: e.type for e in ex.entities}["ZDF"] == "Organization"
    ex = run("Mara Quint has had roles in Tatort on Netflix.")
    assert has(ex, "Tatort", "P161", "Mara Quint") and not has(ex, "Tatort on Netflix", "P161", "Mara Quint")
    ex = run("Mara Quint starred in Night on Earth.")
    assert has(ex, "Night on Earth", "P161", "Mara Quint")


def test_a_common_word_opening_the_sentence_is_no_employee() -> None:
    ex = run("Shares of Meridiana Media rose four percent on Monday.")
    assert not [t for t in triples(ex) if t[1] == "P108"]
    assert "Shares" not in {e.name for e in ex.entities}
    ex = run("Anna Kovacs joined in May. Kovacs of Meridiana Media said the deal was done.")
    assert has(ex, "Anna Kovacs", "P108", "Meridiana Media")


def test_hyphenated_compound_genre_modifiers_are_kept_whole() -> None:
    ex = run('"Salt Road" is directed by Ada Morrow. The coming-of-age drama "Salt Road" opens Friday.')
    assert has(ex, "Salt Road", "P136", "coming-of-age drama film")
    ex = run('The film "Salt Road" is a fish-out-of-water comedy by Ada Morrow.')
    assert has(ex, "Salt Road", "P136", "fish-out-of-water comedy film")
    ex = run('"Salt Road" is directed by Ada Morrow. The long-awaited drama "Salt Road" opens Friday.')
    assert has(ex, "Salt Road", "P136", "drama film")
    assert not has(ex, "Salt Road", "P136", "long-awaited drama film")


def test_tv_before_a_show_noun_is_no_title() -> None:
    ex = run("Mara Quint starred in the TV drama series Cold Harbour, directed by Ada Morrow.")
    assert has(ex, "Cold Harbour", "P161", "Mara Quint")
    assert "TV" not in {e.name for e in ex.entities}


def test_a_company_spacy_missed_once_is_still_the_company_named_before() -> None:
    ex = run('Kestrel Pictures produced "Salt Road". Critics liked it.\n\n'
             "Kestrel Pictures is financing the film with Madrid-based Sol de Medianoche Films. "
             "Its chief executive, Hugh Tennant, called it ambitious.")
    assert has(ex, "Kestrel Pictures", "P169", "Hugh Tennant")
    assert not has(ex, "Sol de Medianoche Films", "P169", "Hugh Tennant")


def test_a_founder_or_a_played_role_is_no_crew_of_the_film() -> None:
    ex = run('Harbor Films made "Salt Road". Harbor Films, founded in 2003 by Ann Voss and the producer '
             "Hal Brand, makes dramas.")
    assert not has(ex, "Salt Road", "P162", "Hal Brand")
    ex = run('"Salt Road" is directed by Ada Morrow. Tom Reyes will play her brother, the astronomer and '
             "composer Karl Weiss.")
    assert not has(ex, "Salt Road", "P86", "Karl Weiss")
    ex = run('"Salt Road" is directed by Ada Morrow. The score is by composer Karl Weiss.')
    assert has(ex, "Salt Road", "P86", "Karl Weiss")


def test_a_sales_arm_is_no_distributor() -> None:
    ex = run('Kestrel Pictures is making "Salt Road". International sales are being handled by Kestrel\'s own '
             "sales arm.")
    assert not [t for t in triples(ex) if t[1] == "P750"]


def test_the_original_of_a_sequel_or_remake_is_not_what_the_sentence_is_about() -> None:
    ex = run('The film "Copper Sky 2" is coming.\n\nMeridian Works has confirmed a sequel to its 2023 western "Copper Sky," '
             "with director Lars Eklund returning to direct from a script by newcomer Abigail Stroud.")
    assert has(ex, "Copper Sky 2", "P58", "Abigail Stroud") and not has(ex, "Copper Sky", "P58", "Abigail Stroud")
    assert has(ex, "Copper Sky 2", "P57", "Lars Eklund")
    ex = run('She is scoring a remake of the Swedish horror film "Mörkret" (2016); the remake is being directed '
             "by Ellen Park for Redwood Pictures.")
    assert not has(ex, "Mörkret", "P57", "Ellen Park")


def test_a_job_title_in_a_sentence_about_other_films_is_not_the_main_films() -> None:
    ex = run('"Salt Road" is a drama film by Ada Morrow. "Salt Road" opens Friday.\n\n'
             'A meeting with director Anders Holt led to her first score, for his thriller "White Silence".')
    assert not has(ex, "Salt Road", "P57", "Anders Holt")
    ex = run('"Salt Road" is a drama film. "Salt Road" opens Friday.\n\n'
             'Helmer Gus Pellegrino, whose debut "Night Saints" won at SXSW, co-wrote the script.')
    assert has(ex, "Salt Road", "P57", "Gus Pellegrino")
    ex = run('"Salt Road" is a drama film. "Salt Road" opens Friday. The restoration was supervised by archive '
             "director Fiona Burke.")
    assert not has(ex, "Salt Road", "P57", "Fiona Burke")


def test_a_cue_word_inside_a_longer_word_is_no_cue() -> None:
    ex = run('"Kowloon Rain" opened with HK$18.6 million. "Kowloon Rain" displaced the action sequel "Overdrive 3," '
             "which fell to second place with HK$6.2 million.")
    assert has(ex, "Overdrive 3", "P2142", "6200000")
    assert not has(ex, "Kowloon Rain", "P2142", "6200000")


def test_a_company_list_with_two_jobs_gives_each_its_own() -> None:
    ex = run('Meridiana owns the distributor Sole Distribuzione and the production company Tevere Film, which made '
             'the prize-winner "La Casa sul Lago," directed by Giorgio Bellandi.')
    assert has(ex, "La Casa sul Lago", "P272", "Tevere Film")
    assert not [t for t in triples(ex) if t[1] == "P750"]


def test_an_owner_of_a_credit_or_of_novels_directs_nothing() -> None:
    ex = run('Dan Kovit\'s first film credit was on "Bodyguard 4" in 2003.')
    assert not [t for t in triples(ex) if t[1] == "P57"]
    ex = run('"Open Waters" is a 1994 thriller film. It is the last film version of Clancy\'s novels to feature '
             "Harrison Ford.")
    assert not [t for t in triples(ex) if t[1] == "P57"]
    ex = run('Ada Morrow\'s new thriller "Salt Road" opens Friday.')
    assert has(ex, "Salt Road", "P57", "Ada Morrow")


def test_a_possessive_company_owns_the_company_named_after_it() -> None:
    ex = run('The series "Salt Road" was produced by Endemol USA in association with Harbor Media Group\'s '
             "Greengrass Television.")
    assert has(ex, "Salt Road", "P272", "Greengrass Television")


def test_a_song_producer_apposition_is_no_producer() -> None:
    ex = run('The song was written for "Salt Road" by the show\'s music producer Adam Anders, song producer '
             "Peer Åström, and Shelly Peiken.")
    assert not [t for t in triples(ex) if t[1] == "P162"]


def test_lowercase_or_glued_spacy_names() -> None:
    ex = run('Joyce Lin appeared in "Salt Road" alongside kung fu film actor Sammo Hung before marrying him.')
    assert "kung fu film" not in {e.name for e in ex.entities}
    ex = run('"Salt Road" is an episode of a drama series. Only six regular cast membersEllen Pompeo, Patrick '
             "Dempsey, Chandra Wilson and Kevin McKidd appear in the episode.")
    assert "Ellen Pompeo" in {e.name for e in ex.entities}


def test_a_film_after_a_new_clause_is_not_the_cues_film() -> None:
    ex = run('"Salt Road" is an episode of a drama series. The episode was written by Shonda Reyes and directed by '
             'Rob Hardy, making it her first episode since the finale "Flight".')
    assert has(ex, "Salt Road", "P57", "Rob Hardy") and not has(ex, "Flight", "P57", "Rob Hardy")


def test_a_count_of_awards_is_no_award() -> None:
    ex = run('The film "Salt Road" won three awards, including the audience award.')
    assert not has(ex, "Salt Road", "P166", "three award")
    ex = run('The film "Salt Road" won the audience award at SXSW.')
    assert has(ex, "Salt Road", "P166", "audience award")


def test_a_cue_may_start_at_a_name() -> None:
    ex = run('The film "Salt Road" opens Friday. The Grand Jury Prize went to "Salt Road" by Ada Morrow.')
    assert has(ex, "Salt Road", "P166", "Grand Jury Prize")
    ex = run('"Salt Road" is a 2019 drama film co-directed by Ada Morrow and Tom Reyes.')
    assert has(ex, "Salt Road", "P57", "Ada Morrow")


def test_a_roundup_paragraph_names_the_film_of_a_job_title() -> None:
    ex = run('French period pic "Maison Rouge" held the top spot in France.\n\n'
             'Italy saw horror title "La Soglia" debut at No. 2 with €1.1 million. Helmer Matteo Rinaldi previously '
             'shot the cult short "Il Pozzo."')
    assert has(ex, "La Soglia", "P57", "Matteo Rinaldi") and not has(ex, "Maison Rouge", "P57", "Matteo Rinaldi")
    ex = run('"Harbour Lights" is a drama film. "Harbour Lights" opens Friday.\n\n'
             'Marlowe, whose debut "Small Hours" screened at Venice in 2019, spoke. Producer Gareth Lowe said the '
             "budget was small.")
    assert has(ex, "Harbour Lights", "P162", "Gareth Lowe") and not has(ex, "Small Hours", "P162", "Gareth Lowe")


def test_helmer_with_a_possessive_pic() -> None:
    ex = run('"Maison Rouge" topped France.\n\nIn Germany, local comedy "Onkel Otto" stayed on top. Helmer Jens '
             "Brandt's pic stars Dieter Vogel in the title role.")
    assert has(ex, "Onkel Otto", "P57", "Jens Brandt")


def test_an_undecided_quoted_title_before_the_cue_is_not_the_main_film() -> None:
    ex = run('The film "Salt Road" opens Friday. Its predecessor, "Blue Line", opened on May 3, 2019.')
    assert not has(ex, "Salt Road", "P577", "2019-05-03")


def test_a_job_title_is_nobodys_name() -> None:
    ex = run("Ada Morrow, CEO of Meridian Pictures, said the film would open in May.")
    assert has(ex, "Meridian Pictures", "P169", "Ada Morrow")
    assert "CEO" not in {e.name for e in ex.entities}


def test_a_kin_described_director_and_a_part_played_in_a_film() -> None:
    ex = run('The film "Salt Road" opens Friday. Mara Quint plays a detective in "Salt Road", directed by her '
             "husband Tom Reyes.")
    assert has(ex, "Salt Road", "P57", "Tom Reyes") and has(ex, "Salt Road", "P161", "Mara Quint")


def test_a_channel_before_a_show_noun_is_no_title() -> None:
    ex = run("Mara Quint starred in the HBO series Succession.")
    assert has(ex, "Succession", "P161", "Mara Quint")
    assert {e.name: e.type for e in ex.entities}["HBO"] == "Organization"
    ex = run("Mara Quint has appeared in the BBC drama Luther and the Netflix film Red Notice.")
    films = {e.name for e in ex.entities if e.type == "Film"}
    assert "BBC" not in films and "Luther and the Netflix" not in films and "Luther" in films


def test_dates_said_of_another_film_or_of_a_festival_in_a_side_clause() -> None:
    ex = run('The film "Salt Road", which premiered at Sundance in January 2025, opens in theaters on March 14.')
    assert not [t for t in triples(ex) if t[0] == "Sundance" and t[1] in ("P580", "P585")]
    ex = run('The film "Salt Road" opens Friday, two years after "Blue Line" premiered at Cannes.')
    assert not [t for t in triples(ex) if t[0] == "Blue Line" and t[1] == "P1191"]


def test_company_possessive_before_a_film_noun_produced_it() -> None:
    ex = run("Pip appears in Hugo Brandt Pictures' 12th animated feature film The Copper Fox (2011). "
             "Orbis Studios' 1999 documentary \"Quiet Tides\" followed.")
    assert has(ex, "Copper Fox", "P272", "Hugo Brandt Pictures")
    assert has(ex, "Quiet Tides", "P272", "Orbis Studios")


def test_cast_names_in_pivotal_roles_and_paired_with_in_a_film() -> None:
    ex = run("Dust Lanes is a 2011 Tamil-language crime film written and directed by Ravi Kumar. Kumar cast then "
             "relatively new actors Arun, Meena, Selva Raj and himself in pivotal roles.")
    assert all(has(ex, "Dust Lanes", "P161", n) for n in ("Arun", "Meena", "Selva Raj"))
    ex = run("Dara Vance is an American actress. Vance was paired with Lila Morrow and Jenna Holt in the 2012 "
             "film Night Bells.")
    assert has(ex, "Night Bells", "P161", "Lila Morrow") and has(ex, "Night Bells", "P161", "Jenna Holt")


def test_this_company_feature_was_produced_by_it() -> None:
    # spaCy reads "This 20th" as a date and keeps "This" on a company name: both are cut back to the company.
    for company in ("20th Century Vox", "Orbis Pictures"):
        ex = run(f"Harbor Song is a 1951 American musical film. This {company} feature was produced by Amos Reed "
                 "and directed by Lena Holt.")
        assert has(ex, "Harbor Song", "P272", company)
    ex = run("Harbor Song is a 1951 American musical film. The Paramount film industry veteran Amos Reed produced it.")
    assert not any(p == "P272" for _, p, _, _ in triples(ex))


def test_score_and_soundtrack_are_composed_by() -> None:
    ex = run("Quiet Guests is a 2014 Malayalam family drama film directed by Anil Varma. The background score and "
             "soundtrack are composed by Ravi Nandan.")
    assert has(ex, "Quiet Guests", "P86", "Ravi Nandan")
