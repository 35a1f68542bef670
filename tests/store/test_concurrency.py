"""Two writers at once (the CLI and the API on one database) queue instead of failing or duplicating."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from reelgraph import query
from reelgraph.store import open_store


def test_parallel_ingests_of_related_articles_make_one_entity_each(db_url, articles):
    jobs = [articles["premiere"](), articles["interview"]()] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        def ingest(ex):
            with open_store(db_url) as s:
                return s.ingest(ex).status
        statuses = list(pool.map(ingest, jobs))
    assert sorted(statuses) == ["stored"] * 2 + ["unchanged"] * 4
    with open_store(db_url) as s:
        assert s.stats()["documents"] == 2
        assert len(query.find_entities(s, "Silver Harbour")) == 1
        assert len(query.find_entities(s, "Anja Kovacic")) == 1
