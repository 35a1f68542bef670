"""rg:date_resolution attached from date mentions inside a fact's evidence."""

from __future__ import annotations

from reelgraph.extract.date_notes import DATE_RESOLUTION, ResolvedDate, note_resolutions
from reelgraph.extract.dates import find_dates, resolution
from reelgraph.model import Fact, Span, Term

TEXT = "It opens on 5 April. The release on 5 April 2024 is confirmed."


def release(*spans: tuple[int, int], value: str = "2024-04-05") -> Fact:
    return Fact("e1", "P577", "publication date", Term(value=value, datatype="date"), {}, 0.9,
                [Span(a, b, TEXT[a:b]) for a, b in spans])


def test_an_explicit_year_in_any_evidence_span_wins() -> None:
    dates = [ResolvedDate(12, 19, frozenset({"2024-04-05"}), "year from publication date 2024-03-01"),
             ResolvedDate(36, 48, frozenset({"2024-04-05"}), "explicit")]
    only_inferred, both = release((0, 20)), release((0, 20), (21, 63))
    note_resolutions([only_inferred, both], dates)
    assert only_inferred.qualifiers[DATE_RESOLUTION].value == "year from publication date 2024-03-01"
    assert both.qualifiers[DATE_RESOLUTION].value == "explicit"


def test_a_date_no_mention_gave_whole_falls_back_and_other_facts_are_left_alone() -> None:
    year_only = release((21, 63), value="2024")
    no_year_in_text = release((0, 20), value="2023")
    director = Fact("e1", "P57", "director", Term(entity="e2"), {}, 0.9, [Span(0, 20, TEXT[:20])])
    note_resolutions([year_only, no_year_in_text, director], [], fallback=lambda year: f"guessed {year}")
    assert year_only.qualifiers[DATE_RESOLUTION].value == "explicit"
    assert no_year_in_text.qualifiers[DATE_RESOLUTION].value == "guessed 2023"
    assert director.qualifiers == {}


def test_a_bare_weekday_note_says_which_way_from_the_reference() -> None:
    text = "The comedy opens in cinemas on Friday."
    (date,) = find_dates(text, "2025-03-12")
    fact = Fact("e1", "P577", "publication date", Term(value=date.iso, datatype="date"), {}, 0.9,
                [Span(0, len(text), text)])
    note_resolutions([fact], [ResolvedDate(date.start, date.end, frozenset({date.iso}), resolution(date, "dateline"))])
    assert date.iso == "2025-03-14"
    assert fact.qualifiers[DATE_RESOLUTION].value == "relative to reference date 2025-03-12 (Friday, the coming one)"
