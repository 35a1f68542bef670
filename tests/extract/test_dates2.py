"""A dateline without a year, and a year-less date on the far side of the reference date."""

from __future__ import annotations

from reelgraph.extract.dates import find_dates, resolution
from reelgraph.extract.en import _with_reference
from reelgraph.model import Document
from reelgraph.read.dates import dateline_month_day

_STORY = ("Puppet film tops the charts\n\n"
          "OSLO, Feb. 3 (Nordwire) — The stop-motion feature \"Paper Lanterns\", the biggest hit of the "
          "2023-24 winter season, has sold a million tickets, its distributor said, ten weeks after the "
          "film opened on Nov. 24.\n")


def test_a_dateline_without_a_year_gives_its_month_and_day() -> None:
    assert dateline_month_day(_STORY) == (2, 3)
    assert dateline_month_day("BERGEN, March 9 — The studio said the shoot ended.") == (3, 9)


def test_a_sentence_starting_with_a_date_is_no_dateline() -> None:
    assert dateline_month_day("On Feb. 3, the studio said the shoot ended — at last.") is None
    assert dateline_month_day("Puppet film tops the charts\n\nThe film opened on Nov. 24.") is None


def test_the_reference_date_is_the_datelines_day_in_the_inferred_year() -> None:
    doc = _with_reference(Document(source="mine.txt", text=_STORY, language="en"))
    assert doc.reference_date == "2024-02-03"
    assert "dateline" in doc.reference_how


def test_a_past_verb_puts_a_later_month_in_the_year_before() -> None:
    [d] = [d for d in find_dates(_STORY, "2024-02-03") if d.text == "Nov. 24"]
    assert d.iso == "2023-11-24"
    assert resolution(d, "publication date") == "year from publication date 2024-02-03 (the last one)"


def test_a_future_verb_puts_an_earlier_month_in_the_year_after() -> None:
    [d] = find_dates("The studio said the film will open in Norway on March 14.", "2024-11-20")
    assert d.iso == "2025-03-14"
    [d] = find_dates("The studio said the film will open in Norway in January.", "2024-11-20")
    assert d.iso == "2025-01"


def test_a_date_near_the_reference_or_without_tense_keeps_its_year() -> None:
    [d] = find_dates("The film opened on Feb. 10 in Bergen.", "2024-02-03")    # a week after: still this year
    assert d.iso == "2024-02-10"
    [d] = find_dates("Release: Nov. 24.", "2024-02-03")                        # no tense word
    assert d.iso == "2024-11-24"
    [d] = find_dates("The film premiered on June 2.", "2024-09-01")            # already before
    assert d.iso == "2024-06-02"


def test_the_resolution_names_the_dateline_and_where_its_year_came_from() -> None:
    doc = _with_reference(Document(source="mine.txt", text=_STORY, language="en"))
    [d] = [d for d in find_dates(_STORY, doc.reference_date) if d.text == "Nov. 24"]
    note = resolution(d, doc.reference_how)
    assert note.startswith("year from reference date 2024-02-03 (dateline without a year; year inferred from text")
    assert note.endswith("(the last one)")


def test_the_other_year_only_when_it_is_nearer() -> None:
    [d] = find_dates("The festival opened on 13 May.", "2026-03-10")     # two months on: the same year
    assert d.iso == "2026-05-13"
    [d] = find_dates("The festival opened on 13 May.", "2026-01-10")     # four months on: still nearer
    assert d.iso == "2026-05-13"
    [d] = find_dates("The festival opened on 13 November.", "2026-01-10")
    assert d.iso == "2025-11-13"
