"""Constants and helpers the API, UI and browser tests share (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
RED_SILK = SHARED / "corpus" / "dev" / "red-silk-premiere.txt"
TOKEN = "test-token-5f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


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
