"""extract/en_lead.py: facts of encyclopedic leads, on lead sentences we wrote; bad pattern lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from reelgraph.errors import PatternError
from reelgraph.extract import en_lead
from reelgraph.extract.en import extract
from reelgraph.model import Document, Extraction


def run(text: str) -> Extraction:
    return extract(Document(source="lead.txt", text=text, language="en"))


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name or value) of every fact; names include aliases."""
    names = {e.id: e.name.removeprefix("The ") for e in ex.entities}   # the scorer drops a leading "the" too
    return {(names[f.subject], f.predicate, names[f.object.entity] if f.object.entity else f.object.value)
            for f in ex.facts}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by full stops: enough for find_lead on our own short texts."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append((start, i + 1))
            start = i + 2
    return out


def test_film_lead_year_country_and_director() -> None:
    ex = run("Copper Valley is a 2011 Canadian western film directed by Rhea Marlowe. "
             "It follows two brothers who inherit a failing ranch.")
    got = triples(ex)
    assert ("Copper Valley", "P577", "2011") in got
    assert ("Copper Valley", "P495", "Canada") in got
    assert ("Copper Valley", "P57", "Rhea Marlowe") in got


def test_film_lead_subject_made_when_the_title_has_an_apposition() -> None:
    text = ("Il cielo sopra Torino, released in Britain as Turin Skies, is a 1968 Italian drama film "
            "directed by Carlo Benedetti. The film was produced by Aurelio Conti.")
    got = triples(run(text))
    assert ("Il cielo sopra Torino", "P577", "1968") in got
    assert ("Il cielo sopra Torino", "P57", "Carlo Benedetti") in got


def test_film_lead_keeps_a_longer_title_with_a_comma() -> None:
    text = "Run, Sister, Run is a 1971 Danish comedy film directed by Jens Holm. It stars Birte Falk."
    got = triples(run(text))
    films = {s for s, p, _ in got if p == "P57"}
    assert films == {"Run, Sister, Run"}
    assert ("Run, Sister, Run", "P161", "Birte Falk") in got


def test_actor_lead_titles_with_years_are_the_actors_films() -> None:
    ex = run("Dana Whitlock (born 4 May 1961) is a Scottish actress. She is best known for her roles in "
             "Grey Harbour (1994) and The Last Ferry (1999).")
    got = triples(ex)
    assert ("Grey Harbour", "P161", "Dana Whitlock") in got
    assert ("Last Ferry", "P161", "Dana Whitlock") in got
    assert not any(p == "P57" for _, p, _ in got)


def test_heading_and_short_forms_join_the_lead_person() -> None:
    ex = run("Tomas Lind\n\nTomas Erik Lind (born 2 June 1979) is a Swedish actor. "
             "Lind starred in Frozen Harbour (2004) and Tomas Lind later moved to Berlin.")
    people = [e for e in ex.entities if e.type == "Person"]
    assert len(people) == 1 and people[0].name == "Tomas Erik Lind"
    assert {"Tomas Lind", "Lind"} <= set(people[0].aliases)
    assert ("Frozen Harbour", "P161", "Tomas Erik Lind") in triples(ex)


def test_director_lead_titles_with_years_are_directed_by_the_subject() -> None:
    ex = run("Omar Haddad (born 1958) is a Lebanese film director and screenwriter. "
             "His films include Salt Road (1988) and Cedar Winter (1995).")
    got = triples(ex)
    assert ("Salt Road", "P57", "Omar Haddad") in got
    assert ("Cedar Winter", "P57", "Omar Haddad") in got
    assert not any(p == "P161" for _, p, _ in got)


def test_episode_lead_country_date_and_series() -> None:
    text = ('"Lighthouse Keeper" is the fourth episode of the second season of the American comedy series '
            "Tidewater. It aired on NBC in the United States on March 3, 2009. "
            "The episode was written by Paula Grant and directed by Ken Obi.")
    got = triples(run(text))
    assert ("Lighthouse Keeper", "P495", "United States") in got
    assert ("Tidewater", "P495", "United States") in got
    assert ("Lighthouse Keeper", "P577", "2009-03-03") in got
    assert ("Lighthouse Keeper", "P57", "Ken Obi") in got
    assert ("Lighthouse Keeper", "P58", "Paula Grant") in got


def test_series_lead_start_host_and_company() -> None:
    text = ("Garden Rescue Live is a British reality television series that is produced by Thornbury Media. "
            "The show is hosted by gardener Mia Collard. It debuted on Channel 4 on 6 May 2014.")
    got = triples(run(text))
    assert ("Garden Rescue Live", "P495", "United Kingdom") in got
    assert ("Garden Rescue Live", "P272", "Thornbury Media") in got
    assert ("Garden Rescue Live", "P161", "Mia Collard") in got
    assert ("Garden Rescue Live", "P580", "2014-05-06") in got


def test_episode_cast_is_the_series_cast() -> None:
    text = ('"Red Tide" is the third episode of the first season of the American drama series Harbor Nights. '
            "The episode was directed by Ken Obi and starred Lena Park and Tom Reyes.")
    got = triples(run(text))
    assert ("Red Tide", "P161", "Lena Park") in got
    assert ("Harbor Nights", "P161", "Lena Park") in got
    assert ("Harbor Nights", "P161", "Tom Reyes") in got
    assert not any(s == "Harbor Nights" and p == "P57" for s, p, _ in got)


def test_composer_lead_titles_with_years_are_scored_by_the_subject() -> None:
    got = triples(run("Aldo Ferri (1931–2004) was an Italian film score composer. "
                      "He scored westerns such as Dust of Ancona (1966) and Long Noon (1968)."))
    assert ("Dust of Ancona", "P86", "Aldo Ferri") in got
    assert ("Long Noon", "P86", "Aldo Ferri") in got


def test_news_first_sentence_is_no_lead() -> None:
    text = ("Director Rhea Marlowe said on Monday that her western Copper Valley (2011) would get a sequel. "
            "Marlowe is a Canadian filmmaker.")
    assert en_lead.find_lead(text, sentences(text)) is None
    text = "The festival opened on Friday with a documentary about sheep farmers."
    assert en_lead.find_lead(text, sentences(text)) is None
    text = "Born in Rome, Lia Conti is an Italian actress."   # no name where the subject stands
    assert en_lead.find_lead(text, sentences(text)) is None


def test_lead_kinds() -> None:
    for text, kind in [("Copper Valley is a 2011 Canadian western film.", "film"),
                       ("Tidewater is an American sitcom television series.", "series"),
                       ("Dana Whitlock (born 1961) is a Scottish actress.", "person"),
                       ("Professor Quill is a fictional character in the British sitcom Lamplight.", "character"),
                       ('"Lighthouse Keeper" is the fourth episode of the second season of the series Tidewater.',
                        "episode")]:
        lead = en_lead.find_lead(text, sentences(text))
        assert lead is not None and lead.kind == kind, text


def test_possessive_before_a_title_is_its_director_and_lists_go_on_past_brackets() -> None:
    text = ("Marta Lindqvist (born 12 May 1979) is a Swedish actress. She has appeared in Jonas Bergholm's "
            "Vinterljus (2004), Havsbris (2006), Stormnatt 3 (uncredited) and played the lead in Fjordkvinnan.")
    got = triples(run(text))
    assert ("Vinterljus", "P57", "Jonas Bergholm") in got
    for title in ("Vinterljus", "Havsbris", "Stormnatt 3"):
        assert (title, "P161", "Marta Lindqvist") in got
    assert not any(s == "Jonas Bergholm" for s, _, _ in got)   # the owner is no title


def test_composer_named_by_surname_scored_a_bracketed_title() -> None:
    text = ("Paolo Ferrandi (3 March 1931 – 9 May 2004) was an Italian conductor and film score composer. "
            "Ferrandi also scored several westerns, such as Luca Morelli's Il treno della sera (The Evening Train).")
    got = triples(run(text))
    assert ("Il treno della sera", "P57", "Luca Morelli") in got
    assert ("Il treno della sera", "P86", "Paolo Ferrandi") in got


def test_series_lead_year_after_in_is_release_and_start() -> None:
    got = triples(run("Casa del Sol is a Mexican telenovela produced by Ana Ruiz for Canal Nueve in 1998. "
                      "The series is a remake of an Argentine show."))
    assert ("Casa del Sol", "P577", "1998") in got
    assert ("Casa del Sol", "P580", "1998") in got


def test_series_in_apposition_that_ran_between_years_starts_then() -> None:
    got = triples(run("Tom Halloway (born 4 June 1950) is an English actor. Halloway narrated The Burrows, a BBC "
                      "children's television programme that ran for 40 episodes between 1976 and 1979."))
    assert ("Burrows", "P580", "1976") in got


def test_birth_name_and_filmography_sentences_without_a_subject() -> None:
    text = ("Luis Ortega (born Luis Miguel Ortega Ruiz on 3 May 1980 in Lima, Peru) is a Peruvian actor and singer. "
            "He is the son of a singer. In 2001 starred in telenovela La casa del viento. "
            "In 2004 starred in Mar de fondo as main antagonist.")
    ex = run(text)
    got = triples(ex)
    person = next(e for e in ex.entities if e.name == "Luis Miguel Ortega Ruiz" or "Luis Miguel Ortega Ruiz" in e.aliases)
    assert "Luis Ortega" in [person.name, *person.aliases]
    assert ("La casa del viento", "P161", person.name) in got
    assert ("La casa del viento", "P577", "2001") in got
    assert ("Mar de fondo", "P161", person.name) in got


def test_episode_guest_performers_are_in_the_series_cast() -> None:
    text = ('"Snow Day" is the fourth episode of the second season of the animated comedy series Pond Life. '
            "It aired on Fox in the United States on March 3, 2012. "
            "The episode featured guest performances by Nora Quinlan and Elias Stroud.")
    got = triples(run(text))
    assert ("Pond Life", "P161", "Nora Quinlan") in got
    assert ("Pond Life", "P161", "Elias Stroud") in got


def test_singer_and_actress_lead_acts_in_what_she_appeared_on() -> None:
    text = ("Rosa Delgado (born 8 August 1985) is an American singer and actress. "
            "She had a recurring role on Harbor Nights as Officer Kim Vance. "
            "She also played Nina Cole in the television series Tall Pines.")
    got = triples(run(text))
    assert ("Harbor Nights", "P161", "Rosa Delgado") in got
    assert ("Tall Pines", "P161", "Rosa Delgado") in got
    assert not any(s == "Officer Kim Vance" or s == "Kim Vance" for s, _, _ in got)


def test_debut_screenplay_and_score_cues_hold_for_any_profession() -> None:
    text = ("Jonah Pell (born 1966) is a British actor, director and composer. "
            "His directorial debut, Glass Harbour, opened in 1999. "
            "He wrote the screenplay for Long Weekend. He also composed the score for Salt Flats.")
    got = triples(run(text))
    assert ("Glass Harbour", "P57", "Jonah Pell") in got
    assert ("Long Weekend", "P58", "Jonah Pell") in got
    assert ("Salt Flats", "P86", "Jonah Pell") in got


def test_character_lead_gives_its_work_the_cast_year_and_country() -> None:
    text = ("Captain Brisk is a fictional character from the 1988 American animated film, The Paper Fleet. "
            "Captain Brisk was voiced by Howard Lent in the original film. "
            "Maya Doyle voiced Brisk in the 2019 remake.")
    ex = run(text)
    got = triples(ex)
    assert ("Paper Fleet", "P577", "1988") in got
    assert ("Paper Fleet", "P495", "United States") in got
    assert ("Paper Fleet", "P161", "Howard Lent") in got
    assert ("Paper Fleet", "P161", "Maya Doyle") in got
    assert not any(e.type == "Film" and e.name == "Brisk" for e in ex.entities)   # the short form is the character


def test_presenter_lead_hosted_shows_but_not_festivals() -> None:
    text = ("Lena Hartwig (born 12 March 1969) is a German television presenter and journalist. "
            "Since 2005 she has hosted the talk show Nachtcafe Spezial on ZDF. "
            "In 2011 she hosted the Lakeside Music Festival.")
    got = triples(run(text))
    assert ("Nachtcafe Spezial", "P161", "Lena Hartwig") in got
    assert not any("Festival" in s or "ZDF" in s for s, _, _ in got)   # the title ends before "on ZDF"


def test_known_for_playing_and_joined_cast() -> None:
    text = ("Dara Quince (born 4 May 1980) is an English actress, best known for playing Sally Fox in the BBC soap "
            "opera Westgate Lane. In 2012 she joined the cast of the drama Hollow Fields as Dr. Kate Marsh.")
    got = triples(run(text))
    assert ("Westgate Lane", "P161", "Dara Quince") in got
    assert ("Hollow Fields", "P161", "Dara Quince") in got


def test_film_lead_demonym_before_a_language_word_and_the_company() -> None:
    text = ("Velvet Sky is a 2008 Indian Tamil-language crime thriller film written and directed by Arul Kumaran, "
            "who also produced it under his banner Kumaran Film Productions. It stars Jai Prakash.")
    got = triples(run(text))
    assert ("Velvet Sky", "P495", "India") in got
    assert ("Velvet Sky", "P272", "Kumaran Film Productions") in got
    text = ("Stone Harbour is a 1936 British musical film directed by Jack Wills. "
            "It was made at Beaconsfield Studios by Halcyon Productions.")
    assert ("Stone Harbour", "P272", "Halcyon Productions") in triples(run(text))
    text = "Long Road is a 1980 film about French soldiers."
    assert not any(p == "P495" for _, p, _ in triples(run(text)))


def test_programme_leads_are_series_with_start_year_and_hosts() -> None:
    got = triples(run("Morning Kettle was a Canadian breakfast programme on CTV from 1994 to 2001, hosted by Dan Reid."))
    assert {("Morning Kettle", "P580", "1994"), ("Morning Kettle", "P161", "Dan Reid"),
            ("Morning Kettle", "P495", "Canada")} <= got
    got = triples(run("Late Desk is a British television current affairs programme broadcast since 1980. "
                      "It is presented by Kirsty Walsh and Evan Dale."))
    assert {("Late Desk", "P580", "1980"), ("Late Desk", "P161", "Kirsty Walsh")} <= got


def test_director_lead_his_third_feature() -> None:
    text = ("Peter Stanwyck is an American film director. He directed the independent film Golden Hours (2002). "
            "His third feature, Night Letters, premiered at a festival in 2011.")
    assert ("Night Letters", "P57", "Peter Stanwyck") in triples(run(text))


def test_a_year_and_film_word_in_a_list_are_the_next_films_date_not_a_title() -> None:
    text = ("Arjun Patel (born 1970) is an Indian film director. He directed Blue Lantern (2004), "
            "the 2006 film Paper Kites and the 2009 drama film Iron Orchard.")
    got = triples(run(text))
    assert ("Paper Kites", "P57", "Arjun Patel") in got
    assert ("Iron Orchard", "P57", "Arjun Patel") in got
    assert not any(s.isdigit() for s, _, _ in got)   # a bare year is never a film


def test_writing_credits_given_film_by_film_hold_for_their_films_only() -> None:
    text = ("Mara Vesk (born 1965) is an Estonian film director and screenwriter. She wrote and directed "
            "Cold Meadow (2001). She directed Night Ferry (2005), Salt Bay (2008) and Long Winter (2011), "
            "and wrote Red Lamp (2014).")
    written = {s for s, p, o in triples(run(text)) if p == "P58" and o == "Mara Vesk"}
    assert written == {"Cold Meadow", "Red Lamp"}


def test_a_screenwriter_directors_films_are_written_by_them_when_no_film_is_credited() -> None:
    text = ("Arjun Patel (born 1970) is an Indian film director and screenwriter. He is known for directing "
            "Blue Lantern (2004) and Iron Orchard (2009).")
    written = {s for s, p, o in triples(run(text)) if p == "P58" and o == "Arjun Patel"}
    assert written == {"Blue Lantern", "Iron Orchard"}


def test_person_lead_role_decides_the_work_predicate() -> None:
    text = "Ivo Marek (born 1970) is a Czech actor, writer and director."
    assert en_lead.find_lead(text, sentences(text)).role_predicate == "P161"
    text = "Ivo Marek (born 1970) is a Czech film director, writer and actor."
    assert en_lead.find_lead(text, sentences(text)).role_predicate == "P57"
    text = "Ivo Marek (born 1970) is a Czech singer, model and actress."
    assert en_lead.find_lead(text, sentences(text)).role_predicate == "P161"


def test_shipped_pattern_file_loads() -> None:
    patterns = en_lead.load_lead_patterns(en_lead.PATTERN_FILE)
    assert {d.lead for d in patterns.detectors} == set(en_lead.LEAD_KINDS)
    assert all(0 <= r.confidence <= 1 for r in patterns.rules.values())


@pytest.mark.parametrize("line, problem", [
    ('{"id": "x", "lead": "film", "predicate": "P57", "pattern": "by {NOPE:object}"}', "unknown slot"),
    ('{"id": "x", "lead": "novel", "detect": "^ is a"}', "lead must be"),
    ('{"id": "x", "lead": "film", "detect": "^ is (a"}', "bad regular expression"),
    ('{"id": "x", "lead": "film", "rule": "lead_year", "predicate": "P999"}', "not in predicates.toml"),
    ('{"id": "x", "lead": "film", "rule": "guess", "predicate": "P577"}', "rule must be"),
    ('{"id": "x", "lead": "person", "detect": "^ is", "roles": {"actor": "P0"}}', "roles must map"),
    ('{"id": "x", "lead": "film", "colour": "red"}', "unknown keys"),
    ('{"id": "x", "words": []}', "word list"),
    ('{"id": "x", "lead": "film", "predicate": "P161", "pattern": "by {NAMES:object}", "subject": "series"}',
     "only for episode leads"),
    ("not json", "not JSON"),
])
def test_bad_pattern_line_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "en_lead.jsonl"
    path.write_text('// a comment\n{"id": "ok", "lead": "film", "detect": "^ is a film"}\n' + line + "\n",
                    encoding="utf-8")
    with pytest.raises(PatternError, match=problem) as err:
        en_lead.load_lead_patterns(path)
    assert err.value.line == 3 and err.value.path == str(path)


def test_clause_cues_run_once_with_the_lead_film_as_the_articles_film(monkeypatch: pytest.MonkeyPatch) -> None:
    # A sentence-case title the mention finder misses: the lead makes it the article's film before the clause
    # cues run (they used to run again after), and the genre beside it is its own, not the other film's.
    from reelgraph.extract import facts

    runs: list[int] = []
    real = facts.run_cues

    def counting(ctx: facts.Context, spans: list[tuple[int, int]], cue_list: list[facts.Cue]) -> None:
        runs.append(len(cue_list))
        real(ctx, spans, cue_list)

    monkeypatch.setattr(facts, "run_cues", counting)
    monkeypatch.setattr(en_lead, "run_cues", counting)
    ex = run('Copper valley nights is a 2011 Canadian western film directed by Rhea Marlowe. "Dust Road" opened in '
             '1950, and "Dust Road" was a hit. The film was produced by Ilse Varga.')
    got = triples(ex)
    assert {("Copper valley nights", "P57", "Rhea Marlowe"), ("Copper valley nights", "P162", "Ilse Varga"),
            ("Copper valley nights", "P136", "western film")} <= got
    assert ("Dust Road", "P136", "western film") not in got
    assert runs.count(len(facts.cues())) == 1


def test_film_lead_without_its_verb_after_a_bracket_keeps_its_other_titles() -> None:
    # "X (also known as Y and Z) a 1974 Belgian ... film": the verb left out; both other titles are the film's.
    ex = run("Salt and Ember (also known as Ashen Road and The Last Kiln) a 1981 Dutch drama film directed by "
             "Pim Voskuil and starring Anke Brouwer. The film was banned in two countries.")
    films = [e for e in ex.entities if e.type == "Film"]
    assert len(films) == 1 and films[0].name == "Salt and Ember"
    assert {"Ashen Road", "The Last Kiln"} <= set(films[0].aliases)
    got = triples(ex)
    assert {("Salt and Ember", "P577", "1981"), ("Salt and Ember", "P495", "Netherlands"),
            ("Salt and Ember", "P57", "Pim Voskuil"), ("Salt and Ember", "P161", "Anke Brouwer")} <= got


def test_director_lead_years_and_screenplay_of_the_films_directed() -> None:
    got = triples(run("Tomas Berg is a Swedish film director and writer. He went on to direct and write the screenplay "
                      "for The Quiet Ledger in 2004. In 2009, he then wrote and directed Winter Harbour, an "
                      "adaptation of a novel."))
    assert {("Quiet Ledger", "P57", "Tomas Berg"), ("Quiet Ledger", "P58", "Tomas Berg"),
            ("Quiet Ledger", "P577", "2004"), ("Winter Harbour", "P577", "2009")} <= got


def test_series_lead_presenters_and_broadcast_since() -> None:
    got = triples(run("Late Review is a weekday BBC current affairs programme. The programme's regular presenters are "
                      "currently Ann Cole and Jed Marsh. It has been broadcast on BBC Four since 1994."))
    assert {("Late Review", "P161", "Ann Cole"), ("Late Review", "P161", "Jed Marsh"),
            ("Late Review", "P580", "1994")} <= got


def test_person_lead_produced_and_starred_in_a_drama() -> None:
    got = triples(run('Ana Villar (born 1980) is a Chilean actress and producer. In 2012 she produced and starred '
                      'in his drama "Salt Roads" (2013), directed by Pablo Ortiz.'))
    assert ("Salt Roads", "P162", "Ana Villar") in got


def test_actor_lead_roles_listed_as_character_in_title() -> None:
    ex = run("Mara Quill (born 1975) is an English actress. She is known for various roles including Jo Pike in "
             "Harbour Street, Dana Vell in Copper Heights and Min in Salt Lines. She is also known for playing "
             "characters such as nurse Ada in Blue Ward, and she toured with Tom Reed in Leeds.")
    got = triples(ex)
    assert {(t, "P161", "Mara Quill") for t in ("Harbour Street", "Copper Heights", "Salt Lines", "Blue Ward")} <= got
    assert not any(s in ("Jo Pike", "Dana Vell", "Leeds") for s, _, _ in got)
    assert all(e.type != "Person" for e in ex.entities if e.name in ("Jo Pike", "Dana Vell"))


def test_person_lead_directorial_and_script_credits_by_wording() -> None:
    got = triples(run("Arjun Menon (born 1984) is an Indian playback singer, actor and director. His directorial debut "
                      "was in 2011 with Paper Boats, also written by him. He scripted and directed the film Monsoon "
                      "Letters in 2014. His first script for another director was Kite Season (2016). His most "
                      "recent directorial was Coffee House Days (2018)."))
    assert {("Paper Boats", "P57", "Arjun Menon"), ("Paper Boats", "P577", "2011"),
            ("Monsoon Letters", "P57", "Arjun Menon"), ("Monsoon Letters", "P58", "Arjun Menon"),
            ("Kite Season", "P58", "Arjun Menon"), ("Coffee House Days", "P57", "Arjun Menon")} <= got
    assert ("Kite Season", "P57", "Arjun Menon") not in got


def test_person_lead_award_after_a_pronoun_and_cast_member_of_a_revival() -> None:
    got = triples(run("Rafe Dunmore (born 1970) is an American actor best known for his role as Sal Brody on Night "
                      "Shift, for which he won the Golden Lantern Award for Best Actor in 2003. He was a cast member "
                      "of a 2001 revival of Harbor Watch and played a cop on Dockside."))
    assert ("Rafe Dunmore", "P166", "Golden Lantern Award for Best Actor") in got
    assert ("Harbor Watch", "P161", "Rafe Dunmore") in got
