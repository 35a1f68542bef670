"""Fixtures for the API and UI tests: an app over a fresh store (SQLite, and PostgreSQL when
`REELGRAPH_TEST_PG_URL` is set, through the `db_url` fixture of tests/conftest.py)."""

from __future__ import annotations

from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from reelgraph.serve.api import create_app
from serve_helpers import RED_SILK, TOKEN, ingest_file, night_ferry


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """An app over an empty store, with a known token."""
    with TestClient(create_app(db_url, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def red_silk(client: TestClient) -> TestClient:
    """The same app with the Red Silk premiere article ingested."""
    ingest_file(client.app.state.store, RED_SILK)
    return client


@pytest.fixture
def ferry(client: TestClient) -> TestClient:
    """The same app with our hand-made Night Ferry extraction stored."""
    client.app.state.store.ingest(night_ferry())
    return client
