"""A store for export tests: both sample articles, one fact rejected and one literal edited."""

from __future__ import annotations

import pytest

from reelgraph import query


@pytest.fixture
def curated(filled):
    (company,) = query.list_facts(filled, predicate="P272")
    (money,) = query.list_facts(filled, predicate="P2142")
    filled.set_fact_status(company["id"], "rejected", "ana")
    filled.edit_fact(money["id"], "21700000", "ana")
    return filled
