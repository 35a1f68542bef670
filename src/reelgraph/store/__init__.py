"""The graph on disk: `open_store(url)` returns a `Store` over SQLite or PostgreSQL."""

from reelgraph.store.store import IngestResult, Store, name_key, open_store

__all__ = ["IngestResult", "Store", "name_key", "open_store"]
