"""Fixtures for the API and UI tests: a fresh SQLite store with a real article in it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from reelgraph.serve.api import create_app
from serve_helpers import RED_SILK, TOKEN, ingest_file, night_ferry


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'graph.db'}"


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
