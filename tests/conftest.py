"""Shared fixtures: a database URL per backend, an open store, and small hand-built extractions.

The articles here are sentences we wrote; none of their names come from the shared dev sets.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

import pytest

from reelgraph.model import Document, Entity, Extraction, Fact, Span, Term
from reelgraph.store import Store, open_store
from reelgraph.store.dialects import scratch_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database per test, on SQLite and (when `REELGRAPH_TEST_PG_URL` names a
    server, as `make test` does) on PostgreSQL, where each test gets its own database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'graph.db'}"
        return
    server = os.environ.get("REELGRAPH_TEST_PG_URL")
    if not server:
        pytest.skip("REELGRAPH_TEST_PG_URL is not set (make test starts a throw-away server)")
    with scratch_database(server) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Store:
    with open_store(db_url) as s:
        yield s


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def build_extraction(source: str, text: str, entities: list[tuple], facts: list[tuple],
                     lang: str = "en", title: str | None = None) -> Extraction:
    """An Extraction from (id, type, name, aliases) entities and
    (subject, predicate, label, object, qualifiers, confidence, evidence text) facts.

    An object or qualifier is an entity id like "e2" or a Term; mentions and
    evidence spans are found in `text` by string search.
    """
    ents = []
    for eid, type_, name, aliases in entities:
        spans = [_span(text, n) for n in [name, *aliases] if n in text]
        ents.append(Entity(eid, type_, name, list(aliases), spans))

    def term(x: str | Term) -> Term:
        return x if isinstance(x, Term) else Term(entity=x)

    fs = [Fact(s, p, label, term(o), {k: term(v) for k, v in quals.items()}, conf, [_span(text, ev)])
          for s, p, label, o, quals, conf, ev in facts]
    doc = Document(source=source, text=text, title=title or text.split(".")[0], language=lang,
                   published="2024-03-13", reference_date="2024-03-13", reference_how="published")
    return Extraction(doc, ents, fs)


PREMIERE = ("Silver Harbour, directed by Anja Kovačić, premiered in Prague on 12 March 2024. "
            "Tomas Lindqvist plays Captain Reyes, a smuggler. Northlight Pictures produced the film, "
            "which has earned $21.6 million.")
INTERVIEW = ("Director Anja Kovacic says Silver Harbour took four years. "
             "Lindqvist, who plays Captain Reyes, joined late.")


def premiere(text: str = PREMIERE, source: str = "news/silver-harbour-premiere.txt") -> Extraction:
    ents = [("e1", "Film", "Silver Harbour", []), ("e2", "Person", "Anja Kovačić", []),
            ("e3", "City", "Prague", []), ("e4", "Person", "Tomas Lindqvist", []),
            ("e5", "Character", "Captain Reyes", []), ("e6", "Organization", "Northlight Pictures", [])]
    facts = [("e1", "P57", "director", "e2", {}, 0.9, "directed by Anja Kovačić"),
             ("e1", "P1191", "date of first performance", Term(value="2024-03-12", datatype="date"),
              {"P131": "e3"}, 0.85, "premiered in Prague on 12 March 2024"),
             ("e1", "P161", "cast member", "e4", {"P453": "e5"}, 0.8, "Tomas Lindqvist plays Captain Reyes"),
             ("e1", "P272", "production company", "e6", {}, 0.7, "Northlight Pictures produced the film"),
             ("e1", "P2142", "box office", Term(value="21600000", datatype="quantity", unit="USD"), {}, 0.6,
              "earned $21.6 million")]
    if text != PREMIERE:
        facts = [f for f in facts if f[6] in text]
    return build_extraction(source, text, ents, facts)


def interview() -> Extraction:
    ents = [("e1", "Person", "Anja Kovacic", []), ("e2", "Film", "Silver Harbour", []),
            ("e3", "Person", "Lindqvist", []), ("e4", "Character", "Captain Reyes", [])]
    facts = [("e2", "P57", "director", "e1", {}, 0.95, "Director Anja Kovacic says Silver Harbour"),
             ("e2", "P161", "cast member", "e3", {"P453": "e4"}, 0.75, "Lindqvist, who plays Captain Reyes")]
    return build_extraction("news/kovacic-interview.txt", INTERVIEW, ents, facts)


@pytest.fixture
def articles() -> dict[str, Callable[..., Extraction]]:
    """Builders of the two sample articles (premiere news and an interview)."""
    return {"premiere": premiere, "interview": interview, "build": build_extraction}


@pytest.fixture
def filled(store: Store, articles: dict[str, Callable[..., Extraction]]) -> Store:
    """A store holding both sample articles."""
    store.ingest(articles["premiere"]())
    store.ingest(articles["interview"]())
    return store
