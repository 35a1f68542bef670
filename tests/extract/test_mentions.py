"""extract/en.py mention finding and typing: which spans become mentions, their types and names."""

from __future__ import annotations

from reelgraph.extract import extract
from reelgraph.model import Document, Extraction


def run(text: str, published: str | None = "2026-03-10") -> Extraction:
    return extract(Document(source="mine.txt", text=text, language="en", published=published))


def by_name(ex: Extraction) -> dict:
    return {e.name: e for e in ex.entities}


def test_honorific_form_is_an_alias() -> None:
    ex = run("The festival is chaired by the banker Sir Alden Frost. Its patron, Dr. Mira Castell, opened it.")
    people = by_name(ex)
    assert "Sir Alden Frost" in people["Alden Frost"].aliases
    assert "Dr. Mira Castell" in people["Mira Castell"].aliases
