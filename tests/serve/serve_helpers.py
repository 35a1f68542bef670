"""Constants and helpers the API, UI and browser tests share (fixtures are in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from reelgraph.model import Document, Entity, Extraction, Fact, Span, Term

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
RED_SILK = SHARED / "corpus" / "dev" / "red-silk-premiere.txt"
TOKEN = "test-token-5f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


NOTE_TEXT = ("Night Ferry premiered at the Harbour Film Week in Bergen on May 2, 2025. "
             "The drama is directed by Ilse Marten.\n"
             "Actor Tomas Berg plays the captain Aksel in the film. Berg learned to sail for it.\n"
             "Nordlys Pictures produced it. It opens in Norway on March 3, 2026.\n")


def _spans(text: str, name: str) -> list[Span]:
    """Every whole-word occurrence of `name` in `text`."""
    return [Span(m.start(), m.end(), m.group(0)) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]


def _sentence(text: str, cue: str) -> Span:
    """The sentence of `text` containing `cue`, as an evidence span."""
    at = text.index(cue)
    starts = [m.end() for m in re.finditer(r"(?<=[.\n]) ?", text[:at]) if m.end() <= at]
    start = max(starts, default=0)
    end = re.search(r"[.\n]", text[at:])
    stop = at + end.end() if end else len(text)
    return Span(start, stop, text[start:stop])


def night_ferry(extra: str = "") -> Extraction:
    """An extraction of a note we wrote, made by hand: the web layer's tests do not depend on the extractor."""
    text = NOTE_TEXT + extra
    def ent(eid, type_, name, *aliases):
        taken = {(m.start, m.end) for m in _spans(text, name)}
        spans = _spans(text, name) + [m for a in aliases for m in _spans(text, a)
                                      if not any(s <= m.start and m.end <= e for s, e in taken)]
        return Entity(eid, type_, name, list(aliases), sorted(spans, key=lambda m: m.start))
    entities = [ent("e1", "Film", "Night Ferry"), ent("e2", "Person", "Ilse Marten"),
                ent("e3", "Person", "Tomas Berg", "Berg"), ent("e4", "Character", "Aksel"),
                ent("e5", "Event", "Harbour Film Week"), ent("e6", "City", "Bergen"),
                ent("e7", "Organization", "Nordlys Pictures"), ent("e8", "Country", "Norway")]
    def fact(s, p, label, o, quals=None, cue="", conf=0.9):
        return Fact(s, p, label, o, quals or {}, conf, [_sentence(text, cue)])
    date = lambda v: Term(value=v, datatype="date")   # noqa: E731
    facts = [fact("e1", "P57", "director", Term("e2"), cue="directed by"),
             fact("e1", "P161", "cast member", Term("e3"), {"P453": Term("e4")}, cue="plays the captain"),
             fact("e1", "P272", "production company", Term("e7"), cue="produced it"),
             fact("e1", "P1191", "date of first performance", date("2025-05-02"), {"P131": Term("e6")},
                  cue="premiered"),
             fact("e1", "P5072", "presented in", Term("e5"), cue="premiered"),
             fact("e1", "P577", "publication date", date("2026-03-03"), {"P291": Term("e8")}, cue="opens in"),
             fact("e5", "P585", "point in time", date("2025-05-02"), cue="premiered"),
             fact("e5", "P276", "location", Term("e6"), cue="premiered")]
    doc = Document(source="night-ferry.txt", text=text, title="Night Ferry", language="en",
                   published="2025-04-01", reference_date="2025-04-01", reference_how="published")
    return Extraction(doc, entities, facts)


def ingest_file(store, path: Path):
    """The library's own ingest path, as `reelgraph ingest` runs it."""
    from reelgraph.extract import extract
    from reelgraph.read import read_path

    return store.ingest(extract(read_path(str(path))))


def find_entity(client: TestClient, query: str, type_: str) -> dict:
    """The first search hit of this type for `query`."""
    hits = client.get("/api/search", params={"q": query}).json()["entities"]
    for hit in hits:
        if hit["type"] == type_:
            return hit
    raise AssertionError(f"no {type_} for {query!r} in {hits}")


def cast_fact(client: TestClient, film_id: int, actor_part: str) -> dict:
    """The P161 fact whose actor's name contains `actor_part` (spellings vary: Bikovic, Bykovic)."""
    facts = client.get("/api/facts", params={"subject": film_id, "predicate": "P161"}).json()["facts"]
    for fact in facts:
        if actor_part.casefold() in ((fact["object"].get("entity") or {}).get("name") or "").casefold():
            return fact
    raise AssertionError(f"{actor_part!r} not in the cast: {facts}")
