"""The schema: Alembic builds exactly schema.py's tables, records its version, and reopens cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reelgraph.store import open_store
from reelgraph.store.schema import metadata


def test_schema_version_is_recorded(store):
    assert store.schema_version() == "0001"
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"


def test_migrations_build_exactly_the_declared_schema(store):
    with store.read() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_reopening_keeps_data_and_version(db_url, articles):
    with open_store(db_url) as first:
        first.ingest(articles["premiere"]())
        before = first.stats()
    with open_store(db_url) as again:
        assert again.schema_version() == "0001"
        assert again.stats() == before


def test_default_url_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REELGRAPH_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with open_store() as s:
        assert s.stats()["documents"] == 0
    assert (tmp_path / "env.db").exists()


def test_default_url_without_environment_is_a_file_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("REELGRAPH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    with open_store():
        pass
    assert (tmp_path / "reelgraph.db").exists()


def test_sqlite_has_foreign_keys_and_wal(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite pragmas")
    with open_store(db_url) as s, s.read() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_bad_url_is_a_store_error_naming_it():
    from reelgraph.errors import StoreError

    with pytest.raises(StoreError, match="nosuchdb://"):
        open_store("nosuchdb://somewhere/x")
    with pytest.raises(StoreError, match="not a url"):
        open_store("not a url")
