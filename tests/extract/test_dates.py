"""extract/dates.py: ISO at the text's precision, years from the reference, relative dates."""

from __future__ import annotations

import pytest

from reelgraph.extract.dates import find_dates, infer_reference_year, parse_date, resolution


@pytest.mark.parametrize("text, reference, iso", [
    ("4 May 2024", None, "2024-05-04"),
    ("March 3, 2019", "2025", "2019-03-03"),
    ("May 2023", None, "2023-05"),
    ("1999", None, "1999"),
    ("October 12th", "2024", "2024-10-12"),
    ("July 1 of this year", "2023-08-01", "2023-07-01"),
    ("last Friday", "2025-09-05", "2025-08-29"),
    ("next month", "2025-12-10", "2026-01"),
    ("yesterday", "2025-03-01", "2025-02-28"),
])
def test_parse_date_gives_the_texts_precision(text: str, reference: str | None, iso: str) -> None:
    assert parse_date(text, reference, "en")[0] == iso


def test_a_date_without_year_and_without_reference_is_not_made_up() -> None:
    assert parse_date("October 12th", None, "en") is None
    assert parse_date("last Friday", "2025", "en") is None   # a year is not enough for a weekday


def test_how_says_where_the_year_came_from() -> None:
    iso, how = parse_date("October 12th", "2024-06-01", "en")
    assert iso == "2024-10-12" and "reference 2024-06-01" in how
    assert parse_date("4 May 2024", None, "en")[1] == "explicit"


def test_ranges_give_start_and_end() -> None:
    [d] = find_dates("The market runs from June 3rd to 9th in the old town.", "2026")
    assert (d.iso, d.end_iso) == ("2026-06-03", "2026-06-09")
    [d] = find_dates("It ran 10-14 March 2021.", None)
    assert (d.iso, d.end_iso) == ("2021-03-10", "2021-03-14")


def test_month_after_in_takes_the_reference_year() -> None:
    dates = find_dates("The gala took place in June, and the jury met in 2019.", "2022")
    assert [(d.text, d.iso) for d in dates] == [("June", "2022-06"), ("2019", "2019")]


def test_reference_year_prefers_years_in_event_names() -> None:
    text = ('The studio was founded in 1998. In June, the "2031 Northern Lights Film Week" opened, '
            "and the 2030-2031 season of screenings continues.")
    year, how = infer_reference_year(text)
    assert year == "2031"
    assert how.startswith("inferred from text: 2031 in '2031 Northern Lights Film Week")


def test_other_languages_go_through_dateparser() -> None:
    assert parse_date("5 сентября", "2025", "ru")[0] == "2025-09-05"


@pytest.mark.parametrize("text, reference, reference_how, expected", [
    ("4 May 2024", "2025-09-01", "dateline", "explicit"),
    ("October 12", "2025-09-01", "dateline", "year from publication date 2025-09-01"),
    ("October 12", "2025", "inferred from text: 2025 in '2025 China Film Festival'",
     "year inferred from text: 2025 in '2025 China Film Festival'"),
    ("last Friday", "2025-09-05", "publication date", "relative to reference date 2025-09-05 (last Friday)"),
    ("May 5 of last year", "2025-09-05", "dateline", "relative to reference date 2025-09-05 (last year)"),
])
def test_resolution_says_where_the_year_came_from(text: str, reference: str, reference_how: str,
                                                  expected: str) -> None:
    (date,) = find_dates(text, reference)
    assert resolution(date, reference_how) == expected


@pytest.mark.parametrize("text, reference, iso", [
    ("The film opens in cinemas on Friday through a local distributor.", "2024-10-14", "2024-10-18"),
    ("It had its world premiere on Tuesday night at the Regent.", "2025-03-12", "2025-03-11"),
    ("The studio said on Wednesday that it would go ahead.", "2025-03-12", "2025-03-12"),
])
def test_bare_weekday_is_before_the_reference_unless_the_sentence_looks_ahead(text: str, reference: str,
                                                                               iso: str) -> None:
    (date,) = find_dates(text, reference)
    assert date.iso == iso
    assert resolution(date, "dateline").startswith(f"relative to reference date {reference} (")


@pytest.mark.parametrize("text, iso, which", [
    ("The comedy opens in cinemas on Friday.", "2025-03-14", "the coming one"),
    ("The comedy will open nationwide on Friday.", "2025-03-14", "the coming one"),
    ("The comedy is set to open on Friday.", "2025-03-14", "the coming one"),
    ("The sequel hits theaters on Friday.", "2025-03-14", "the coming one"),
    ("The sequel will hit theaters Friday.", "2025-03-14", "the coming one"),
    ("The studio said the sequel opens on Friday.", "2025-03-14", "the coming one"),
    ("The sequel is set to be released on Wednesday.", "2025-03-19", "the coming one"),
    ("The comedy opened in cinemas on Friday.", "2025-03-07", "the last one"),
    ("The drama, which opens in May, was screened on Friday.", "2025-03-07", "the last one"),
    ("The studio confirmed on Wednesday that it would go ahead.", "2025-03-12", "the same day"),
])
def test_bare_weekday_follows_the_tense_of_the_nearest_verb(text: str, iso: str, which: str) -> None:
    date = next(d for d in find_dates(text, "2025-03-12") if d.text.split()[0].endswith("day"))   # a Wednesday
    assert date.iso == iso
    day = date.text.split()[0]
    assert resolution(date, "dateline") == f"relative to reference date 2025-03-12 ({day}, {which})"


def test_bare_weekday_without_a_full_reference_has_no_date() -> None:
    (date,) = find_dates("The studio said on Wednesday.", "2025")
    assert date.iso is None


@pytest.mark.parametrize("text, reference, iso", [
    ("after its premiere last November", "2024-10-14", "2023-11"),
    ("it opens next March", "2024-10-14", "2025-03"),
    ("it opened this May", "2024-10-14", "2024-05"),
    ("it opens on 7 March next year", "2024-09-16", "2025-03-07"),
])
def test_month_relative_to_the_reference(text: str, reference: str, iso: str) -> None:
    (date,) = find_dates(text, reference)
    assert date.iso == iso
