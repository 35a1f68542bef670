"""Mention typing, second round: languages, one-word actors, titles after "including" and "which also makes", companies after "tracker"."""

from __future__ import annotations

from reelgraph.extract import en


def types(text: str) -> dict[str, str]:
    return {m.text: m.type for m in en.find_mentions(text, en.nlp()(text))}


def test_language_before_film_is_no_company() -> None:
    got = types("The Malayalam film Kappal Yathra was a hit in Kerala.")
    assert got.get("Malayalam") not in ("Organization", "Person")


def test_one_word_actor_before_plays_is_a_person() -> None:
    assert types("Jayaram plays a village teacher in the film.")["Jayaram"] == "Person"


def test_one_word_actor_after_starring_is_a_person() -> None:
    got = types("The comedy, starring Tovaram, opens on Friday.")
    assert got["Tovaram"] == "Person"


def test_title_after_films_including_is_a_film() -> None:
    got = types("She made many films throughout the 1990s, including Grey Harbour and Copper Kite.")
    assert got["Grey Harbour"] == "Film"
    assert got["Copper Kite"] == "Film"


def test_title_a_company_also_makes_is_a_film() -> None:
    got = types("The comedy was a hit for Cinaflix, which also makes Harbour Nights.")
    assert got["Harbour Nights"] == "Film"


def test_name_after_tracker_is_a_company() -> None:
    got = types("According to the box-office tracker Filme B, the film sold 300,000 tickets.")
    assert got.get("Filme B") == "Organization"


def test_company_playing_a_role_stays_a_company() -> None:
    got = types("Vortexa plays a key role in the deal, the studio said.")
    assert got.get("Vortexa") != "Person"


def test_names_after_films_by_people_are_no_films() -> None:
    got = types("The series shows films by women, including Ngozi Bakare and Temitope Ade.")
    assert got.get("Ngozi Bakare") != "Film"


def test_person_after_firm_in_a_relative_clause_is_no_company() -> None:
    got = types("The firm Mira Castell founded in 1990 was sold.")
    assert got.get("Mira Castell") != "Organization"
